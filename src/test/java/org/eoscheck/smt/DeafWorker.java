package org.eoscheck.smt;

/**
 * A worker that reports ready and then never answers, whatever time-out or halt time a query
 * carries: the worst a Z3 ignoring its time-out can do. Only its parent's kill ends it (or, so that
 * no test leaves it behind, the death of its parent).
 */
public final class DeafWorker {
  private DeafWorker() {}

  public static void main(String[] args) throws InterruptedException {
    ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> System.exit(3)));
    System.out.print(WorkerProtocol.PREFIX + WorkerProtocol.READY + " deaf\n");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}

package org.eoscheck.smt;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eoscheck.certificate.SmtOracle;

/**
 * Z3 in a pool of {@link Z3Worker} processes, so that every query's budget holds: Z3 may ignore its
 * own timeout on hard nonlinear queries (Z3 issues #5568, #7607), a process can always be killed.
 *
 * <p>Workers start lazily and are reused across queries (each start unpacks ~35 MB of natives);
 * each query runs in a fresh Z3 context. A query that overruns its budget (plus {@link #GRACE})
 * gets its worker killed with its children and answers {@code Unknown("budget")}; a worker that
 * dies answers {@code Unknown("crash: ...")}; the next query starts a replacement. At most
 * {@code workers} queries run at once, one per worker; further callers wait (within their budget).
 * Thread-safe.
 */
public final class Z3Processes implements SmtOracle, AutoCloseable {
  /** How long past its budget a query may take to answer before its worker is killed. */
  static final Duration GRACE = Duration.ofMillis(500);
  /** How long past the kill time a worker whose parent failed to kill it halts itself. */
  static final Duration SELF_HALT = Duration.ofSeconds(5);
  /** How long {@link #version()} waits for a worker to start. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  /** Budgets beyond this are treated as this (keeps the clock arithmetic far from overflow). */
  private static final Duration LONGEST_BUDGET = Duration.ofDays(365);
  /** The pool of {@link #shared()}. */
  private static Z3Processes shared;

  private final Semaphore slots;
  private final int workers;
  private final Deque<WorkerProcess> idle = new ConcurrentLinkedDeque<>();
  private final Set<WorkerProcess> all = ConcurrentHashMap.newKeySet();
  /** The command line of a worker. */
  private final List<String> command;
  private final boolean z3Timeout;
  private volatile boolean closed;
  private volatile String version;

  /** A pool of at most {@code workers} Z3 processes (none started yet). */
  public Z3Processes(int workers) {
    this(workers, true);
  }

  /**
   * A pool that, with {@code z3Timeout} false, does not pass the budget to Z3 as its own timeout,
   * so that every overrun ends in a kill (to test that path).
   */
  Z3Processes(int workers, boolean z3Timeout) {
    this(workers, z3Timeout, Z3Worker.class);
  }

  /** A pool whose workers run {@code worker}'s main instead of {@link Z3Worker} (for tests). */
  Z3Processes(int workers, boolean z3Timeout, Class<?> worker) {
    this.z3Timeout = z3Timeout;
    if (workers < 1) {
      throw new IllegalArgumentException("need at least one Z3 worker");
    }
    this.workers = workers;
    this.slots = new Semaphore(workers, true);
    List<String> c = new ArrayList<>(workerJvm());
    c.add(worker.getName());
    this.command = List.copyOf(c);
  }

  /**
   * The pool of this JVM, shared by check and replay: one worker per core (started at the first
   * query), closed at exit.
   */
  public static synchronized Z3Processes shared() {
    if (shared == null) {
      shared = new Z3Processes(Math.max(1, Runtime.getRuntime().availableProcessors()));
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /**
   * The worker's JVM command line up to the main class: the running java, its class path, a
   * small heap, the C1 compiler only and class-data sharing (start-up dominates the workers' Java
   * work; Z3 runs natively).
   */
  static List<String> workerJvm() {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-XX:-UsePerfData", "-Xshare:auto", "-cp", System.getProperty("java.class.path"));
  }

  /** Starts every worker now, in the background, rather than at the first queries. */
  public void prestart() {
    if (!slots.tryAcquire(workers)) {
      return; // queries are running: they start workers themselves
    }
    try {
      for (int i = all.size(); i < workers && !closed; i++) {
        idle.add(startWorker());
      }
    } catch (IOException e) {
      // the first query reports it
    } finally {
      slots.release(workers);
    }
  }

  /**
   * Decides the script on a worker. Never blocks much longer than {@code budget} (the whole call
   * counts, including waiting for a free or starting worker).
   */
  @Override
  public Answer decide(String smtlib2, Duration budget) {
    if (budget.compareTo(LONGEST_BUDGET) > 0) {
      budget = LONGEST_BUDGET;
    }
    long deadline = System.nanoTime() + budget.toNanos();
    if (closed) {
      return closedAnswer();
    }
    try {
      if (budget.isNegative() || budget.isZero()
          || !slots.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        return new Unknown(Unknown.BUDGET + " (no free Z3 worker)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Unknown("error: interrupted");
    }
    try {
      return checkOnWorker(smtlib2, deadline);
    } finally {
      slots.release();
    }
  }

  /** Runs one query on an idle or new worker; the caller holds a slot. */
  private Answer checkOnWorker(String smtlib2, long deadline) {
    WorkerProcess w;
    try {
      w = takeWorker();
    } catch (IOException e) {
      return new Unknown("crash: cannot start a Z3 worker: " + e.getMessage());
    }
    try {
      switch (w.awaitReady(deadline - System.nanoTime())) {
        case FAILED:
          discard(w);
          return closed ? closedAnswer() : new Unknown("crash: " + w.failure());
        case STARTING:
          giveBack(w); // it goes on starting for the next query
          return new Unknown(Unknown.BUDGET + " (Z3 worker still starting)");
        default:
          break;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        giveBack(w);
        return new Unknown(Unknown.BUDGET);
      }
      long wait = left + GRACE.toNanos();
      WorkerProcess.Reply reply = w.ask(new WorkerProtocol.Query(
          z3Timeout ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)) : 0,
          TimeUnit.NANOSECONDS.toMillis(wait + SELF_HALT.toNanos()), smtlib2), wait);
      if (reply instanceof WorkerProcess.Answered a) {
        giveBack(w);
        return a.answer();
      }
      discard(w);
      if (closed) {
        return closedAnswer();
      }
      return reply == null ? new Unknown(Unknown.BUDGET)
          : new Unknown("crash: " + ((WorkerProcess.Died) reply).why());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      discard(w);
      return new Unknown("error: interrupted");
    }
  }

  private WorkerProcess takeWorker() throws IOException {
    WorkerProcess w;
    while ((w = idle.poll()) != null) {
      if (w.alive()) {
        return w;
      }
      discard(w);
    }
    return startWorker();
  }

  private WorkerProcess startWorker() throws IOException {
    WorkerProcess w = WorkerProcess.start(command, v -> version = v);
    all.add(w);
    return w;
  }

  private void giveBack(WorkerProcess w) {
    idle.push(w);
    if (closed && idle.remove(w)) {
      discard(w);
    }
  }

  private void discard(WorkerProcess w) {
    all.remove(w);
    w.destroy();
  }

  private static Answer closedAnswer() {
    return new Unknown("error: the Z3 pool is closed");
  }

  /** The Z3 version of the workers, e.g. "Z3 4.14.1"; starts a worker if none ran yet. */
  public String version() {
    String v = version;
    if (v != null) {
      return v;
    }
    Answer a = decide("(check-sat)\n", START_TIMEOUT);
    v = version;
    return v != null ? v : "Z3 (unavailable: " + a + ")";
  }

  /** Process ids of the current workers (for tests and diagnostics). */
  List<Long> workerPids() {
    List<Long> pids = new ArrayList<>();
    all.forEach(w -> pids.add(w.pid()));
    return pids;
  }

  /** Process ids of the workers that are solving a query now. */
  List<Long> busyWorkerPids() {
    List<Long> pids = new ArrayList<>();
    all.stream().filter(WorkerProcess::asking).forEach(w -> pids.add(w.pid()));
    return pids;
  }

  /** Kills every worker; queries in flight and later answer Unknown. */
  @Override
  public void close() {
    closed = true;
    idle.clear();
    for (WorkerProcess w : all) {
      discard(w);
    }
  }
}

package org.eoscheck.smt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eoscheck.certificate.SmtOracle;

/**
 * One {@link Z3Worker} process seen from the parent: start, ask, kill. Each worker gets its own
 * temporary directory (z3-turnkey unpacks its ~35 MB of natives there, and its stderr goes there),
 * deleted when the process is gone, so forcibly killed workers leave nothing behind.
 */
final class WorkerProcess {
  /** What the reader thread saw: one answer, or the death of the process. */
  sealed interface Reply {}

  record Answered(SmtOracle.Answer answer) implements Reply {}

  record Died(String why) implements Reply {}

  /** The state of a worker's start. */
  enum Readiness { READY, STARTING, FAILED }

  /** Every live worker of this JVM, killed by a shutdown hook if nobody closed its pool. */
  private static final Set<WorkerProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(WorkerProcess::destroy)));
  }

  private final Process process;
  private final Path dir;
  private final OutputStream stdin;
  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
  private final AtomicBoolean destroyed = new AtomicBoolean();
  private volatile boolean asking;

  private WorkerProcess(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
    this.stdin = process.getOutputStream();
  }

  /**
   * Starts a worker running {@code java} (the JVM command line with its main class, normally
   * {@link Z3Worker}; {@code -Djava.io.tmpdir} is added here). Returns at once; use
   * {@link #awaitReady}. {@code onReady} receives the worker's Z3 version.
   */
  static WorkerProcess start(List<String> java, Consumer<String> onReady) throws IOException {
    Path dir = Files.createTempDirectory("eoscheck-z3-");
    List<String> command = new ArrayList<>(java);
    command.add(1, "-Djava.io.tmpdir=" + dir);
    Process p;
    try {
      p = new ProcessBuilder(command)
          .redirectError(dir.resolve("stderr.txt").toFile())
          .start();
    } catch (IOException e) {
      deleteTree(dir);
      throw e;
    }
    WorkerProcess w = new WorkerProcess(p, dir);
    LIVE.add(w);
    w.ready.thenAccept(onReady);
    Thread reader = new Thread(w::readLoop, "z3-worker-reader-" + p.pid());
    reader.setDaemon(true);
    reader.start();
    return w;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive() && !ready.isCompletedExceptionally();
  }

  /** Waits up to {@code nanos} for the worker to load Z3. */
  Readiness awaitReady(long nanos) throws InterruptedException {
    try {
      ready.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
      return Readiness.READY;
    } catch (TimeoutException e) {
      return Readiness.STARTING;
    } catch (ExecutionException e) {
      return Readiness.FAILED;
    }
  }

  /** Why the start failed (meaningful after {@link Readiness#FAILED}). */
  String failure() {
    try {
      ready.getNow(null);
      return "";
    } catch (RuntimeException e) {
      return e.getCause() != null ? e.getCause().getMessage() : e.toString();
    }
  }

  /**
   * Sends one query (the worker must be ready and idle) and waits up to {@code waitNanos} for the
   * reply; null when none came in time (the caller then {@link #destroy}s the worker).
   */
  Reply ask(WorkerProtocol.Query query, long waitNanos) throws InterruptedException {
    replies.clear();
    try {
      WorkerProtocol.writeQuery(stdin, query);
    } catch (IOException e) {
      return new Died("cannot send the query: " + e.getMessage());
    }
    asking = true;
    try {
      return replies.poll(waitNanos, TimeUnit.NANOSECONDS);
    } finally {
      asking = false;
    }
  }

  /** Whether a query has been sent and its reply is awaited. */
  boolean asking() {
    return asking;
  }

  /**
   * Kills the worker and its children at once, waits for its end and deletes its directory. Only
   * the first call does the work (the reader thread and the pool may both call it).
   */
  void destroy() {
    if (!destroyed.compareAndSet(false, true)) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LIVE.remove(this);
    deleteTree(dir);
  }

  /** Reads the worker's stdout: the ready line, then one reply per query, until it dies. */
  private void readLoop() {
    try (InputStream in = new BufferedInputStream(process.getInputStream())) {
      List<String> pending = new ArrayList<>();
      String line;
      while ((line = WorkerProtocol.readLine(in)) != null) {
        if (!line.startsWith(WorkerProtocol.PREFIX)) {
          continue; // noise from native code
        }
        String msg = line.substring(WorkerProtocol.PREFIX.length());
        if (msg.startsWith(WorkerProtocol.READY + " ")) {
          ready.complete(msg.substring(WorkerProtocol.READY.length() + 1));
        } else if (msg.startsWith(WorkerProtocol.FAILED + " ")) {
          ready.completeExceptionally(new IOException(msg.substring(WorkerProtocol.FAILED.length() + 1)));
        } else {
          pending.add(msg);
          if (msg.equals(WorkerProtocol.END)) {
            replies.add(new Answered(WorkerProtocol.parse(pending)));
            pending = new ArrayList<>();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // treated as the death of the worker below
    }
    String why = deathNotice();
    ready.completeExceptionally(new IOException(why));
    replies.add(new Died(why));
    destroy();
  }

  /** Exit status and the tail of stderr of a worker whose output ended. */
  private String deathNotice() {
    String status;
    try {
      status = process.waitFor(2, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "output closed";
    } catch (InterruptedException e) {
      status = "output closed";
    }
    String tail = "";
    try {
      byte[] err = Files.readAllBytes(dir.resolve("stderr.txt"));
      String s = WorkerProtocol.oneLine(new String(err, StandardCharsets.UTF_8));
      tail = s.length() > 300 ? "..." + s.substring(s.length() - 300) : s;
    } catch (IOException e) {
      // no stderr
    }
    return "Z3 worker " + process.pid() + " died (" + status + ")" + (tail.isEmpty() ? "" : ": " + tail);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // already gone
    }
  }
}

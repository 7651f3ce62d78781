package org.eoscheck.verify;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eoscheck.EoscheckException;

/**
 * The instant by which a run must end ({@code --time-limit}), and how a phase of the run honours
 * it: {@link #run} computes in a phase thread and waits for it at most until the deadline. On
 * overrun the thread is interrupted, which stops the cooperative parts (the kernel's polynomial
 * arithmetic, Symja and its polynomial library JAS check the interrupt flag) and is then left
 * behind, and the caller goes on without the phase's result: a reduction not found, a run that
 * ends UNKNOWN. No result of an abandoned phase is ever used.
 */
public record Deadline(long nanoTime) {
  /** Phase threads get a large stack: expression trees of nested built-ins recurse deeply. */
  private static final long STACK_BYTES = 256L << 20;

  /** The deadline {@code d} from now. */
  public static Deadline after(Duration d) {
    return new Deadline(System.nanoTime() + Math.min(d.toNanos(), Long.MAX_VALUE / 4));
  }

  /** Nanoseconds left (negative once passed). */
  public long remainingNanos() {
    return nanoTime - System.nanoTime();
  }

  /** The time left, zero once passed. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, remainingNanos()));
  }

  public boolean passed() {
    return remainingNanos() <= 0;
  }

  /** {@code budget}, cut to the time left. */
  public Duration clip(Duration budget) {
    Duration left = remaining();
    return budget.compareTo(left) < 0 ? budget : left;
  }

  /** The deadline at the given share (0 to 1) of the time left from now. */
  public Deadline share(double fraction) {
    long left = Math.max(0, remainingNanos());
    return new Deadline(System.nanoTime() + (long) (left * fraction));
  }

  /** This deadline moved by {@code d} (later for a positive d). */
  public Deadline plus(Duration d) {
    return new Deadline(nanoTime + d.toNanos());
  }

  /** A computation that may fail with a checked eoscheck exception. */
  @FunctionalInterface
  public interface Work<T> {
    T call() throws EoscheckException;
  }

  /**
   * The phase ran past the deadline (or out of memory, or stack) and was given up; its thread
   * was interrupted and left behind. Thrown through enclosing phases as it is.
   */
  public static final class Exceeded extends EoscheckException {
    private static final long serialVersionUID = 1L;
    private final String phase;
    private final String reason;

    /** {@code phase} was given up at the time limit. */
    public Exceeded(String phase) {
      this(phase, null);
    }

    /** {@code phase} was given up for {@code reason}, or (null) at the time limit. */
    Exceeded(String phase, String reason) {
      super(phase + ": " + (reason == null ? "given up at the time limit" : reason));
      this.phase = phase;
      this.reason = reason;
    }

    /** The phase that was given up, e.g. "preconditioning". */
    public String phase() {
      return phase;
    }

    /** The phase, with the reason unless it was the time limit: "elaboration (out of memory)". */
    public String describe() {
      return reason == null ? phase : phase + " (" + reason + ")";
    }
  }

  /**
   * The value of {@code work}, computed in a phase thread named after {@code phase}, if it is
   * done by the deadline. Exceptions of the work are rethrown as they are (checked ones as
   * {@link EoscheckException}); running out of memory or stack counts as not done.
   *
   * @throws Exceeded if the deadline passed first (or had passed), or the caller was interrupted
   */
  public <T> T run(String phase, Work<T> work) throws EoscheckException {
    if (passed()) {
      throw new Exceeded(phase);
    }
    FutureTask<T> task = new FutureTask<>(work::call);
    Thread thread = new Thread(null, task, "eoscheck-" + phase, STACK_BYTES);
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(Math.max(0, remainingNanos()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      thread.interrupt();
      throw new Exceeded(phase);
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
      throw new Exceeded(phase); // the caller's own phase is being given up
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof EoscheckException ee) {
        throw ee;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof OutOfMemoryError) {
        throw new Exceeded(phase, "out of memory");
      }
      if (cause instanceof StackOverflowError) {
        throw new Exceeded(phase, "stack overflow");
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }
}

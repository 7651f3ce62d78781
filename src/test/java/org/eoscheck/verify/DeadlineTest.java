package org.eoscheck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eoscheck.EoscheckException;
import org.eoscheck.InputException;
import org.junit.jupiter.api.Test;

/** A phase run under a deadline gives its value, or is given up (and interrupted) when it passes. */
class DeadlineTest {
  @Test
  void aPhaseDoneInTimeGivesItsValue() throws Exception {
    assertEquals(42, Deadline.after(Duration.ofSeconds(30)).run("answer", () -> 42));
  }

  @Test
  void aPhasePastTheDeadlineIsGivenUpAndInterrupted() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    Deadline d = Deadline.after(Duration.ofMillis(200));
    Deadline.Exceeded e = assertThrows(Deadline.Exceeded.class, () -> d.run("endless", () -> {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.onSpinWait();
      }
      stopped.countDown();
      return 0;
    }));
    assertEquals("endless", e.phase());
    assertEquals("endless", e.describe(), "given up at the time limit: no reason noted");
    assertTrue(d.passed());
    assertTrue(stopped.await(30, TimeUnit.SECONDS), "the phase's thread was interrupted");
  }

  @Test
  void thePhasesExceptionsPassThroughAsTheyAre() {
    Deadline d = Deadline.after(Duration.ofSeconds(30));
    InputException bad = new InputException("bad");
    assertSame(bad, assertThrows(InputException.class, () -> d.run("input", () -> {
      throw bad;
    })));
    IllegalStateException bug = new IllegalStateException("bug");
    assertSame(bug, assertThrows(IllegalStateException.class, () -> d.run("bug", () -> {
      throw bug;
    })));
  }

  @Test
  void anInnerPhaseGivenUpGivesUpTheOuterOneWithItsName() {
    Deadline outer = Deadline.after(Duration.ofSeconds(30));
    Deadline inner = Deadline.after(Duration.ofMillis(100));
    Deadline.Exceeded e = assertThrows(Deadline.Exceeded.class, () -> outer.run("outer",
        () -> inner.run("inner", () -> {
          while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
          }
          return 0;
        })));
    assertEquals("inner", e.phase());
  }

  @Test
  void runningOutOfMemoryOrStackCountsAsNotDone() {
    Deadline d = Deadline.after(Duration.ofSeconds(30));
    assertEquals("elaboration (out of memory)", assertThrows(Deadline.Exceeded.class,
        () -> d.run("elaboration", () -> {
          throw new OutOfMemoryError("test");
        })).describe());
    assertEquals("elaboration (stack overflow)", assertThrows(Deadline.Exceeded.class,
        () -> d.run("elaboration", () -> {
          throw new StackOverflowError("test");
        })).describe());
  }

  @Test
  void aPassedDeadlineRunsNothing() {
    AtomicBoolean ran = new AtomicBoolean();
    Deadline d = new Deadline(System.nanoTime() - 1);
    assertThrows(Deadline.Exceeded.class, () -> d.run("late", () -> ran.getAndSet(true)));
    assertFalse(ran.get());
    assertEquals(Duration.ZERO, d.remaining());
    assertEquals(Duration.ZERO, d.clip(Duration.ofSeconds(5)));
  }

  @Test
  void sharesAndClipsAreOfTheTimeLeft() throws EoscheckException {
    Deadline d = Deadline.after(Duration.ofSeconds(100));
    assertTrue(d.share(0.5).remainingNanos() <= d.remainingNanos() / 2 + 1_000_000);
    assertTrue(d.share(0.5).remainingNanos() > 40_000_000_000L);
    assertEquals(Duration.ofSeconds(5), d.clip(Duration.ofSeconds(5)));
    assertTrue(d.clip(Duration.ofSeconds(500)).compareTo(Duration.ofSeconds(100)) <= 0);
  }
}

package org.eoscheck.smt;

import static org.eoscheck.smt.Queries.box;
import static org.eoscheck.smt.Queries.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eoscheck.certificate.SmtOracle;
import org.junit.jupiter.api.Test;

/** The worker pool: budgets hold on queries Z3 cannot finish, killed workers are replaced. */
class Z3ProcessesTest {
  private static final Duration BUDGET = Duration.ofSeconds(2);
  /** Far below the 20+ s the hard query takes, far above budget + grace + kill. */
  private static final Duration BOUND = BUDGET.plusSeconds(8);

  private static final String EASY_UNSAT =
      query(box("x", "1", "2"), List.of(), "x^2 - 2*x + 1 >= 0");
  private static final String EASY_SAT = query(box("x", "-1", "1"), List.of(), "x^2 > 0");

  @Test
  void versionNamesZ3AndWorkersAreReused() {
    try (Z3Processes z3 = new Z3Processes(1)) {
      long t0 = System.nanoTime();
      String version = z3.version();
      long start = System.nanoTime() - t0;
      assertTrue(version.matches("Z3 4\\.\\d+\\.\\d+"), version);
      List<Long> pids = z3.workerPids();
      t0 = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        assertInstanceOf(SmtOracle.Unsat.class, z3.decide(EASY_UNSAT, Duration.ofSeconds(30)));
      }
      long roundTrip = (System.nanoTime() - t0) / 20;
      System.out.printf("%s: worker start %d ms, mean round trip %.1f ms%n", version,
          start / 1_000_000, roundTrip / 1e6);
      assertInstanceOf(SmtOracle.Unsat.class, z3.decide(EASY_UNSAT, Duration.ofSeconds(Long.MAX_VALUE)));
      assertEquals(pids, z3.workerPids());
    }
  }

  @Test
  void overrunWorkerIsKilledAndReplaced() {
    // Without Z3's own timeout every overrun must end in a kill of the worker process.
    try (Z3Processes z3 = new Z3Processes(1, false)) {
      assertInstanceOf(SmtOracle.Unsat.class, z3.decide(EASY_UNSAT, Duration.ofSeconds(30)));
      List<Long> before = z3.workerPids();
      assertEquals(1, before.size());
      long t0 = System.nanoTime();
      SmtOracle.Answer a = z3.decide(Queries.hardDepth3(), BUDGET);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      System.out.println("hard query, budget " + BUDGET.toMillis() + " ms, killed after "
          + took.toMillis() + " ms: " + a);
      assertEquals(new SmtOracle.Unknown("budget"), a);
      assertTrue(took.compareTo(BOUND) < 0, "took " + took);
      assertFalse(ProcessHandle.of(before.get(0)).map(ProcessHandle::isAlive).orElse(false),
          "the overrun worker still runs");
      t0 = System.nanoTime();
      assertInstanceOf(SmtOracle.Sat.class, z3.decide(EASY_SAT, Duration.ofSeconds(30)));
      System.out.println("next query on a fresh worker: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      List<Long> after = z3.workerPids();
      assertEquals(1, after.size());
      assertNotEquals(before, after);
    }
  }

  @Test
  void z3OwnTimeoutAlsoEndsInBudget() {
    try (Z3Processes z3 = new Z3Processes(1)) {
      long t0 = System.nanoTime();
      SmtOracle.Answer a = z3.decide(Queries.hardDepth3(), BUDGET);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      System.out.println("hard query with Z3 timeout, budget " + BUDGET.toMillis() + " ms: "
          + took.toMillis() + " ms: " + a);
      assertTrue(a instanceof SmtOracle.Unknown u && u.budgetExhausted(), a.toString());
      assertTrue(took.compareTo(BOUND) < 0, "took " + took);
      assertInstanceOf(SmtOracle.Unsat.class, z3.decide(EASY_UNSAT, Duration.ofSeconds(30)));
    }
  }

  @Test
  void workerIgnoringItsTimeOutIsKilledAtItsBudget() throws Exception {
    try (Z3Processes pool = new Z3Processes(1, true, DeafWorker.class)) {
      ExecutorService ex = Executors.newSingleThreadExecutor();
      try {
        Future<SmtOracle.Answer> answer = ex.submit(() -> pool.decide(EASY_UNSAT, Duration.ofSeconds(5)));
        while (pool.busyWorkerPids().isEmpty() && !answer.isDone()) { // until the query is sent
          Thread.sleep(10);
        }
        List<Long> deaf = pool.busyWorkerPids();
        assertEquals(1, deaf.size(), "the worker started within the budget");
        // a generous bound: the deaf worker never answers, only the kill ends the call
        SmtOracle.Answer a = answer.get(60, TimeUnit.SECONDS);
        assertEquals(new SmtOracle.Unknown("budget"), a);
        assertFalse(ProcessHandle.of(deaf.get(0)).map(ProcessHandle::isAlive).orElse(false),
            "the deaf worker still runs");
      } finally {
        ex.shutdownNow();
      }
    }
  }

  @Test
  void crashedWorkerAnswersUnknownAndIsReplaced() throws Exception {
    try (Z3Processes z3 = new Z3Processes(1, false)) {
      assertInstanceOf(SmtOracle.Unsat.class, z3.decide(EASY_UNSAT, Duration.ofSeconds(30)));
      long pid = z3.workerPids().get(0);
      ExecutorService ex = Executors.newSingleThreadExecutor();
      try {
        Future<SmtOracle.Answer> hard = ex.submit(() -> z3.decide(Queries.hardDepth3(), Duration.ofSeconds(60)));
        while (z3.busyWorkerPids().isEmpty()) { // until the query is with the worker
          Thread.sleep(10);
        }
        assertEquals(List.of(pid), z3.busyWorkerPids());
        Thread.sleep(200);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        SmtOracle.Answer a = hard.get(30, TimeUnit.SECONDS);
        assertInstanceOf(SmtOracle.Unknown.class, a);
        assertTrue(((SmtOracle.Unknown) a).reason().startsWith("crash: "), a.toString());
        assertFalse(((SmtOracle.Unknown) a).budgetExhausted());
      } finally {
        ex.shutdownNow();
      }
      assertInstanceOf(SmtOracle.Sat.class, z3.decide(EASY_SAT, Duration.ofSeconds(30)));
      assertNotEquals(List.of(pid), z3.workerPids());
    }
  }

  @Test
  void idleWorkerThatDiedIsReplacedSilently() throws Exception {
    try (Z3Processes z3 = new Z3Processes(1)) {
      assertInstanceOf(SmtOracle.Unsat.class, z3.decide(EASY_UNSAT, Duration.ofSeconds(30)));
      ProcessHandle worker = ProcessHandle.of(z3.workerPids().get(0)).orElseThrow();
      worker.destroyForcibly();
      worker.onExit().get(10, TimeUnit.SECONDS);
      assertInstanceOf(SmtOracle.Unsat.class, z3.decide(EASY_UNSAT, Duration.ofSeconds(30)));
    }
  }

  @Test
  void concurrentCallersGetTheirOwnAnswers() throws Exception {
    try (Z3Processes z3 = new Z3Processes(2)) {
      ExecutorService ex = Executors.newFixedThreadPool(4);
      try {
        List<Future<SmtOracle.Answer>> unsat = new ArrayList<>();
        List<Future<SmtOracle.Answer>> sat = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          unsat.add(ex.submit(() -> z3.decide(EASY_UNSAT, Duration.ofSeconds(60))));
          sat.add(ex.submit(() -> z3.decide(EASY_SAT, Duration.ofSeconds(60))));
        }
        for (Future<SmtOracle.Answer> f : unsat) {
          assertInstanceOf(SmtOracle.Unsat.class, f.get());
        }
        for (Future<SmtOracle.Answer> f : sat) {
          assertEquals(0, ((SmtOracle.Sat) f.get()).model().get("x").signum());
        }
      } finally {
        ex.shutdownNow();
      }
      assertTrue(z3.workerPids().size() <= 2, z3.workerPids().toString());
    }
  }

  @Test
  void prestartedWorkersServeTheFirstQueries() throws Exception {
    try (Z3Processes z3 = new Z3Processes(2)) {
      z3.prestart();
      List<Long> pids = z3.workerPids();
      assertEquals(2, pids.size());
      ExecutorService ex = Executors.newFixedThreadPool(2);
      try {
        Future<SmtOracle.Answer> a = ex.submit(() -> z3.decide(EASY_UNSAT, Duration.ofSeconds(60)));
        Future<SmtOracle.Answer> b = ex.submit(() -> z3.decide(EASY_SAT, Duration.ofSeconds(60)));
        assertInstanceOf(SmtOracle.Unsat.class, a.get());
        assertInstanceOf(SmtOracle.Sat.class, b.get());
      } finally {
        ex.shutdownNow();
      }
      assertEquals(pids, z3.workerPids());
    }
  }

  @Test
  void malformedScriptIsAnErrorNotAVerdict() {
    try (Z3Processes z3 = new Z3Processes(1)) {
      SmtOracle.Answer a = z3.decide("(assert (> y 0))(check-sat)", Duration.ofSeconds(30));
      assertTrue(a instanceof SmtOracle.Unknown u && u.reason().startsWith("error: "), a.toString());
      assertInstanceOf(SmtOracle.Unsat.class, z3.decide(EASY_UNSAT, Duration.ofSeconds(30)));
    }
  }

  @Test
  void closedPoolAnswersUnknownAndLeavesNoWorker() {
    Z3Processes z3 = new Z3Processes(1);
    assertInstanceOf(SmtOracle.Unsat.class, z3.decide(EASY_UNSAT, Duration.ofSeconds(30)));
    ProcessHandle worker = ProcessHandle.of(z3.workerPids().get(0)).orElseThrow();
    z3.close();
    assertFalse(worker.isAlive());
    assertInstanceOf(SmtOracle.Unknown.class, z3.decide(EASY_UNSAT, Duration.ofSeconds(30)));
  }
}

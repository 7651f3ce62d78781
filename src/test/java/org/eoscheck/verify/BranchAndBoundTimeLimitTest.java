package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.ProofLogReader;
import org.eoscheck.certificate.Replay;
import org.eoscheck.certificate.SmtOracle;
import org.eoscheck.smt.Z3Processes;
import org.eoscheck.symbolic.SymbolicEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Branch and bound ends at the time limit even when deciding a box does not (a solver that
 * ignores its budget): the boxes still being decided are left unknown, the volumes add up to one
 * and the proof log still tiles the region (the kernel replays it to the same volumes).
 */
class BranchAndBoundTimeLimitTest {
  @TempDir
  Path dir;

  /** Answers the first query at once and then hangs for a long time on every query. */
  private static final class HangingSolver implements SmtOracle {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Answer decide(String smtlib2, Duration budget) {
      if (calls.incrementAndGet() > 1) {
        long until = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < until) {
          try {
            Thread.sleep(100);
          } catch (InterruptedException ignored) {
            // like a solver that ignores everything
          }
        }
      }
      return new Unknown("test");
    }
  }

  @Test
  void boxesStillBeingDecidedAtTheLimitAreLeftUnknownAndTheLogStaysATiling() throws Exception {
    // Near x = y no interval enclosure of the expanded square closes a box (and nothing factors),
    // so the boxes along the diagonal reach the solver at depth 6 (every 3 * 2 levels), where it
    // hangs.
    Problem problem = CheckerTest.problem("""
        name: square
        model: custom
        params: [x, y]
        loss: (x^2 + y^2)/2
        variables: {x: [-1, 1], y: [-1, 1], eta: 1/10}
        claim: x^2 - 2*x*y + y^2 + x^4 >= 0
        """);
    SymbolicEngine.get().expand(problem.claims().get(0).difference()); // Symja started already
    HangingSolver solver = new HangingSolver();
    Path log = dir.resolve("square.jsonl");
    CheckOptions o = new CheckOptions(2, Duration.ofSeconds(1), Duration.ofSeconds(6),
        BigFraction.of(1, 4096), 100_000, true, log, false, null, 1, false);
    long start = System.nanoTime();
    CheckResult r = new Checker(solver).check(problem, o, Progress.NONE);
    double seconds = (System.nanoTime() - start) / 1e9;

    assertTrue(solver.calls.get() > 1, "a box reached the hanging solver: " + solver.calls + " " + r);
    assertTrue(seconds < 6 + 5, "ended after " + seconds + " s");
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertTrue(r.cutShort().contains("branch and bound"), r.cutShort().toString());
    assertTrue(r.proved().signum() > 0 && r.unknown().signum() > 0, r.proved() + " " + r.unknown());
    assertEquals(BigFraction.ONE, r.proved().add(r.refuted()).add(r.unknown()));
    Replay.Report rep = Replay.replay(ProofLogReader.read(log), Z3Processes.shared(),
        Duration.ofSeconds(20));
    assertEquals("UNKNOWN", rep.verdict().name());
    assertEquals(r.proved(), rep.volume().proved());
    assertEquals(r.unknown(), rep.volume().unknown());
  }
}

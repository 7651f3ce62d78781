package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * The outcome of checking one lemma: the verdict, the exact shares of the region's volume that
 * are proved (vacuous boxes included), refuted (the claim certainly fails on all of the box) and
 * unknown, certified counterexamples, the number of boxes examined and the wall-clock time.
 * {@code cutShort} names the phases given up at the time limit (e.g. "preconditioning": the run
 * went on without a reduction; "branch and bound": boxes were left open), in order, or for lack of
 * memory or stack, noted so: "elaboration (out of memory)".
 */
public record CheckResult(String lemma, String file, Verdict verdict, BigFraction proved,
    BigFraction refuted, BigFraction unknown, List<Counterexample> counterexamples, long boxes,
    double seconds, Path log, List<Goal> goals, List<String> cutShort) {
  public CheckResult {
    counterexamples = List.copyOf(counterexamples);
    goals = List.copyOf(goals);
    cutShort = List.copyOf(cutShort);
  }

  /**
   * A run stopped by the time limit before it finished: UNKNOWN with the volumes it had decided
   * ({@code proved} and {@code refuted}; the rest unknown), never PROVED.
   */
  public static CheckResult stopped(String lemma, String file, BigFraction proved,
      BigFraction refuted, long boxes, double seconds, Path log, List<Goal> goals,
      List<String> cutShort) {
    return new CheckResult(lemma, file, Verdict.UNKNOWN, proved, refuted,
        BigFraction.ONE.subtract(proved).subtract(refuted), List.of(), boxes, seconds, log, goals,
        cutShort);
  }

  /** A run the time limit stopped before any box was decided: all of the volume unknown. */
  static CheckResult undecided(String lemma, String file, double seconds, Path log,
      List<Goal> goals, List<String> cutShort) {
    return stopped(lemma, file, BigFraction.ZERO, BigFraction.ZERO, 0, seconds, log, goals,
        cutShort);
  }

  /** REFUTED with a certified counterexample; PROVED when all the volume is; else UNKNOWN. */
  static Verdict verdict(BigFraction proved, List<Counterexample> counterexamples) {
    if (!counterexamples.isEmpty()) {
      return Verdict.REFUTED;
    }
    return proved.equals(BigFraction.ONE) ? Verdict.PROVED : Verdict.UNKNOWN;
  }
}

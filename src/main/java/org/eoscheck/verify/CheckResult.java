package org.eoscheck.verify;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * The outcome of checking one lemma: the verdict, the exact shares of the region's volume that
 * are proved (vacuous boxes included), refuted (the claim certainly fails on all of the box) and
 * unknown, certified counterexamples, the number of boxes examined and the wall-clock time.
 */
public record CheckResult(String lemma, String file, Verdict verdict, BigFraction proved,
    BigFraction refuted, BigFraction unknown, List<Counterexample> counterexamples, long boxes,
    double seconds, Path log, List<Goal> goals) {
  public CheckResult {
    counterexamples = List.copyOf(counterexamples);
    goals = List.copyOf(goals);
  }

  /** REFUTED with a certified counterexample; PROVED when all the volume is; else UNKNOWN. */
  static Verdict verdict(BigFraction proved, List<Counterexample> counterexamples) {
    if (!counterexamples.isEmpty()) {
      return Verdict.REFUTED;
    }
    return proved.equals(BigFraction.ONE) ? Verdict.PROVED : Verdict.UNKNOWN;
  }
}

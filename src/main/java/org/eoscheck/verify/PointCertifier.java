package org.eoscheck.verify;

import java.util.Map;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * The trusted judge of a candidate counterexample: re-evaluates hypotheses and claim at an exact
 * rational point with certified arithmetic, and confirms only a certain violation.
 */
public interface PointCertifier {
  Optional<Counterexample> certify(int claim, Map<String, BigFraction> point);

  /**
   * The same, possibly at less precision (a point that is tight and not exact may be missed):
   * for judging many candidates.
   */
  default Optional<Counterexample> certifyQuickly(int claim, Map<String, BigFraction> point) {
    return certify(claim, point);
  }
}

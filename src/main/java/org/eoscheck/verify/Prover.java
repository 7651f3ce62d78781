package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog.Evidence;
import java.util.Optional;

/**
 * One method that may close a goal on a box. A prover answers only with evidence that a sound
 * argument supports (interval enclosures with outward rounding, an exact-rational solver query
 * answered unsat); anything else is empty, which means "not shown here", never "false".
 */
public interface Prover {
  /** The method's name in the proof log. */
  String method();

  Optional<Evidence> prove(Goal goal, Box box);

  /** Whether an attempt may take long (a solver query): candidate points are tried first. */
  default boolean costly() {
    return false;
  }
}

package org.eoscheck.verify;

/** The answer of a check: on the whole region, with a counterexample, or not (yet) decided. */
public enum Verdict {
  PROVED,
  REFUTED,
  UNKNOWN
}

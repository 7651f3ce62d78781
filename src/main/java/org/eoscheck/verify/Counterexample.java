package org.eoscheck.verify;

import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * A point of the region where every hypothesis holds and claim {@code claim} fails, confirmed by
 * certified evaluation. {@code undefined} is null when the claim is defined and false there
 * ({@code lhs} and {@code rhs} are certified enclosures of both sides, as text), else why the
 * claim is certainly undefined at the point (a side may then be "undefined"). {@code source}
 * names where the point came from (a candidate source of {@link CandidatePoints}, sampling, a
 * resumed log), for readers.
 */
public record Counterexample(int claim, Map<String, BigFraction> point, String lhs, String rhs,
    String undefined, String source) {
  /** The same point, found by {@code name}. */
  public Counterexample from(String name) {
    return new Counterexample(claim, point, lhs, rhs, undefined, name);
  }

  /** "lhs in [..], rhs in [..]", or "the claim is undefined: division by 0: ...". */
  public String describe() {
    return undefined == null ? "lhs in " + lhs + ", rhs in " + rhs
        : "the claim is undefined there: " + undefined;
  }
}

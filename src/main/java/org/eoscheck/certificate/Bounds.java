package org.eoscheck.certificate;

import org.apache.commons.numbers.fraction.BigFraction;

/**
 * A closed interval [lo, hi] with exact rational endpoints, lo &lt;= hi: one side of a box. A box
 * is a {@code Map<String, Bounds>} from variable names to their ranges. Equality is equality of
 * values (BigFraction.equals compares values).
 */
public record Bounds(BigFraction lo, BigFraction hi) {
  public Bounds {
    if (lo.compareTo(hi) > 0) {
      throw new IllegalArgumentException("empty interval [" + ProofLog.rational(lo) + ", "
          + ProofLog.rational(hi) + "]");
    }
  }

  public static Bounds point(BigFraction x) {
    return new Bounds(x, x);
  }

  public BigFraction width() {
    return hi.subtract(lo);
  }

  public BigFraction midpoint() {
    return lo.add(hi).divide(2);
  }

  public boolean contains(BigFraction x) {
    return lo.compareTo(x) <= 0 && x.compareTo(hi) <= 0;
  }

  /** "[lo, hi]" with exact rationals. */
  @Override
  public String toString() {
    return "[" + ProofLog.rational(lo) + ", " + ProofLog.rational(hi) + "]";
  }
}

package org.eoscheck.certificate;

import java.util.Objects;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * A closed interval [lo, hi] with exact rational endpoints, lo &lt;= hi: one side of a box. A box
 * is a {@code Map<String, Bounds>} from variable names to their ranges. An end may be infinite:
 * {@code lo == null} is -oo and {@code hi == null} is +oo (the range is then the closed set of
 * reals beyond the finite end, or all reals). Equality is equality of values (BigFraction.equals
 * compares values; two infinite ends are equal).
 *
 * <p>Measure. Lengths are the usual ones for a bounded range; for volumes in a variable whose
 * root range is unbounded they are taken after the change of variables c(x) = x / (1 + |x|),
 * increasing from (-1 at -oo) to (1 at +oo), so [0, oo] has length 1 and [-oo, oo] length 2
 * ({@link #compactLength}); c maps rationals to rationals, so these volumes are exact too.
 */
public record Bounds(BigFraction lo, BigFraction hi) {
  public Bounds {
    if (lo != null && hi != null && lo.compareTo(hi) > 0) {
      throw new IllegalArgumentException("empty interval [" + ProofLog.rational(lo) + ", "
          + ProofLog.rational(hi) + "]");
    }
  }

  public static Bounds point(BigFraction x) {
    return new Bounds(Objects.requireNonNull(x), x);
  }

  /** Whether both ends are finite. */
  public boolean bounded() {
    return lo != null && hi != null;
  }

  /** hi - lo; only for a bounded range. */
  public BigFraction width() {
    if (!bounded()) {
      throw new IllegalStateException("the width of the unbounded range " + this);
    }
    return hi.subtract(lo);
  }

  /** Whether the range is a single point (an unbounded range never is). */
  public boolean isPoint() {
    return bounded() && lo.equals(hi);
  }

  public BigFraction midpoint() {
    return width().signum() == 0 ? lo : lo.add(hi).divide(2);
  }

  public boolean contains(BigFraction x) {
    return (lo == null || lo.compareTo(x) <= 0) && (hi == null || x.compareTo(hi) <= 0);
  }

  /** Whether {@code o} lies inside this range (infinite ends included). */
  public boolean contains(Bounds o) {
    return (lo == null || (o.lo != null && lo.compareTo(o.lo) <= 0))
        && (hi == null || (o.hi != null && o.hi.compareTo(hi) <= 0));
  }

  /** c(x) = x / (1 + |x|); c(-oo) = -1 (x null, lower end), c(+oo) = 1 (x null, upper end). */
  public static BigFraction compact(BigFraction x, boolean lower) {
    if (x == null) {
      return lower ? BigFraction.ONE.negate() : BigFraction.ONE;
    }
    return x.divide(BigFraction.ONE.add(x.abs()));
  }

  /** c(hi) - c(lo): the length after x -&gt; x / (1 + |x|), finite for every range. */
  public BigFraction compactLength() {
    return compact(hi, false).subtract(compact(lo, true));
  }

  /**
   * The length of this range as a share of {@code root}'s (which must have positive length): the
   * width ratio when {@code root} is bounded, else the ratio of compact lengths.
   */
  public BigFraction share(Bounds root) {
    return root.bounded() ? width().divide(root.width()) : compactLength().divide(root.compactLength());
  }

  /** An end as text: the rational, or -oo / oo. */
  public static String end(BigFraction x, boolean lower) {
    return x == null ? (lower ? "-oo" : "oo") : ProofLog.rational(x);
  }

  /** "[lo, hi]" with exact rationals (and -oo, oo). */
  @Override
  public String toString() {
    return "[" + end(lo, true) + ", " + end(hi, false) + "]";
  }
}

package org.eoscheck.interval;

import static org.eoscheck.interval.DirectedRounding.addDown;
import static org.eoscheck.interval.DirectedRounding.addUp;
import static org.eoscheck.interval.DirectedRounding.divDown;
import static org.eoscheck.interval.DirectedRounding.divUp;
import static org.eoscheck.interval.DirectedRounding.mulDown;
import static org.eoscheck.interval.DirectedRounding.mulUp;
import static org.eoscheck.interval.DirectedRounding.powDown;
import static org.eoscheck.interval.DirectedRounding.powUp;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * A closed interval [lo, hi] of real numbers with double endpoints; an infinite endpoint means
 * "unbounded on that side". Every operation is sound: its result contains the exact real result
 * of the operation for every choice of real operands in the operand intervals (rounding is
 * directed outward, see {@link DirectedRounding}).
 *
 * <p>{@link #ENTIRE} means "no information". It is what an operation returns when its value
 * cannot be bounded or is undefined somewhere on its input: a division by an interval containing
 * 0, sqrt of an interval reaching below 0, log of one reaching 0 or below, a GfsShift whose
 * target is not certainly positive, and anything involving NaN. It is absorbing: every operation
 * with an ENTIRE operand returns ENTIRE (even exp, abs or x^0), so a value that is undefined
 * somewhere on a box can never be turned back into information that proves something there.
 *
 * <p>Other conventions: 0 * (unbounded) = 0; x^0 = 1; even powers are non-negative by
 * definition; integer powers are computed by directed repeated multiplication, never Math.pow;
 * x^-n = 1 / x^n. The constructor normalises -0.0 to 0.0 and any NaN endpoint to ENTIRE, and
 * rejects lo &gt; hi, lo = +inf and hi = -inf.
 */
public record Interval(double lo, double hi) {
  /** (-inf, +inf): no information. */
  public static final Interval ENTIRE =
      new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

  static final Interval ZERO = new Interval(0, 0);
  static final Interval ONE = new Interval(1, 1);
  private static final Interval UNIT = new Interval(-1, 1);

  /** Beyond this magnitude sin and cos return [-1, 1] (see {@link #periodic}). */
  private static final double TRIG_MAX_ARG = 0x1p20;

  /**
   * Slack, in units of pi, when deciding whether a critical point of sin or cos may lie near x:
   * at least 300 times the error of the double computation x / PI - offset (see {@link #periodic}).
   */
  private static double trigSlack(double x) {
    return 1e-12 + 1e-13 * Math.abs(x);
  }

  public Interval {
    if (Double.isNaN(lo) || Double.isNaN(hi)) {
      lo = Double.NEGATIVE_INFINITY;
      hi = Double.POSITIVE_INFINITY;
    }
    if (lo > hi || lo == Double.POSITIVE_INFINITY || hi == Double.NEGATIVE_INFINITY) {
      throw new IllegalArgumentException("not an interval of reals: [" + lo + ", " + hi + "]");
    }
    lo += 0.0; // -0.0 + 0.0 == +0.0
    hi += 0.0;
  }

  /** The tightest double interval containing the rational q (a point when q is a double). */
  public static Interval of(BigFraction q) {
    return new Interval(DirectedRounding.down(q), DirectedRounding.up(q));
  }

  /** The tightest double interval containing the rational interval [lo, hi] (outward rounded). */
  public static Interval of(BigFraction lo, BigFraction hi) {
    if (lo.compareTo(hi) > 0) {
      throw new IllegalArgumentException("empty interval [" + lo + ", " + hi + "]");
    }
    return new Interval(DirectedRounding.down(lo), DirectedRounding.up(hi));
  }

  /** [x, x] for a finite x; ENTIRE for NaN. */
  public static Interval point(double x) {
    if (Double.isInfinite(x)) {
      throw new IllegalArgumentException("not a real number: " + x);
    }
    return new Interval(x, x);
  }

  public boolean isEntire() {
    return lo == Double.NEGATIVE_INFINITY && hi == Double.POSITIVE_INFINITY;
  }

  public boolean isPoint() {
    return lo == hi;
  }

  public boolean contains(double x) {
    return lo <= x && x <= hi;
  }

  /** Whether every point of {@code o} lies in this interval. */
  public boolean contains(Interval o) {
    return lo <= o.lo && o.hi <= hi;
  }

  /**
   * A double inside the interval, near its centre (not a rigorous midpoint): 0 for ENTIRE and
   * -+MAX_VALUE for half-unbounded intervals.
   */
  public double mid() {
    if (lo == Double.NEGATIVE_INFINITY) {
      return hi == Double.POSITIVE_INFINITY ? 0 : Math.min(hi, -Double.MAX_VALUE);
    }
    if (hi == Double.POSITIVE_INFINITY) {
      return Math.max(lo, Double.MAX_VALUE);
    }
    double m = Math.abs(lo) < 0x1p1020 && Math.abs(hi) < 0x1p1020 ? (lo + hi) / 2 : lo / 2 + hi / 2;
    return Math.min(hi, Math.max(lo, m));
  }

  /** An upper bound of hi - lo (+inf when unbounded). */
  public double width() {
    return addUp(hi, -lo);
  }

  public boolean certainlyNonNegative() {
    return lo >= 0;
  }

  public boolean certainlyPositive() {
    return lo > 0;
  }

  public boolean certainlyNegative() {
    return hi < 0;
  }

  public boolean certainlyNonPositive() {
    return hi <= 0;
  }

  // ---- field operations ----

  public Interval add(Interval o) {
    if (isEntire() || o.isEntire()) {
      return ENTIRE;
    }
    return new Interval(addDown(lo, o.lo), addUp(hi, o.hi));
  }

  public Interval sub(Interval o) {
    if (isEntire() || o.isEntire()) {
      return ENTIRE;
    }
    return new Interval(addDown(lo, -o.hi), addUp(hi, -o.lo));
  }

  public Interval neg() {
    return new Interval(-hi, -lo);
  }

  /** The product, by the sign cases of the two operands (0 * unbounded = 0). */
  public Interval mul(Interval o) {
    if (isEntire() || o.isEntire()) {
      return ENTIRE;
    }
    double a = lo;
    double b = hi;
    double c = o.lo;
    double d = o.hi;
    if (a >= 0) {
      if (c >= 0) {
        return new Interval(mulDown(a, c), mulUp(b, d));
      }
      if (d <= 0) {
        return new Interval(mulDown(b, c), mulUp(a, d));
      }
      return new Interval(mulDown(b, c), mulUp(b, d));
    }
    if (b <= 0) {
      if (c >= 0) {
        return new Interval(mulDown(a, d), mulUp(b, c));
      }
      if (d <= 0) {
        return new Interval(mulDown(b, d), mulUp(a, c));
      }
      return new Interval(mulDown(a, d), mulUp(a, c));
    }
    if (c >= 0) {
      return new Interval(mulDown(a, d), mulUp(b, d));
    }
    if (d <= 0) {
      return new Interval(mulDown(b, c), mulUp(a, c));
    }
    return new Interval(
        Math.min(mulDown(a, d), mulDown(b, c)), Math.max(mulUp(a, c), mulUp(b, d)));
  }

  /** The quotient; ENTIRE when the divisor contains 0. */
  public Interval div(Interval o) {
    if (isEntire() || o.contains(0)) {
      return ENTIRE;
    }
    if (o.hi < 0) {
      return neg().div(o.neg());
    }
    double l = lo >= 0 ? divDown(lo, o.hi) : divDown(lo, o.lo);
    double h = hi >= 0 ? divUp(hi, o.lo) : divUp(hi, o.hi);
    return new Interval(l, h);
  }

  /** x^n for an integer n: x^0 = 1, even powers are non-negative, x^-n = 1 / x^n. */
  public Interval pow(int n) {
    if (isEntire()) {
      return ENTIRE;
    }
    if (n == 0) {
      return ONE;
    }
    if (n < 0) {
      if (contains(0)) {
        return ENTIRE;
      }
      Interval p = positivePow(-(long) n); // never 0 in exact arithmetic, but it may underflow
      if (p.lo == 0 && p.hi > 0) {
        return new Interval(divDown(1, p.hi), Double.POSITIVE_INFINITY);
      }
      if (p.hi == 0 && p.lo < 0) {
        return new Interval(Double.NEGATIVE_INFINITY, divUp(1, p.lo));
      }
      return ONE.div(p);
    }
    return positivePow(n);
  }

  private Interval positivePow(long n) {
    if (n == 1) {
      return this;
    }
    if (lo >= 0) {
      return new Interval(powDown(lo, n), powUp(hi, n));
    }
    if ((n & 1) == 0) {
      if (hi <= 0) {
        return new Interval(powDown(-hi, n), powUp(-lo, n));
      }
      return new Interval(0, powUp(Math.max(-lo, hi), n));
    }
    double l = -powUp(-lo, n);
    double h = hi >= 0 ? powUp(hi, n) : -powDown(-hi, n);
    return new Interval(l, h);
  }

  // ---- order operations (exact) ----

  /** |x|. */
  public Interval abs() {
    if (isEntire()) {
      return ENTIRE;
    }
    if (lo >= 0) {
      return this;
    }
    if (hi <= 0) {
      return neg();
    }
    return new Interval(0, Math.max(-lo, hi));
  }

  /** The pointwise minimum {min(x, y) : x in this, y in o}. */
  public Interval min(Interval o) {
    if (isEntire() || o.isEntire()) {
      return ENTIRE;
    }
    return new Interval(Math.min(lo, o.lo), Math.min(hi, o.hi));
  }

  /** The pointwise maximum {max(x, y) : x in this, y in o}. */
  public Interval max(Interval o) {
    if (isEntire() || o.isEntire()) {
      return ENTIRE;
    }
    return new Interval(Math.max(lo, o.lo), Math.max(hi, o.hi));
  }

  /** The smallest interval containing both. */
  public Interval hull(Interval o) {
    return new Interval(Math.min(lo, o.lo), Math.max(hi, o.hi));
  }

  /**
   * The intersection of two enclosures of the same quantity. Both being sound, they cannot be
   * disjoint; if they are, a kernel bug has been found and this throws rather than return an
   * interval that proves anything.
   */
  public Interval intersect(Interval o) {
    double l = Math.max(lo, o.lo);
    double h = Math.min(hi, o.hi);
    if (l > h) {
      throw new IllegalStateException("disjoint enclosures " + this + " and " + o);
    }
    return new Interval(l, h);
  }

  // ---- elementary functions ----

  /** sqrt; ENTIRE unless lo &gt;= 0. */
  public Interval sqrt() {
    if (isEntire() || lo < 0) {
      return ENTIRE;
    }
    return new Interval(DirectedRounding.sqrtDown(lo), DirectedRounding.sqrtUp(hi));
  }

  public Interval exp() {
    if (isEntire()) {
      return ENTIRE;
    }
    return new Interval(DirectedRounding.expDown(lo), DirectedRounding.expUp(hi));
  }

  /** Natural logarithm; ENTIRE unless lo &gt; 0. */
  public Interval log() {
    if (isEntire() || lo <= 0) {
      return ENTIRE;
    }
    return new Interval(DirectedRounding.logDown(lo), DirectedRounding.logUp(hi));
  }

  public Interval tanh() {
    if (isEntire()) {
      return ENTIRE;
    }
    return new Interval(DirectedRounding.tanhDown(lo), DirectedRounding.tanhUp(hi));
  }

  /** sin: its maxima are at pi/2 + 2k pi and its minima at -pi/2 + 2k pi. */
  public Interval sin() {
    return periodic(0.5, DirectedRounding::sinDown, DirectedRounding::sinUp);
  }

  /** cos: its maxima are at 2k pi and its minima at pi + 2k pi. */
  public Interval cos() {
    return periodic(0, DirectedRounding::cosDown, DirectedRounding::cosUp);
  }

  /**
   * sin or cos over the interval. The function's critical points are x = (k + offset) pi, a
   * maximum 1 for even k and a minimum -1 for odd k. Between critical points the function is
   * monotone, so its range is spanned by the endpoint values plus the extreme value of every
   * critical point inside. Which k lie inside is decided from x / PI - offset in double
   * precision with a slack: PI is within a relative 2^-53 of pi and the division and subtraction
   * round once each, so for |x| &lt;= 2^20 the computed value is within |x| * 2^-51 + 2^-53 of the
   * exact x/pi - offset, below 1/300 of {@link #trigSlack}; a critical point that may be inside is
   * counted as inside (that only widens the result). Beyond 2^20 the result is [-1, 1].
   */
  private Interval periodic(double offset, DoubleUnaryOperator down, DoubleUnaryOperator up) {
    if (isEntire()) {
      return ENTIRE;
    }
    if (!(Math.abs(lo) <= TRIG_MAX_ARG && Math.abs(hi) <= TRIG_MAX_ARG)) {
      return UNIT;
    }
    double kLow = Math.ceil(lo / Math.PI - offset - trigSlack(lo));
    double kHigh = Math.floor(hi / Math.PI - offset + trigSlack(hi));
    double l = Math.min(down.applyAsDouble(lo), down.applyAsDouble(hi));
    double h = Math.max(up.applyAsDouble(lo), up.applyAsDouble(hi));
    if (kLow <= kHigh) {
      boolean both = kHigh > kLow;
      boolean lowEven = Math.floorMod((long) kLow, 2) == 0;
      if (both || lowEven) {
        h = 1;
      }
      if (both || !lowEven) {
        l = -1;
      }
    }
    return new Interval(l, h);
  }

  @Override
  public String toString() {
    return "[" + lo + ", " + hi + "]";
  }
}

package org.eoscheck.interval;

import org.apache.commons.numbers.fraction.BigFraction;

/**
 * Directed rounding of single operations on doubles, emulated on top of IEEE 754
 * round-to-nearest (Java has no rounding-mode control).
 *
 * <p>For +, *, / and sqrt the round-to-nearest result r is within half an ulp of the exact value
 * v, so v lies in [nextDown(r), nextUp(r)]. A bound is widened only when v may lie on the wrong
 * side of r; which side is decided from the exact error of the operation, obtained by an
 * error-free transformation: TwoSum for sums (exact in binary floating point barring overflow,
 * underflow included), and one fused multiply-add {@link Math#fma} for products (a*b - r),
 * quotients (a - r*b) and square roots (x - r*r). A non-zero FMA result has the sign of the exact
 * residual (rounding to nearest never flips a sign); a zero FMA result proves exactness only when
 * the operands are far enough from the underflow range that a non-zero residual is at least
 * 2^-1074 in magnitude (see {@link #EXACT_RESIDUAL_MIN}); otherwise the bound is widened. Widening
 * only on the wrong side keeps exact results exact: sqr([-1, 2]) stays [0, 4] and 0.5 * 4 = 2
 * stays a point (shared/stack.md, "Interval arithmetic").
 *
 * <p>Infinite results: an infinite operand gives an infinite (or, divided by infinity, zero)
 * result that is the exact limit and needs no widening; an overflow of finite operands means the
 * exact value is beyond +-MAX_VALUE, so the bound toward zero becomes +-MAX_VALUE. By convention
 * 0 * inf = 0 (a bound infinity stands for "unbounded", the values themselves are real).
 *
 * <p>Elementary functions come from {@link Math}: Java specifies exp, log, sin and cos within
 * 1 ulp of the exact result and tanh within 2.5 ulps. Measured in ulps of the computed value,
 * which may sit in the binade below the exact one (where ulps are half as large), this is at
 * most 2 resp. 5 steps of nextDown/nextUp. We step {@link #LIBM_STEPS} = 4 resp.
 * {@link #TANH_STEPS} = 7: twice the specified error for exp/log/sin/cos and 1.4 times it for
 * tanh, at a cost of a few units in the 16th digit. Values that are exact mathematically (exp 0,
 * log 1, sin 0, cos 0, tanh 0) are returned exactly without calling Math.
 */
final class DirectedRounding {
  private DirectedRounding() {}

  private static final double INF = Double.POSITIVE_INFINITY;

  /**
   * Magnitude from which a zero FMA residual proves an exact product, quotient or square root.
   * For |a*b| &gt;= 2^-900 the exact product a*b is a multiple of ulp(a)*ulp(b) &gt;= 2^-1004 (also
   * when one factor is subnormal, since the other is then &gt;= 2^70), so a non-zero residual
   * a*b - r cannot round to zero; the same holds for a - q*b when |a|, |q| &gt;= 2^-900 and for
   * x - s*s when x &gt;= 2^-900.
   */
  static final double EXACT_RESIDUAL_MIN = 0x1p-900;

  /** nextDown/nextUp steps for exp, log, sin, cos (specified within 1 ulp). */
  static final int LIBM_STEPS = 4;

  /** nextDown/nextUp steps for tanh (specified within 2.5 ulps). */
  static final int TANH_STEPS = 7;

  /** Largest argument of exp whose value we compute directly (e^709 &lt; MAX_VALUE). */
  private static final double EXP_MAX_ARG = 709;

  // ---- the two primitives: a bound of r + err from the rounded result r and its exact error --

  /** A lower bound of r + err: r itself if err is known to be &gt;= 0, else nextDown(r). */
  private static double below(double r, double err) {
    return err >= 0 && err < INF ? r : Math.nextDown(r);
  }

  /** An upper bound of r + err: r itself if err is known to be &lt;= 0, else nextUp(r). */
  private static double above(double r, double err) {
    return err <= 0 && err > -INF ? r : Math.nextUp(r);
  }

  // ---- sums ----

  static double addDown(double a, double b) {
    double s = a + b;
    if (Double.isInfinite(s)) {
      return s > 0 && Double.isFinite(a) && Double.isFinite(b) ? Double.MAX_VALUE : s;
    }
    return below(s, twoSumError(a, b, s));
  }

  static double addUp(double a, double b) {
    double s = a + b;
    if (Double.isInfinite(s)) {
      return s < 0 && Double.isFinite(a) && Double.isFinite(b) ? -Double.MAX_VALUE : s;
    }
    return above(s, twoSumError(a, b, s));
  }

  /** Knuth's TwoSum: the exact value of (a + b) - s for s = fl(a + b). */
  private static double twoSumError(double a, double b, double s) {
    double bb = s - a;
    return (a - (s - bb)) + (b - bb);
  }

  // ---- products ----

  static double mulDown(double a, double b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    double p = a * b;
    if (Double.isInfinite(p)) {
      return p > 0 && Double.isFinite(a) && Double.isFinite(b) ? Double.MAX_VALUE : p;
    }
    double r = below(p, productError(a, b, p));
    return (a > 0) == (b > 0) ? Math.max(r, 0) : r;
  }

  static double mulUp(double a, double b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    double p = a * b;
    if (Double.isInfinite(p)) {
      return p < 0 && Double.isFinite(a) && Double.isFinite(b) ? -Double.MAX_VALUE : p;
    }
    double r = above(p, productError(a, b, p));
    return (a > 0) != (b > 0) ? Math.min(r, 0) : r;
  }

  /** The sign of a*b - p (NaN when it cannot be certified). */
  private static double productError(double a, double b, double p) {
    double err = Math.fma(a, b, -p);
    return err == 0 && Math.abs(p) < EXACT_RESIDUAL_MIN ? Double.NaN : err;
  }

  // ---- quotients (b != 0; callers never divide by an interval containing 0) ----

  static double divDown(double a, double b) {
    if (a == 0 || Double.isInfinite(b)) {
      return Double.isInfinite(a) ? Double.NaN : 0;
    }
    double q = a / b;
    if (Double.isInfinite(q)) {
      return q > 0 && Double.isFinite(a) ? Double.MAX_VALUE : q;
    }
    double r = below(q, quotientError(a, b, q));
    return (a > 0) == (b > 0) ? Math.max(r, 0) : r;
  }

  static double divUp(double a, double b) {
    if (a == 0 || Double.isInfinite(b)) {
      return Double.isInfinite(a) ? Double.NaN : 0;
    }
    double q = a / b;
    if (Double.isInfinite(q)) {
      return q < 0 && Double.isFinite(a) ? -Double.MAX_VALUE : q;
    }
    double r = above(q, quotientError(a, b, q));
    return (a > 0) != (b > 0) ? Math.min(r, 0) : r;
  }

  /** A number with the sign of a/b - q (NaN when it cannot be certified). */
  private static double quotientError(double a, double b, double q) {
    double residual = Math.fma(-q, b, a); // a - q*b, whose sign times sign(b) is that of a/b - q
    if (residual == 0) {
      return Math.abs(a) >= EXACT_RESIDUAL_MIN && Math.abs(q) >= EXACT_RESIDUAL_MIN ? 0 : Double.NaN;
    }
    return b > 0 ? residual : -residual;
  }

  // ---- square roots (x >= 0) ----

  static double sqrtDown(double x) {
    double s = Math.sqrt(x);
    return x == 0 || x == INF ? s : Math.max(0, below(s, sqrtError(x, s)));
  }

  static double sqrtUp(double x) {
    double s = Math.sqrt(x);
    return x == 0 || x == INF ? s : above(s, sqrtError(x, s));
  }

  /** A number with the sign of sqrt(x) - s, which is that of x - s*s. */
  private static double sqrtError(double x, double s) {
    double residual = Math.fma(-s, s, x);
    return residual == 0 && x < EXACT_RESIDUAL_MIN ? Double.NaN : residual;
  }

  // ---- integer powers of a non-negative base, by binary exponentiation (n >= 1) ----

  /** A lower bound of x^n for x &gt;= 0: every partial product is a lower bound of its value. */
  static double powDown(double x, long n) {
    return pow(x, n, false);
  }

  /** An upper bound of x^n for x &gt;= 0. */
  static double powUp(double x, long n) {
    return pow(x, n, true);
  }

  /**
   * x^n for x &gt;= 0, n &gt;= 1, by squaring and multiplying, each product rounded in the given
   * direction (products of non-negative bounds are monotone, so the directions compose). The
   * first factor is taken as it is rather than multiplied into 1, so exact tiny powers stay exact.
   */
  private static double pow(double x, long n, boolean up) {
    double result = Double.NaN;
    boolean first = true;
    double base = x;
    for (long k = n; k > 0; k >>= 1) {
      if ((k & 1) != 0) {
        result = first ? base : up ? mulUp(result, base) : mulDown(result, base);
        first = false;
      }
      if (k > 1) {
        base = up ? mulUp(base, base) : mulDown(base, base);
      }
    }
    return result;
  }

  // ---- elementary functions ----

  static double widenDown(double r, int steps) {
    double x = r;
    for (int i = 0; i < steps; i++) {
      x = Math.nextDown(x);
    }
    return x;
  }

  static double widenUp(double r, int steps) {
    double x = r;
    for (int i = 0; i < steps; i++) {
      x = Math.nextUp(x);
    }
    return x;
  }

  /** A lower bound of e^x; beyond 709 it is e^709's (exp is increasing), so never infinite. */
  static double expDown(double x) {
    if (x == 0) {
      return 1;
    }
    return Math.max(0, widenDown(Math.exp(Math.min(x, EXP_MAX_ARG)), LIBM_STEPS));
  }

  static double expUp(double x) {
    return x == 0 ? 1 : widenUp(Math.exp(x), LIBM_STEPS);
  }

  /** A lower bound of log x for x &gt; 0. */
  static double logDown(double x) {
    return x == 1 ? 0 : widenDown(Math.log(x), LIBM_STEPS);
  }

  static double logUp(double x) {
    return x == 1 ? 0 : widenUp(Math.log(x), LIBM_STEPS);
  }

  static double sinDown(double x) {
    return x == 0 ? 0 : Math.max(-1, widenDown(Math.sin(x), LIBM_STEPS));
  }

  static double sinUp(double x) {
    return x == 0 ? 0 : Math.min(1, widenUp(Math.sin(x), LIBM_STEPS));
  }

  static double cosDown(double x) {
    return x == 0 ? 1 : Math.max(-1, widenDown(Math.cos(x), LIBM_STEPS));
  }

  static double cosUp(double x) {
    return x == 0 ? 1 : Math.min(1, widenUp(Math.cos(x), LIBM_STEPS));
  }

  static double tanhDown(double x) {
    return x == 0 ? 0 : Math.max(-1, widenDown(Math.tanh(x), TANH_STEPS));
  }

  static double tanhUp(double x) {
    return x == 0 ? 0 : Math.min(1, widenUp(Math.tanh(x), TANH_STEPS));
  }

  // ---- exact rationals ----

  /** The largest double &lt;= q (-infinity when q &lt; -MAX_VALUE). */
  static double down(BigFraction q) {
    double d = q.doubleValue();
    if (Double.isNaN(d)) {
      throw new ArithmeticException("cannot convert " + q + " to double");
    }
    d = clampFinite(d);
    while (compare(d, q) > 0) {
      d = Math.nextDown(d);
      if (d == -INF) {
        return d;
      }
    }
    while (d < Double.MAX_VALUE && compare(Math.nextUp(d), q) <= 0) {
      d = Math.nextUp(d);
    }
    return d;
  }

  /** The smallest double &gt;= q (+infinity when q &gt; MAX_VALUE). */
  static double up(BigFraction q) {
    return -down(q.negate());
  }

  private static double clampFinite(double d) {
    return Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, d));
  }

  /** Exact comparison of a finite double with a rational. */
  private static int compare(double d, BigFraction q) {
    return BigFraction.from(d).compareTo(q);
  }
}

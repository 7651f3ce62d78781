package org.eoscheck.interval;

import static org.eoscheck.interval.DirectedRounding.addDown;
import static org.eoscheck.interval.DirectedRounding.addUp;
import static org.eoscheck.interval.DirectedRounding.mulDown;
import static org.eoscheck.interval.DirectedRounding.mulUp;

/**
 * A rigorous enclosure of the gradient-flow shift delta*(u, t) of a scalar network (Kreisler,
 * Nacson, Soudry, Carmon, ICML 2023; shared/maths.md 1): the unique delta with u_i + delta &gt; 0
 * for all i and p(delta) = prod_i (u_i + delta) = t, for t &gt; 0.
 *
 * <p>Monotonicity. On its domain delta &gt; -min u, p is a product of positive increasing factors,
 * so it increases from 0 to infinity in delta and increases in every u_i. Hence delta* increases
 * in t and decreases in every u_i (if u &lt;= u' then delta*(u) lies in the domain of u' and
 * p_{u'}(delta*(u)) &gt;= t, so delta*(u') &lt;= delta*(u)). Over a box, delta* is therefore
 * smallest at (u at the upper bounds, t at its lower bound) and largest at (u at the lower
 * bounds, t at its upper bound).
 *
 * <p>Certificates. L is a lower bound of delta*(v, tau) when L &lt;= -min v (delta* lies right of
 * the domain's left end) or when an outward-rounded evaluation of p_v(L) is &lt;= tau (p increases,
 * so L &lt;= delta*). U is an upper bound when U &gt; -min v and p_v(U) is certainly &gt;= tau. The
 * candidates come from Newton's method in double precision, started right of the root at
 * tau^(1/n) - min v (p is convex on its domain, so the iterates decrease monotonically towards
 * delta*); a candidate that fails its certificate is pushed outward by steps that double until it
 * passes. The fallbacks are the always-valid L = -min v and U = +infinity.
 */
public final class GfsShiftEnclosure {
  private GfsShiftEnclosure() {}

  private static final int NEWTON_ITERATIONS = 100;
  private static final int NUDGES = 200;

  /**
   * An interval containing delta*(u, t) for every u in the boxes {@code squares} and t in
   * {@code target}; ENTIRE when t is not certainly positive or an input is ENTIRE.
   */
  public static Interval enclose(Interval[] squares, Interval target) {
    double[][] c = corners(squares, target, -1);
    if (c == null) {
      return Interval.ENTIRE;
    }
    return new Interval(lowerBound(c[0], target.lo()), upperBound(c[1], target.hi()));
  }

  /**
   * An interval containing the shifted square s_i = u_i + delta*(u, t) for every u in the boxes
   * and t in {@code target}, tighter than adding the two enclosures (which ignores that delta*
   * moves against u_i). By implicit differentiation of prod_k s_k = t, with S = sum_k 1/s_k:
   * ds_i/du_i = 1 - (1/s_i)/S &gt;= 0, ds_i/du_j = -(1/s_j)/S &lt; 0 for j != i, and
   * ds_i/dt = 1/(t S) &gt; 0. So s_i is smallest at (u_i low, the other u high, t low) and
   * largest at (u_i high, the other u low, t high); and s_i &gt; 0 always. These are the factors
   * 1/(w_i^2 + delta*) of the gradient-flow sharpness phi (Kreisler et al. 2023), where the sum
   * of separate enclosures reaches 0 on wide boxes and the division then gives ENTIRE.
   */
  public static Interval shiftedSquare(Interval[] squares, Interval target, int i) {
    double[][] c = corners(squares, target, i);
    if (c == null) {
      return Interval.ENTIRE;
    }
    double lo = Math.max(0, addDown(c[0][i], lowerBound(c[0], target.lo())));
    double hi = addUp(c[1][i], upperBound(c[1], target.hi()));
    return new Interval(lo, hi);
  }

  /**
   * The corners of the box of squares where delta* (for i = -1) or u_i + delta* is smallest
   * (u_i low, every other u high) and largest (the opposite); null when t is not certainly
   * positive or a square is ENTIRE (then delta* may be undefined).
   */
  private static double[][] corners(Interval[] squares, Interval target, int i) {
    if (target.isEntire() || !target.certainlyPositive()) {
      return null;
    }
    int n = squares.length;
    double[] smallest = new double[n];
    double[] largest = new double[n];
    for (int j = 0; j < n; j++) {
      if (squares[j].isEntire()) {
        return null;
      }
      smallest[j] = j == i ? squares[j].lo() : squares[j].hi();
      largest[j] = j == i ? squares[j].hi() : squares[j].lo();
    }
    return new double[][] {smallest, largest};
  }

  /** A certified lower bound of delta*(v, tau), for tau &gt; 0 finite. */
  static double lowerBound(double[] v, double tau) {
    double floor = -min(v); // delta* > -min v always
    if (Double.isInfinite(floor)) {
      return Double.NEGATIVE_INFINITY;
    }
    for (double x : v) {
      if (Double.isInfinite(x)) {
        return floor;
      }
    }
    double c = newton(v, tau, floor);
    double step = initialStep(c, floor);
    for (int k = 0; k < NUDGES && c > floor; k++) {
      if (productUp(v, c) <= tau) {
        return c;
      }
      c -= step;
      step *= 2;
    }
    return floor;
  }

  /** A certified upper bound of delta*(v, tau), for tau &gt; 0. */
  static double upperBound(double[] v, double tau) {
    if (Double.isInfinite(tau)) {
      return Double.POSITIVE_INFINITY;
    }
    for (double x : v) {
      if (Double.isInfinite(x)) {
        return Double.POSITIVE_INFINITY;
      }
    }
    double floor = -min(v);
    double c = newton(v, tau, floor);
    if (!(c > floor)) {
      c = Math.nextUp(floor);
    }
    double step = initialStep(c, floor);
    for (int k = 0; k < NUDGES && c < Double.POSITIVE_INFINITY; k++) {
      if (c > floor && productDown(v, c) >= tau) {
        return c;
      }
      c += step;
      step *= 2;
    }
    return Double.POSITIVE_INFINITY;
  }

  /** The first nudge: one ulp at the scale of delta and of the smallest factor u_i + delta. */
  private static double initialStep(double c, double floor) {
    return Math.max(Math.ulp(c), Math.ulp(c - floor));
  }

  /** An upper bound of prod (v_i + c), for c &gt; -min v (all factors positive). */
  private static double productUp(double[] v, double c) {
    double p = 1;
    for (double x : v) {
      p = mulUp(p, addUp(x, c));
    }
    return p;
  }

  /** A lower bound of prod (v_i + c), for c &gt; -min v. */
  private static double productDown(double[] v, double c) {
    double p = 1;
    for (double x : v) {
      p = mulDown(p, Math.max(0, addDown(x, c)));
    }
    return p;
  }

  /**
   * An approximation of delta* by Newton's method from the right (no rigour needed here: the
   * result is only a candidate for the certificates above). Returns a value &gt;= floor.
   */
  static double newton(double[] v, double tau, double floor) {
    int n = v.length;
    double d = Math.pow(tau, 1.0 / n) + floor; // p(d) >= (d - floor)^n = tau, so d >= delta*
    if (!Double.isFinite(d)) {
      return floor;
    }
    for (int it = 0; it < NEWTON_ITERATIONS; it++) {
      double p = 1;
      double dp = 0;
      for (double x : v) {
        double f = x + d;
        dp = dp * f + p;
        p *= f;
      }
      double next = d - (p - tau) / dp;
      if (!(next > floor)) {
        next = floor + (d - floor) / 2; // stay in the domain
      }
      if (!(next < d)) {
        break; // no more progress in double precision
      }
      d = next;
    }
    return d;
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      m = Math.min(m, x);
    }
    return m;
  }
}

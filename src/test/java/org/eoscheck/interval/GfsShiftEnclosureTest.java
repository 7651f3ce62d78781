package org.eoscheck.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eoscheck.expr.Expr;
import org.eoscheck.model.ScalarNetwork;
import org.junit.jupiter.api.Test;

/**
 * The enclosure of delta*(u, t) (prod (u_i + delta) = t, u_i + delta &gt; 0) is checked with exact
 * BigDecimal arithmetic: L &lt;= delta* iff L &lt;= -min u or p(L) &lt;= t, and U &gt;= delta* iff
 * U &gt; -min u and p(U) &gt;= t (p increases on its domain), at the inputs themselves for points
 * and at corners and random points for boxes; its tightness against a BigDecimal bisection root;
 * and the sharpness phi built on it against the reference values of shared/maths.md.
 */
class GfsShiftEnclosureTest {
  private static List<BigDecimal> exact(double[] u) {
    List<BigDecimal> out = new ArrayList<>();
    for (double x : u) {
      out.add(new BigDecimal(x));
    }
    return out;
  }

  private static void assertEncloses(Interval d, double[] u, double t) {
    List<BigDecimal> us = exact(u);
    BigDecimal ts = new BigDecimal(t);
    String where = "delta*(" + java.util.Arrays.toString(u) + ", " + t + ") not in " + d;
    assertTrue(d.lo() == Double.NEGATIVE_INFINITY
        || Reference.belowRoot(us, ts, new BigDecimal(d.lo())), where);
    assertTrue(d.hi() == Double.POSITIVE_INFINITY
        || Reference.aboveRoot(us, ts, new BigDecimal(d.hi())), where);
  }

  private static Interval[] points(double[] u) {
    Interval[] out = new Interval[u.length];
    for (int i = 0; i < u.length; i++) {
      out[i] = Interval.point(u[i]);
    }
    return out;
  }

  private static double randomSquare(Random r) {
    switch (r.nextInt(6)) {
      case 0:
        return 0;
      case 1:
        return Math.scalb(1 + r.nextDouble(), r.nextInt(80) - 40);
      case 2:
        return -2 * r.nextDouble();
      default:
        return 4 * r.nextDouble();
    }
  }

  private static double randomTarget(Random r) {
    return r.nextInt(4) == 0 ? Math.scalb(1 + r.nextDouble(), r.nextInt(80) - 40)
        : 0.1 + 10 * r.nextDouble();
  }

  /** One to four intervals of squares: points, thin or up to 2 wide. */
  private static Interval[] randomSquares(Random r) {
    Interval[] u = new Interval[1 + r.nextInt(4)];
    for (int i = 0; i < u.length; i++) {
      double a = randomSquare(r);
      u[i] = new Interval(a, r.nextBoolean() ? a : a + r.nextDouble() * (r.nextBoolean() ? 2 : 1e-6));
    }
    return u;
  }

  private static Interval randomTargets(Random r) {
    double t0 = randomTarget(r);
    return new Interval(t0, t0 * (1 + r.nextDouble()));
  }

  @Test
  void pointInputsAreEnclosedTightly() {
    Random r = new Random(31);
    for (int trial = 0; trial < 2000; trial++) {
      double[] u = new double[1 + r.nextInt(5)];
      boolean moderate = true;
      for (int i = 0; i < u.length; i++) {
        u[i] = r.nextInt(3) == 0 ? 4 * r.nextDouble() : randomSquare(r);
        moderate &= u[i] >= 0 && u[i] <= 4;
      }
      double t = r.nextBoolean() ? 0.1 + 10 * r.nextDouble() : randomTarget(r);
      moderate &= t >= 0.1 && t <= 10.1;
      Interval d = GfsShiftEnclosure.enclose(points(u), Interval.point(t));
      assertEncloses(d, u, t);
      if (moderate) {
        BigDecimal root = Reference.gfsShiftRoot(exact(u), new BigDecimal(t), 120);
        double scale = 1 + Math.abs(root.doubleValue());
        assertTrue(d.width() < 1e-13 * scale, () -> "too wide: " + d);
      }
    }
  }

  @Test
  void boxesEncloseTheShiftAtEveryPoint() {
    Random r = new Random(32);
    for (int trial = 0; trial < 600; trial++) {
      Interval[] u = randomSquares(r);
      int n = u.length;
      Interval t = randomTargets(r);
      Interval d = GfsShiftEnclosure.enclose(u, t);
      for (int k = 0; k < 6; k++) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
          // the corners (u high, t low) and (u low, t high) are where delta* is extreme
          x[i] = k == 0 ? u[i].hi() : k == 1 ? u[i].lo() : Reference.randomPoint(r, u[i]);
        }
        double tk = k == 0 ? t.lo() : k == 1 ? t.hi() : Reference.randomPoint(r, t);
        assertEncloses(d, x, tk);
      }
    }
  }

  @Test
  void shiftedSquaresAreEnclosedAtEveryPoint() {
    Random r = new Random(33);
    for (int trial = 0; trial < 600; trial++) {
      Interval[] u = randomSquares(r);
      int n = u.length;
      Interval t = randomTargets(r);
      int i = r.nextInt(n);
      Interval s = GfsShiftEnclosure.shiftedSquare(u, t, i);
      Interval sum = u[i].add(GfsShiftEnclosure.enclose(u, t));
      assertTrue(s.certainlyNonNegative(), s::toString);
      assertTrue(s.lo() >= sum.lo() && s.hi() <= Math.nextUp(sum.hi()), () -> s + " vs " + sum);
      for (int k = 0; k < 6; k++) {
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
          // the extreme corners: (u_i low, u_j high, t low) and (u_i high, u_j low, t high)
          boolean high = (j == i) == (k == 1);
          x[j] = k < 2 ? (high ? u[j].hi() : u[j].lo()) : Reference.randomPoint(r, u[j]);
        }
        double tk = k == 0 ? t.lo() : k == 1 ? t.hi() : Reference.randomPoint(r, t);
        // s_i in [lo, hi] iff delta* in [lo - u_i, hi - u_i]
        List<BigDecimal> us = exact(x);
        BigDecimal ts = new BigDecimal(tk);
        BigDecimal ui = new BigDecimal(x[i]);
        String where = "s_" + i + "(" + java.util.Arrays.toString(x) + ", " + tk + ") not in " + s;
        assertTrue(Reference.belowRoot(us, ts, new BigDecimal(s.lo()).subtract(ui)), where);
        assertTrue(s.hi() == Double.POSITIVE_INFINITY
            || Reference.aboveRoot(us, ts, new BigDecimal(s.hi()).subtract(ui)), where);
      }
    }
  }

  @Test
  void sharpnessStaysFiniteOnWideBoxes() {
    // phi = sum 1/(w_i^2 + delta*): enclosing w_i^2 + delta* as a whole keeps it away from 0
    ScalarNetwork model = new ScalarNetwork(3, Expr.num(1));
    Expr phi = model.gfsSharpness().orElseThrow();
    Interval w = new Interval(0.5, 2);
    Interval p = IntervalCompiler.compile(phi, model.parameters()).eval(new Interval[] {w, w, w});
    // phi >= D = 3 on the minimiser manifold, and 1/s_i <= 1/min s_i
    assertTrue(!p.isEntire() && p.hi() < 100 && p.contains(4.04188906600158), p::toString);
  }

  @Test
  void directionsOfMonotonicity() {
    // delta*(2,2,2; 1) = -1 is the smallest value on the box, delta*(1,1,1; 8) = 1 the largest
    Interval u = new Interval(1, 2);
    Interval d = GfsShiftEnclosure.enclose(new Interval[] {u, u, u}, new Interval(1, 8));
    assertTrue(d.contains(-1) && d.contains(1), d::toString);
    assertTrue(d.lo() > -1 - 1e-12 && d.hi() < 1 + 1e-12, d::toString);
  }

  @Test
  void targetNotCertainlyPositiveGivesEntire() {
    Interval[] u = {new Interval(1, 2), new Interval(0, 1)};
    assertTrue(GfsShiftEnclosure.enclose(u, new Interval(0, 1)).isEntire());
    assertTrue(GfsShiftEnclosure.enclose(u, new Interval(-1, 1)).isEntire());
    assertTrue(GfsShiftEnclosure.enclose(u, Interval.ENTIRE).isEntire());
    assertTrue(GfsShiftEnclosure.enclose(
        new Interval[] {Interval.ENTIRE, Interval.ONE}, Interval.ONE).isEntire());
    assertTrue(!GfsShiftEnclosure.enclose(u, new Interval(1e-300, 1)).isEntire());
  }

  @Test
  void unboundedInputsGiveSoundHalfLines() {
    Interval d = GfsShiftEnclosure.enclose(
        new Interval[] {new Interval(1, Double.POSITIVE_INFINITY), Interval.point(1)}, Interval.ONE);
    // delta* lies in (-1, 0]: (1 + d)(u + d) = 1 with u >= 1
    assertTrue(d.lo() >= -1 && d.hi() >= 0 && d.hi() < 1e-12, d::toString);
    Interval e = GfsShiftEnclosure.enclose(
        new Interval[] {Interval.point(1)}, new Interval(1, Double.POSITIVE_INFINITY));
    assertEquals(Double.POSITIVE_INFINITY, e.hi());
    assertTrue(e.lo() > -1e-12 && e.lo() <= 0);
  }

  // ---- phi = sum 1/(w_i^2 + delta*) against shared/maths.md ----

  private static Interval phi(double... w) {
    ScalarNetwork model = new ScalarNetwork(w.length, Expr.num(1));
    List<Expr> point = new ArrayList<>();
    for (double x : w) {
      point.add(new Expr.Num(org.apache.commons.numbers.fraction.BigFraction.from(x)));
    }
    Expr phi = model.at(model.gfsSharpness().orElseThrow(), point);
    return IntervalCompiler.compile(phi, List.of()).eval(new Interval[0]);
  }

  /** phi by bisection in BigDecimal: sum_i 1 / (w_i^2 + delta*). */
  private static BigDecimal phiByBisection(double... w) {
    List<BigDecimal> u = new ArrayList<>();
    for (double x : w) {
      u.add(new BigDecimal(x).pow(2));
    }
    BigDecimal delta = Reference.gfsShiftRoot(u, BigDecimal.ONE, 200);
    MathContext mc = new MathContext(40);
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal x : u) {
      sum = sum.add(BigDecimal.ONE.divide(x.add(delta), mc));
    }
    return sum;
  }

  private static void assertPhi(String reference, double... w) {
    BigDecimal ref = new BigDecimal(reference);
    BigDecimal bisection = phiByBisection(w);
    assertTrue(bisection.subtract(ref).abs().compareTo(new BigDecimal("1e-18")) < 0,
        () -> "bisection gives " + bisection + ", maths.md " + reference);
    Interval p = phi(w);
    assertTrue(Reference.contains(p, bisection), () -> "phi = " + bisection + " not in " + p);
    assertTrue(p.width() < 1e-12, p::toString);
  }

  @Test
  void sharpnessOfTheGradientFlowSolutionMatchesTheReferenceValues() {
    assertPhi("4.04188906600158209311", 1, 1, 2);
    assertPhi("24.9047565050815553650", 1, 2, 3);
    assertPhi("4.89284914610488827298", 1, 1, 1, 2);
    // depth 2: closed form sqrt(b^2 + 4)
    Interval p = phi(2, 0.5);
    assertTrue(p.contains(17.0 / 4) && p.width() < 1e-14, p::toString);
    Interval q = phi(2, 1);
    assertTrue(Reference.contains(q, Reference.FIELD.newDfp(13).sqrt()) && q.width() < 1e-14);
    assertTrue(Reference.contains(phi(2, 1), phiByBisection(2, 1)));
  }
}

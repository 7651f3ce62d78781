package org.eoscheck.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eoscheck.InputException;
import org.eoscheck.symbolic.Evaluation;
import org.junit.jupiter.api.Test;

/** Derivative against central finite differences in double precision. */
class DerivativeTest {
  private static final List<String> SMOOTH = List.of(
      "x^3*y - 2*x/y + 7",
      "(x^2 + y^2)^(-2) * (x - 3*y)",
      "exp(x*y) + log(1 + x^2) - sin(x)*cos(y)",
      "tanh(x - y)^2 / (2 + cos(x))",
      "sqrt(1 + x^2 + y^4) * abs(y)",
      "(x*y - 1)^2/2",
      "(2 + cos(y))*(x - 1)^2/2",
      "x/(y^2 + 1)/(x^2 + 2)",
      "-(x - y)^5");

  private static double value(Expr e, double x, double y) {
    Map<String, Double> p = new HashMap<>();
    p.put("x", x);
    p.put("y", y);
    return Evaluation.approximate(e, p);
  }

  @Test
  void firstAndSecondDerivativesMatchFiniteDifferences() throws InputException {
    Random r = new Random(9);
    for (String text : SMOOTH) {
      Expr e = ExprParser.parse(text);
      List<Expr> g = Derivative.gradient(e, List.of("x", "y"));
      List<List<Expr>> h = Derivative.hessian(e, List.of("x", "y"));
      for (int k = 0; k < 10; k++) {
        double x = 0.3 + 1.5 * r.nextDouble();
        double y = 0.3 + 1.5 * r.nextDouble();
        double step = 1e-5;
        double dx = (value(e, x + step, y) - value(e, x - step, y)) / (2 * step);
        double dy = (value(e, x, y + step) - value(e, x, y - step)) / (2 * step);
        assertEquals(dx, value(g.get(0), x, y), 1e-6 * (1 + Math.abs(dx)), text + " d/dx");
        assertEquals(dy, value(g.get(1), x, y), 1e-6 * (1 + Math.abs(dy)), text + " d/dy");
        double hx = 1e-4;
        double dxy = (value(e, x + hx, y + hx) - value(e, x + hx, y - hx) - value(e, x - hx, y + hx)
            + value(e, x - hx, y - hx)) / (4 * hx * hx);
        double dxx = (value(e, x + hx, y) - 2 * value(e, x, y) + value(e, x - hx, y)) / (hx * hx);
        assertEquals(dxy, value(h.get(0).get(1), x, y), 1e-4 * (1 + Math.abs(dxy)), text + " d2/dxdy");
        assertEquals(value(h.get(0).get(1), x, y), value(h.get(1).get(0), x, y), 0.0);
        assertEquals(dxx, value(h.get(0).get(0), x, y), 2e-3 * (1 + Math.abs(dxx)), text + " d2/dx2");
      }
    }
  }

  @Test
  void implicitShiftDerivativeMatchesFiniteDifferences() throws InputException {
    // delta*(u1, u2, u3; t): prod (u_i + delta) = t; d delta / du_1 = -prod_{j != 1}(u_j + d) / p'(d)
    Expr delta = ExprParser.parse("gfsShift(t, x^2, y^2, 2)");
    Expr dx = Derivative.of(delta, "x");
    Expr dt = Derivative.of(delta, "t");
    Random r = new Random(4);
    for (int k = 0; k < 10; k++) {
      double x = 0.3 + r.nextDouble();
      double y = 0.3 + r.nextDouble();
      double t = 0.5 + r.nextDouble();
      double step = 1e-6;
      double fdx = (shift(x + step, y, t) - shift(x - step, y, t)) / (2 * step);
      double fdt = (shift(x, y, t + step) - shift(x, y, t - step)) / (2 * step);
      double d = shift(x, y, t);
      Map<String, Double> p = Map.of("x", x, "y", y, "t", t);
      assertEquals(fdx, substituted(dx, d, p), 1e-6 * (1 + Math.abs(fdx)));
      assertEquals(fdt, substituted(dt, d, p), 1e-6 * (1 + Math.abs(fdt)));
    }
  }

  /** Evaluates e with its gfsShift nodes replaced by the value d. */
  private static double substituted(Expr e, double d, Map<String, Double> p) {
    Map<String, Double> q = new HashMap<>(p);
    q.put("d", d);
    return Evaluation.approximate(replaceShift(e), q);
  }

  private static Expr replaceShift(Expr e) {
    return e instanceof Expr.GfsShift ? Expr.var("d") : Exprs.mapChildren(e, DerivativeTest::replaceShift);
  }

  /** delta* for squares x^2, y^2, 2 and target t, by bisection. */
  private static double shift(double x, double y, double t) {
    double[] u = {x * x, y * y, 2};
    double lo = -Math.min(u[0], Math.min(u[1], u[2]));
    double hi = lo + 10;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      double p = (u[0] + mid) * (u[1] + mid) * (u[2] + mid);
      if (p < t) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  @Test
  void unresolvedNamesAreRefused() throws InputException {
    assertThrows(IllegalArgumentException.class, () -> Derivative.of(ExprParser.parse("foo(x)"), "x"));
    assertEquals(Exprs.ZERO, Derivative.of(ExprParser.parse("min(y, 2)"), "x"));
  }

  @Test
  void minAndMaxAreDifferentiatedOffTheirKinksAndUndefinedOnThem() throws InputException {
    List<String> xy = List.of("x", "y");
    CompiledExpr dMax = CompiledExpr.compile(Derivative.of(ExprParser.parse("max(x^2, y, 1)"), "x"), xy);
    CompiledExpr dMin = CompiledExpr.compile(Derivative.of(ExprParser.parse("min(x, y)"), "x"), xy);
    assertEquals(6, dMax.eval(new double[] {3, 2}), 1e-12);   // max is x^2: 2x
    assertEquals(0, dMax.eval(new double[] {1.0 / 2, 2}), 1e-12); // max is y
    assertEquals(1, dMin.eval(new double[] {1, 2}), 1e-12);
    assertEquals(0, dMin.eval(new double[] {2, 1}), 1e-12);
    assertTrue(Double.isNaN(dMin.eval(new double[] {1, 1})), "undefined on the kink x = y");
  }
}

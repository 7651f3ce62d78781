package org.eoscheck.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.eoscheck.InputException;
import org.eoscheck.model.ScalarNetwork;
import org.junit.jupiter.api.Test;

class CompiledExprTest {
  private static Expr parse(String s) throws InputException {
    return ExprParser.parse(s);
  }

  private static double eval(String s, List<String> vars, double... x) throws InputException {
    return CompiledExpr.compile(parse(s), vars).eval(x);
  }

  @Test
  void fieldOperationsAndPowers() throws InputException {
    List<String> xy = List.of("x", "y");
    assertEquals(1.5 * 1.5 + 3 * 1.5 * -2 - -2 / 2.0, eval("x^2 + 3*x*y - y/2", xy, 1.5, -2), 1e-15);
    assertEquals(1 / (1.5 * 1.5 * 1.5), eval("x^(-3)", xy, 1.5, 0), 1e-15);
    assertEquals(1, eval("x^0", xy, 0, 0));
    assertEquals(-0.1, eval("-x/10", xy, 1, 0), 1e-17);
    assertEquals(Double.POSITIVE_INFINITY, eval("1/x", xy, 0, 0));
    assertTrue(Double.isNaN(eval("sqrt(x)", xy, -1, 0)));
  }

  @Test
  void elementaryFunctions() throws InputException {
    List<String> xy = List.of("x", "y");
    double x = 0.7;
    double y = -1.3;
    assertEquals(Math.sqrt(x) + Math.abs(y), eval("sqrt(x) + abs(y)", xy, x, y), 1e-15);
    assertEquals(y, eval("min(x, y, 2)", xy, x, y));
    assertEquals(2, eval("max(x, y, 2)", xy, x, y));
    assertEquals(Math.exp(x) * Math.log(x), eval("exp(x)*log(x)", xy, x, y), 1e-15);
    assertEquals(Math.sin(x) - Math.cos(y) + Math.tanh(x * y),
        eval("sin(x) - cos(y) + tanh(x*y)", xy, x, y), 1e-15);
  }

  @Test
  void sharesCommonSubexpressions() throws InputException {
    CompiledExpr c = CompiledExpr.compile(parse("(x + y)^2 + (x + y)^3"), List.of("x", "y"));
    // x + y once, two powers, one sum.
    assertEquals(4, c.instructions());
    CompiledExpr both = CompiledExpr.compile(
        List.of(parse("(x + y)^2"), parse("(x + y)^3"), parse("x")), List.of("x", "y"));
    assertEquals(3, both.instructions());
    double[] out = both.evalAll(new double[] {1, 2});
    assertEquals(9, out[0]);
    assertEquals(27, out[1]);
    assertEquals(1, out[2]);
  }

  @Test
  void rejectsUnknownNames() throws InputException {
    Expr e = parse("x + z");
    IllegalArgumentException ex =
        assertThrows(IllegalArgumentException.class, () -> CompiledExpr.compile(e, List.of("x")));
    assertTrue(ex.getMessage().contains("'z'"), ex.getMessage());
    Expr call = parse("foo(x)");
    assertThrows(IllegalArgumentException.class, () -> CompiledExpr.compile(call, List.of("x")));
    CompiledExpr c = CompiledExpr.compile(parse("x"), List.of("x"));
    assertThrows(IllegalArgumentException.class, () -> c.eval(new double[2]));
  }

  @Test
  void tangentsAreHessianVectorProducts() throws InputException {
    List<String> vars = List.of("x", "y", "z");
    Expr loss = parse("(x*y*z - 1)^2/2 + sin(x)*exp(y/3) + sqrt(1 + z^2)*tanh(x - z) + abs(y)^3/(2 + x^2)");
    CompiledExpr gradient = CompiledExpr.compile(Derivative.gradient(loss, vars), vars);
    List<List<Expr>> hessian = Derivative.hessian(loss, vars);
    List<Expr> entries = new ArrayList<>();
    hessian.forEach(entries::addAll);
    CompiledExpr h = CompiledExpr.compile(entries, vars);
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 50; trial++) {
      double[] x = {random.nextDouble(-2, 2), random.nextDouble(-2, 2), random.nextDouble(-2, 2)};
      double[] v = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double[] g = new double[3];
      double[] hv = new double[3];
      gradient.evalTangent(x, v, g, hv);
      double[] hx = h.evalAll(x);
      double[] gPlain = gradient.evalAll(x);
      for (int i = 0; i < 3; i++) {
        double expected = hx[3 * i] * v[0] + hx[3 * i + 1] * v[1] + hx[3 * i + 2] * v[2];
        assertEquals(expected, hv[i], 1e-11 * (1 + Math.abs(expected)));
        assertEquals(gPlain[i], g[i]);
      }
    }
  }

  @Test
  void gfsShiftMatchesReferenceSharpness() {
    // phi(w) of the scalar network through its GfsShift expression (shared/maths.md, section 1).
    assertEquals(17.0 / 4, phi(2, 0.5), 1e-14);
    assertEquals(Math.sqrt(13), phi(2, 1), 1e-14);
    assertEquals(4.04188906600158209311, phi(1, 1, 2), 4e-15);
    assertEquals(24.9047565050815553650, phi(1, 2, 3), 3e-14);
    assertEquals(4.89284914610488827298, phi(1, 1, 1, 2), 4e-15);
  }

  private static double phi(double... w) {
    ScalarNetwork net = new ScalarNetwork(w.length, Exprs.ONE);
    Expr phi = net.gfsSharpness().orElseThrow();
    return CompiledExpr.compile(phi, net.parameters()).eval(w);
  }

  @Test
  void gfsShiftSolvesItsEquation() {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 2000; trial++) {
      int n = 1 + random.nextInt(12);
      double[] u = new double[n];
      for (int i = 0; i < n; i++) {
        u[i] = Math.pow(10, random.nextDouble(-6, 4)) * (random.nextInt(5) == 0 ? -1 : 1);
      }
      double t = Math.pow(10, random.nextDouble(-8, 8));
      double m = java.util.Arrays.stream(u).min().orElseThrow();
      double[] v = java.util.Arrays.stream(u).map(x -> x - m).toArray();
      double s = CompiledExpr.gfsOffset(v, n, t, Double.NaN);
      assertTrue(s > 0);
      double logProduct = 0;
      for (double vi : v) {
        logProduct += Math.log(vi + s);
      }
      assertEquals(Math.log(t), logProduct, 1e-12 * (n + Math.abs(Math.log(t))));
      assertEquals(s - m, CompiledExpr.gfsShift(u, t));
      // A start from anywhere in the domain reaches the same root.
      double hinted = CompiledExpr.gfsOffset(v, n, t, s * Math.pow(10, random.nextDouble(-3, 3)));
      assertEquals(s, hinted, 1e-13 * s);
    }
  }

  @Test
  void gfsShiftEdgeCases() {
    assertTrue(Double.isNaN(CompiledExpr.gfsShift(new double[] {1, 2}, 0)));
    assertTrue(Double.isNaN(CompiledExpr.gfsShift(new double[] {1, 2}, -1)));
    assertTrue(Double.isNaN(CompiledExpr.gfsShift(new double[] {1, Double.NaN}, 1)));
    assertTrue(Double.isNaN(CompiledExpr.gfsShift(new double[0], 1)));
    assertEquals(2, CompiledExpr.gfsShift(new double[] {1}, 3), 1e-15);
    // (u + delta)^2 = 4 with u = 0: delta = 2.
    assertEquals(2, CompiledExpr.gfsShift(new double[] {0, 0}, 4), 1e-15);
    // Overflowing products (1e5^63) fall back to bisection on logs; the root is about 1e-15.
    double[] u = new double[64];
    java.util.Arrays.fill(u, 1e5);
    u[0] = 0;
    double delta = CompiledExpr.gfsShift(u, 1e300);
    double log = Math.log(delta);
    for (int i = 1; i < 64; i++) {
      log += Math.log(u[i] + delta);
    }
    assertEquals(Math.log(1e300), log, 1e-12);
  }

  @Test
  void gfsShiftTangentIsImplicitDerivative() throws InputException {
    List<String> vars = List.of("a", "b", "c", "t");
    CompiledExpr c = CompiledExpr.compile(parse("gfsShift(t, a^2, b^2, c)"), vars);
    double[] x = {0.8, 1.7, 0.3, 2.5};
    double[] v = {0.3, -0.2, 0.9, -0.4};
    double[] out = new double[1];
    double[] tangent = new double[1];
    c.evalTangent(x, v, out, tangent);
    double h = 1e-6;
    double[] plus = x.clone();
    double[] minus = x.clone();
    for (int i = 0; i < 4; i++) {
      plus[i] += h * v[i];
      minus[i] -= h * v[i];
    }
    double fd = (c.eval(plus) - c.eval(minus)) / (2 * h);
    assertEquals(fd, tangent[0], 1e-8);
  }

  @Test
  void powiIsExactForSmallIntegers() {
    assertEquals(1024, CompiledExpr.powi(2, 10));
    assertEquals(-27, CompiledExpr.powi(-3, 3));
    assertEquals(0.125, CompiledExpr.powi(2, -3));
    assertEquals(1, CompiledExpr.powi(0, 0));
  }
}

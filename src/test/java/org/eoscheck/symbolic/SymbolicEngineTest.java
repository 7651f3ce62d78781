package org.eoscheck.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Exprs;
import org.eoscheck.symbolic.SymbolicEngine.Factorization;
import org.eoscheck.symbolic.SymbolicEngine.Factorization.Factor;
import org.junit.jupiter.api.Test;

class SymbolicEngineTest {
  private final SymbolicEngine symja = SymbolicEngine.get();

  static Expr p(String text) {
    try {
      return ExprParser.parse(text);
    } catch (InputException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Asserts a = b exactly at random rational points where both are defined (independent of Symja:
   * plain rational arithmetic).
   */
  static void assertSameFunction(Expr a, Expr b) {
    Set<String> vars = new LinkedHashSet<>(Exprs.variables(a));
    vars.addAll(Exprs.variables(b));
    Random random = new Random(7);
    int agreed = 0;
    for (int attempt = 0; attempt < 60 && agreed < 5; attempt++) {
      Map<String, BigFraction> point = PointCheck.randomPoint(vars, random);
      BigFraction x;
      BigFraction y;
      try {
        x = Evaluation.exact(a, point);
        y = Evaluation.exact(b, point);
      } catch (ArithmeticException undefined) {
        continue;
      }
      assertEquals(x, y, () -> a.text() + " vs " + b.text() + " at " + point);
      agreed++;
    }
    assertEquals(5, agreed, "too few points where both sides are defined");
  }

  @Test
  void simplifyExpandTogetherAgreeWithTheirInput() {
    for (String text : List.of("(x^2 - 1)/(x - 1)", "(x + 1)^3 - (x - 1)^3", "1/x + 1/y - 2/(x*y)",
        "(w1*w2 - 1)^2/2 - (w1*w2)^2/2", "x*(y + 1/x)^2")) {
      Expr e = p(text);
      assertSameFunction(e, symja.simplify(e));
      assertSameFunction(e, symja.expand(e));
      assertSameFunction(e, symja.together(e));
    }
  }

  @Test
  void expandMultipliesOut() {
    Expr x = symja.expand(p("(x + 1)^3"));
    assertInstanceOf(Expr.Add.class, x);
    assertEquals(4, ((Expr.Add) x).terms().size());
    assertFalse(Exprs.contains(x, n -> n instanceof Expr.Pow pw && pw.base() instanceof Expr.Add));
  }

  @Test
  void togetherGivesOneFraction() {
    Expr t = symja.together(p("1/x + 1/y"));
    assertInstanceOf(Expr.Div.class, t);
    assertSameFunction(p("(x + y)/(x*y)"), t);
  }

  @Test
  void factorSplitsConstantNumeratorAndDenominator() {
    Factorization f = symja.factor(p("6*(x^2 - 1)/(4*y^2)"));
    assertEquals(BigFraction.of(3, 2), f.constant().abs());
    assertEquals(2, f.numerator().size());
    assertEquals(List.of(new Factor(p("y"), 2)), f.denominator());
    for (Factor factor : f.numerator()) {
      assertEquals(1, factor.power());
      // each numerator factor is x - 1 or x + 1 up to sign: it vanishes at x = 1 or x = -1
      BigFraction at1 = Evaluation.exact(factor.base(), Map.of("x", BigFraction.ONE));
      BigFraction atMinus1 = Evaluation.exact(factor.base(), Map.of("x", BigFraction.ONE.negate()));
      assertTrue(at1.signum() == 0 || atMinus1.signum() == 0, factor.base().text());
    }
    assertSameFunction(p("6*(x^2 - 1)/(4*y^2)"), f.toExpr());
  }

  @Test
  void factorsTheScalarBalanceStep() {
    // (w1+)^2 - (w2+)^2 for depth 3, maths.md section 1.
    Expr step = p("(w1 - eta*(w1*w2*w3 - 1)*w2*w3)^2 - (w2 - eta*(w1*w2*w3 - 1)*w1*w3)^2");
    Factorization f = symja.factor(step);
    assertTrue(f.factors().size() >= 3, () -> f.toExpr().text());
    assertSameFunction(step, f.toExpr());
    Expr claimed = p("(w1^2 - w2^2)*(1 - eta^2*(w1*w2*w3 - 1)^2*(w1*w2*w3)^2/(w1^2*w2^2))");
    assertSameFunction(claimed, f.toExpr());
  }

  @Test
  void factorOfAConstantHasNoFactors() {
    Factorization f = symja.factor(p("(x + 1)^2 - x^2 - 2*x - 7/2"));
    assertEquals(BigFraction.of(-5, 2), f.constant());
    assertTrue(f.factors().isEmpty());
    assertEquals(new Expr.Num(BigFraction.of(-5, 2)), f.toExpr());
  }

  @Test
  void halfPowersComeBackAsSquareRoots() {
    Expr s = symja.simplify(p("sqrt(8)*x"));
    assertTrue(Exprs.contains(s, n -> n instanceof Expr.Call c && c.fn() == org.eoscheck.expr.Fn.SQRT));
    assertEquals(8.0 * 3 * 3, Math.pow(Evaluation.approximate(s, Map.of("x", 3.0)), 2), 1e-9);
    Expr cube = symja.simplify(p("sqrt(x)^3"));
    assertEquals(Math.pow(2.25, 1.5), Evaluation.approximate(cube, Map.of("x", 2.25)), 1e-12);
    Expr inverse = symja.simplify(p("1/sqrt(x)"));
    assertEquals(1 / Math.sqrt(5), Evaluation.approximate(inverse, Map.of("x", 5.0)), 1e-12);
  }

  @Test
  void transcendentalFunctionsSurvive() {
    Expr e = symja.simplify(p("exp(x)*exp(x) + log(y) + sin(z) + cos(z) + tanh(x) + abs(y) + min(x, y)"));
    Map<String, Double> at = Map.of("x", 0.3, "y", 1.7, "z", -0.4);
    double expected = Math.exp(0.6) + Math.log(1.7) + Math.sin(-0.4) + Math.cos(-0.4) + Math.tanh(0.3)
        + 1.7 + 0.3;
    assertEquals(expected, Evaluation.approximate(e, at), 1e-12);
  }

  @Test
  void variablesNamedLikeSymjaBuiltinsStayVariables() {
    Expr e = symja.simplify(p("E + E + D*I - Pi"));
    assertEquals(Set.of("E", "D", "I", "Pi"), Exprs.variables(e));
    assertSameFunction(p("2*E + D*I - Pi"), e);
  }

  @Test
  void gfsShiftTravelsAsAnOpaqueSymbol() {
    Expr delta = new Expr.GfsShift(List.of(p("w1^2"), p("w2^2"), p("w3^2")), Exprs.ONE);
    Expr e = Expr.add(Expr.mul(delta, p("x")), Expr.mul(p("x"), delta), Expr.pow(delta, 2));
    Factorization f = symja.factor(e);
    assertTrue(Exprs.contains(f.toExpr(), n -> n.equals(delta)));
    Expr expected = Expr.mul(delta, Expr.add(Expr.mul(Expr.num(2), p("x")), delta));
    // compare with delta replaced by a fresh variable (the evaluator has no root finder)
    assertSameFunction(replace(expected, delta), replace(f.toExpr(), delta));
  }

  private static Expr replace(Expr e, Expr target) {
    if (e.equals(target)) {
      return Expr.var("d");
    }
    return Exprs.mapChildren(e, c -> replace(c, target));
  }

  @Test
  void answersWithoutCounterpartAreErrors() {
    SymbolicException ex = assertThrows(SymbolicException.class, () -> symja.simplify(p("log(-1)")));
    assertTrue(ex.getMessage().contains("no counterpart"), ex.getMessage());
    assertThrows(SymbolicException.class, () -> symja.simplify(p("foo(x)")));
    assertThrows(SymbolicException.class, () -> symja.simplify(p("1/(x - x)")));
  }

  @Test
  void determinantOfASmallMatrix() {
    List<List<Expr>> m = List.of(List.of(p("x"), p("1")), List.of(p("2"), p("x")));
    assertSameFunction(p("x^2 - 2"), symja.determinant(m));
    // 7 x 7 goes through Symja's Det: x on the diagonal, y just below it (triangular: det = x^7),
    // and one corner entry 1 that adds (-1)^(7+1) * 1 * y^6
    List<List<Expr>> big = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < 7; j++) {
        row.add(i == j ? p("x") : i == j + 1 ? p("y") : i == 0 && j == 6 ? Exprs.ONE : Exprs.ZERO);
      }
      big.add(row);
    }
    assertSameFunction(p("x^7 + y^6"), symja.determinant(big));
  }

  @Test
  void simplifiesToZero() {
    assertTrue(symja.simplifiesToZero(p("(x + 1)^2 - x^2 - 2*x - 1")));
    assertTrue(symja.simplifiesToZero(p("1/(x - 1) - 1/(x + 1) - 2/(x^2 - 1)")));
    assertFalse(symja.simplifiesToZero(p("(x + 1)^2 - x^2 - 2*x")));
  }

  @Test
  void overBudgetCallsStopAndTheEngineRecovers() {
    Expr hard = p("(a + b + c + d + x)^40 - 1");
    assertThrows(SymbolicException.Timeout.class, () -> symja.factor(hard, Duration.ofMillis(200)));
    assertSameFunction(p("(x - 1)*(x + 1)"), symja.factor(p("x^2 - 1")).toExpr());
  }

  @Test
  void anInterruptedCallerAbandonsTheCallWhichStops() throws Exception {
    Expr hard = p("(a + b + c + d + x)^40 - 1");
    Throwable[] thrown = new Throwable[1];
    boolean[] stillInterrupted = new boolean[1];
    Thread caller = new Thread(() -> {
      try {
        symja.factor(hard, Duration.ofSeconds(120));
      } catch (RuntimeException e) {
        thrown[0] = e;
        stillInterrupted[0] = Thread.currentThread().isInterrupted();
      }
    });
    caller.start();
    Thread.sleep(300);
    caller.interrupt();
    caller.join(30_000);
    assertFalse(caller.isAlive(), "the caller waited for Symja");
    assertInstanceOf(SymbolicException.Timeout.class, thrown[0]);
    assertTrue(stillInterrupted[0], "the caller's interrupt flag is kept");
    // The abandoned evaluation honours the interrupt: only the fresh engine's thread remains.
    long until = System.nanoTime() + 30_000_000_000L;
    while (symjaThreads() > 1 && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertTrue(symjaThreads() <= 1, "an abandoned Symja thread runs on");
    assertSameFunction(p("(x - 1)*(x + 1)"), symja.factor(p("x^2 - 1")).toExpr());
  }

  private static long symjaThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals("eoscheck-symja")).count();
  }

  @Test
  void concurrentCallersGetTheirOwnAnswers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Expr>> answers = new ArrayList<>();
      for (int k = 1; k <= 12; k++) {
        Expr e = p("(x + " + k + ")^2 - x^2");
        answers.add(pool.submit(() -> symja.expand(e)));
      }
      for (int k = 1; k <= 12; k++) {
        assertSameFunction(p(2 * k + "*x + " + k * k), answers.get(k - 1).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void latexUsesThePapersNotation() {
    assertEquals("\\frac{w_{1}^{2}}{2 \\eta}", symja.latex(p("w1^2/(2*eta)")));
    assertEquals("W^{(2)}_{1,2} - \\frac{1}{2}", symja.latex(p("W2_1_2 - 1/2")));
    assertEquals("\\sqrt{\\left(w_{1}^{2} - w_{2}^{2}\\right)^{2} + 4}",
        symja.latex(p("sqrt((w1^2 - w2^2)^2 + 4)")));
    assertEquals("\\left(\\frac{1}{2}\\right)^{3} \\cdot 3 x", symja.latex(p("(1/2)^3*3*x")));
    assertEquals("-\\left(a + b\\right)", symja.latex(p("-(a + b)")));
    assertEquals("\\left|y\\right| \\mathit{foo}", symja.latex(p("abs(y)*foo")));
  }
}

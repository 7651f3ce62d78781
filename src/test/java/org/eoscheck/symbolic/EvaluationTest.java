package org.eoscheck.symbolic;

import static org.eoscheck.symbolic.SymbolicEngineTest.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParserTest;
import org.eoscheck.expr.Exprs;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  private static final Map<String, BigFraction> AT = Map.of("x", BigFraction.of(1, 2),
      "y", BigFraction.of(-2), "z", BigFraction.of(9, 4));

  @Test
  void exactValuesByHand() {
    assertEquals(BigFraction.of(-1, 2), Evaluation.exact(p("(x + 1/2)^2/y"), AT));
    assertEquals(BigFraction.of(3, 2), Evaluation.exact(p("sqrt(z)"), AT));
    assertEquals(BigFraction.of(-2), Evaluation.exact(p("min(x, y, z)"), AT));
    assertEquals(BigFraction.of(9, 4), Evaluation.exact(p("max(x, y, z)"), AT));
    assertEquals(BigFraction.of(2), Evaluation.exact(p("abs(y)"), AT));
    assertEquals(BigFraction.of(16), Evaluation.exact(p("x^(-4)"), AT));
    assertEquals(BigFraction.of(-7, 2), Evaluation.exact(p("-(x - y) - 1"), AT));
    assertThrows(Evaluation.NotRepresentable.class, () -> Evaluation.exact(p("sqrt(x)"), AT));
    assertThrows(Evaluation.NotRepresentable.class, () -> Evaluation.exact(p("exp(x)"), AT));
    assertThrows(Evaluation.NotRepresentable.class, () -> Evaluation.exact(p("gfsShift(1, x)"), AT));
    assertThrows(Evaluation.NotRepresentable.class, () -> Evaluation.exact(p("w"), AT));
    assertThrows(ArithmeticException.class, () -> Evaluation.exact(p("1/(y + 2)"), AT));
    assertThrows(ArithmeticException.class, () -> Evaluation.exact(p("sqrt(y)"), AT));
    assertEquals(Math.cos(0.5) * Math.exp(-2) + Math.tanh(2.25),
        Evaluation.approximate(p("cos(x)*exp(y) + tanh(z)"), Map.of("x", 0.5, "y", -2.0, "z", 2.25)),
        1e-15);
  }

  @Test
  void pointCheckTellsEqualFromDifferent() {
    assertTrue(PointCheck.compare(p("(x + y)^2"), p("x^2 + 2*x*y + y^2"), 5, 1).equal());
    PointCheck.Result r = PointCheck.compare(p("(x + y)^2"), p("x^2 + y^2"), 5, 1);
    assertEquals(PointCheck.Verdict.DIFFERENT, r.verdict());
    assertTrue(r.exactWitness());
    assertTrue(PointCheck.compare(p("exp(x)^2"), p("exp(2*x)"), 5, 1).equal());
    assertEquals(0, PointCheck.compare(p("exp(x)^2"), p("exp(2*x)"), 5, 1).exactPoints());
    assertEquals(PointCheck.Verdict.UNDECIDED, PointCheck.isZero(p("gfsShift(1, x) - foo"), 3, 1)
        .verdict());
  }

  @Test
  void lightSimplificationKeepsTheValueWhereverTheInputIsDefined() {
    Random r = new Random(19);
    int compared = 0;
    for (int i = 0; i < 2000; i++) {
      Expr e = ExprParserTest.random(r, 4);
      if (Exprs.contains(e, n -> n instanceof Expr.GfsShift)) {
        continue;
      }
      Expr s = LightSimplifier.simplify(e);
      Set<String> vars = new LinkedHashSet<>(Exprs.variables(e));
      for (int k = 0; k < 3; k++) {
        Map<String, BigFraction> point = PointCheck.randomPoint(vars, r);
        BigFraction x;
        try {
          x = Evaluation.exact(e, point);
        } catch (ArithmeticException | Evaluation.NotRepresentable undefined) {
          continue;
        }
        assertEquals(x, Evaluation.exact(s, point), e.text() + "  ->  " + s.text());
        compared++;
      }
    }
    assertTrue(compared > 1000, "compared " + compared);
    assertEquals(p("w2*w3"), LightSimplifier.simplify(p("4*w3*w2/4")));
    assertFalse(LightSimplifier.simplify(p("x*x/x")).equals(p("x")), "never cancels across the bar");
  }
}

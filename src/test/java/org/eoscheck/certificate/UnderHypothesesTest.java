package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.Statement.Condition;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.junit.jupiter.api.Test;

/** The natural form under the hypotheses encloses the residual where the hypotheses hold, only. */
class UnderHypothesesTest {
  private final CertifiedEvaluator ev = new CertifiedEvaluator();
  private final List<Condition> hyps = List.of(Condition.of(rel("x - 1/2 >= 0")));
  private final Map<String, Bounds> box = new LinkedHashMap<>(Map.of(
      "x", new Bounds(BigFraction.ZERO, BigFraction.ONE),
      "y", new Bounds(BigFraction.ONE, BigFraction.of(2))));

  private static org.eoscheck.expr.Relation rel(String s) {
    try {
      return ExprParser.parseRelation(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private CertifiedInterval under(String residual) throws Exception {
    Expr a = UnderHypotheses.abstracted(ExprParser.parse(residual), hyps);
    return UnderHypotheses.enclose(ev, a, box, box, hyps);
  }

  @Test
  void aHypothesisInsideTheResidualIsClippedToItsSign() throws Exception {
    assertTrue(ev.enclose(ExprParser.parse("(x - 1/2)*y"), box).lo().signum() < 0);
    assertTrue(under("(x - 1/2)*y").lo().signum() >= 0);
  }

  @Test
  void aResidualNegativeWhereTheHypothesisHoldsIsNotShownNonNegative() throws Exception {
    // At x = 1/2 (hypothesis true) the value is -1/4.
    assertTrue(under("(x - 1/2) - 1/4").lo().signum() < 0);
    // 1/2 - x is not the hypothesis' expression: nothing is clipped.
    assertTrue(under("1/2 - x").lo().signum() < 0);
  }

  @Test
  void aBoxWhereTheHypothesisFailsEverywhereIsNotEvaluated() throws Exception {
    Map<String, Bounds> low = new LinkedHashMap<>(box);
    low.put("x", new Bounds(BigFraction.ZERO, BigFraction.of(1, 4)));
    Expr a = UnderHypotheses.abstracted(ExprParser.parse("(x - 1/2)*y"), hyps);
    assertThrows(CertifiedEvaluator.Undefined.class,
        () -> UnderHypotheses.enclose(ev, a, low, low, hyps));
    assertEquals("$hyp0", UnderHypotheses.atom(0));
  }
}

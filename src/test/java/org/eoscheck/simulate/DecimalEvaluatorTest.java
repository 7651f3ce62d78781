package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;
import org.eoscheck.InputException;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Exprs;
import org.eoscheck.model.ScalarNetwork;
import org.junit.jupiter.api.Test;

class DecimalEvaluatorTest {
  private final DecimalEvaluator ev = new DecimalEvaluator(new MathContext(50));

  private BigDecimal phi(String... w) {
    ScalarNetwork net = new ScalarNetwork(w.length, Exprs.ONE);
    Map<String, BigDecimal> env = new HashMap<>();
    for (int i = 0; i < w.length; i++) {
      env.put(net.parameters().get(i), new BigDecimal(w[i]));
    }
    return ev.eval(net.gfsSharpness().orElseThrow(), env);
  }

  private static void assertDigits(String expected, BigDecimal actual) {
    // The references are rounded to their last digit: allow half a unit there.
    BigDecimal e = new BigDecimal(expected);
    BigDecimal halfUnit = BigDecimal.ONE.scaleByPowerOfTen(-e.scale()).divide(BigDecimal.valueOf(2));
    assertTrue(e.subtract(actual).abs().compareTo(halfUnit) <= 0,
        "expected " + expected + ", got " + actual);
  }

  @Test
  void referenceSharpnessToAllGivenDigits() {
    assertEquals(0, phi("2", "0.5").compareTo(new BigDecimal("4.25")));
    assertDigits("4.04188906600158209311", phi("1", "1", "2"));
    assertDigits("24.9047565050815553650", phi("1", "2", "3"));
    assertDigits("4.89284914610488827298", phi("1", "1", "1", "2"));
  }

  @Test
  void arithmetic() throws InputException {
    Map<String, BigDecimal> env = Map.of("x", new BigDecimal("2"));
    BigDecimal third = ev.eval(ExprParser.parse("1/3 + x^(-1) - abs(-x) + max(x, 3) + sqrt(x)^2"), env);
    // 1/3 + 1/2 - 2 + 3 + 2 = 23/6
    BigDecimal expected = new BigDecimal(23).divide(new BigDecimal(6), new MathContext(50));
    assertTrue(third.subtract(expected).abs().compareTo(new BigDecimal("1e-48")) < 0, third.toString());
    assertThrows(ArithmeticException.class, () -> ev.eval(ExprParser.parse("1/(x - 2)"), env));
    assertThrows(ArithmeticException.class, () -> ev.eval(ExprParser.parse("sqrt(-x)"), env));
  }

  @Test
  void transcendentalFunctionsAreNotSupported() throws InputException {
    Expr e = ExprParser.parse("exp(x) + 1");
    assertFalse(DecimalEvaluator.supports(e));
    assertTrue(DecimalEvaluator.supports(ExprParser.parse("sqrt(x) + abs(x)")));
    assertThrows(IllegalArgumentException.class, () -> ev.eval(e, Map.of("x", BigDecimal.ONE)));
  }
}

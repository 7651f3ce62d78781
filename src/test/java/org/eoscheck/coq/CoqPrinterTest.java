package org.eoscheck.coq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.ExprParser;
import org.junit.jupiter.api.Test;

class CoqPrinterTest {
  private static String coq(String text) throws Exception {
    return new CoqPrinter(Map.of("eta", "(1/2)")).print(ExprParser.parse(text));
  }

  @Test
  void rationalsPowersAndPrecedence() throws Exception {
    assertEquals("(3/4) * x + (1/3)", coq("3/4*x - (-1/3)"));
    assertEquals("(-(2/3))", CoqPrinter.rational(BigFraction.of(-2, 3)));
    assertEquals("(-5)", CoqPrinter.rational(BigFraction.of(5, -1)));
    assertEquals("- x ^ 2", coq("-x^2"));
    assertEquals("(- x) ^ 2", coq("(-x)^2"));
    assertEquals("(a - b) / (c * d)", coq("(a - b)/(c*d)"));
    assertEquals("a - (b - c)", coq("a - (b - c)"));
    assertEquals("1 / x ^ 3", coq("x^(-3)"));
    assertEquals("(1/2) * w1", coq("eta*w1"));
  }

  @Test
  void elementaryFunctionsMapToCoqs() throws Exception {
    assertEquals("sqrt (x + 1) + Rabs x + ln x + exp (- x) + eos_tanh x",
        coq("sqrt(x + 1) + abs(x) + log(x) + exp(-x) + tanh(x)"));
    assertEquals("(Rmin x (Rmin y z)) * (Rmax x y)", coq("min(x, y, z)*max(x, y)"));
  }

  @Test
  void obligationsNameDivisorsRootsAndLogarithms() throws Exception {
    CoqPrinter p = new CoqPrinter(Map.of());
    assertEquals(List.of("w1 ^ 2 <> 0", "0 <= 4 - x", "0 < y"),
        p.obligations(ExprParser.parse("1/w1^2 + sqrt(4 - x) + log(y) + 1/2")));
    assertEquals(List.of("x <> 0"), p.obligations(ExprParser.parse("x^(-2) + x^(-2)")));
  }

  @Test
  void gfsShiftIsNamedAsUnsupported() {
    CoqPrinter p = new CoqPrinter(Map.of());
    CoqPrinter.Unsupported e = assertThrows(CoqPrinter.Unsupported.class,
        () -> p.print(new org.eoscheck.expr.Expr.GfsShift(
            List.of(ExprParser.parse("x^2")), ExprParser.parse("1"))));
    assertEquals("gfsShift (the gradient-flow shift of phi at depth >= 3)", e.getMessage());
  }
}

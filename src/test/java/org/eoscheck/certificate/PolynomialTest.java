package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.ExprParser;
import org.junit.jupiter.api.Test;

class PolynomialTest {
  private static RationalFunction rf(String text) throws Exception {
    return RationalFunction.of(ExprParser.parse(text));
  }

  private static Polynomial poly(String text) throws Exception {
    RationalFunction r = rf(text);
    assertEquals(Polynomial.ONE, r.den(), text);
    return r.num();
  }

  @Test
  void ringIdentities() throws Exception {
    assertEquals(poly("x^2 + 2*x*y + y^2"), poly("(x + y)^2"));
    assertEquals(poly("x^2 - y^2"), poly("(x + y)*(x - y)"));
    assertNotEquals(poly("x^2 + 3*x*y + y^2"), poly("(x + y)^2"));
    assertEquals(poly("(x+1)^7"), poly("(x+1)^3").multiply(poly("(x+1)^4")));
    assertTrue(poly("(x - y)^3 + (y - x)^3").isZero());
    assertEquals(BigFraction.of(-1, 8), poly("x^3 - 2*x*y").at(java.util.Map.of("x", BigFraction.of(1, 2),
        "y", BigFraction.of(1, 4))).add(BigFraction.of(1, 8)).subtract(BigFraction.of(1, 8)));
  }

  @Test
  void arithmeticStopsWhenItsThreadIsInterrupted() throws Exception {
    Polynomial p = poly("(x + y + z)^3");
    Thread.currentThread().interrupt();
    try {
      assertThrows(java.util.concurrent.CancellationException.class, () -> p.multiply(p));
      assertThrows(java.util.concurrent.CancellationException.class, () -> p.add(p));
    } finally {
      Thread.interrupted();
    }
    assertEquals(poly("(x + y + z)^6"), p.multiply(p), "and goes on once it is not");
  }

  @Test
  void constantRatio() throws Exception {
    assertEquals(Optional.of(BigFraction.of(2)), Polynomial.constantRatio(poly("2*x + 2"), poly("x + 1")));
    assertEquals(Optional.of(BigFraction.of(-1, 3)), Polynomial.constantRatio(poly("-1/3*x - 1/3*y"), poly("y + x")));
    assertEquals(Optional.empty(), Polynomial.constantRatio(poly("x + 2"), poly("x + 1")));
    assertEquals(Optional.empty(), Polynomial.constantRatio(poly("x"), Polynomial.ZERO));
  }

  @Test
  void rationalFunctionsCompareByCrossMultiplication() throws Exception {
    assertTrue(rf("1/x + 1/y").sameAs(rf("(x + y)/(x*y)")));
    assertFalse(rf("1/x + 1/y").sameAs(rf("(x + y)/(x*y*2)")));
    assertTrue(rf("x^(-2)*x^3").sameAs(rf("x")));
    assertThrows(Rejected.class, () -> rf("sqrt(x)"));
    assertThrows(Rejected.class, () -> rf("1/(x - x)"));
    assertThrows(Rejected.class, () -> rf("gfsShift(1, x, y)"));
  }

  /**
   * The exact one-step identity of the depth-2 scalar network (shared/maths.md section 1):
   * phi(GD(w))^2 - phi(w)^2 = b^2 eta^2 r^2 (eta^2 r^2 - 2), phi^2 = b^2 + 4, b = w1^2 - w2^2,
   * r = w1 w2 - 1, GD: w1 - eta r w2, w2 - eta r w1.
   */
  @Test
  void depthTwoSharpnessIdentity() throws Exception {
    String w1 = "(w1 - eta*(w1*w2 - 1)*w2)";
    String w2 = "(w2 - eta*(w1*w2 - 1)*w1)";
    RationalFunction lhs = rf("((" + w1 + "^2 - " + w2 + "^2)^2 + 4) - ((w1^2 - w2^2)^2 + 4)");
    assertTrue(lhs.sameAs(rf("(w1^2 - w2^2)^2*eta^2*(w1*w2 - 1)^2*(eta^2*(w1*w2 - 1)^2 - 2)")));
    assertFalse(lhs.sameAs(rf("(w1^2 - w2^2)^2*eta^2*(w1*w2 - 1)^2*(eta^2*(w1*w2 - 1)^2 - 3)")));
  }
}

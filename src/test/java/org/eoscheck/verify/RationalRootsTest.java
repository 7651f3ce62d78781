package org.eoscheck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.Polynomial;
import org.eoscheck.certificate.RationalFunction;
import org.eoscheck.expr.ExprParser;
import org.junit.jupiter.api.Test;

/** Exact rational roots of the polynomial pieces of a lemma, one variable at a time. */
class RationalRootsTest {
  private static Polynomial poly(String text) throws Exception {
    return RationalFunction.of(ExprParser.parse(text)).num();
  }

  private static List<BigFraction> roots(String p, String x, Map<String, BigFraction> at)
      throws Exception {
    return RationalRoots.roots(poly(p), x, at, BigFraction.of(-10), BigFraction.of(10));
  }

  @Test
  void rootsOfEveryDegreeAreExact() throws Exception {
    assertEquals(List.of(BigFraction.of(1, 3)), roots("(3*x - 1)^2", "x", Map.of()));
    assertEquals(List.of(BigFraction.of(2, 7)), roots("7*x - 2", "x", Map.of()));
    // (2x - 3)(x^2 + 1): the rational root theorem finds 3/2; x^2 + 1 has none
    assertEquals(List.of(BigFraction.of(3, 2)), roots("(2*x - 3)*(x^2 + 1)", "x", Map.of()));
    // (x - 1/2)(x + 4/3)(x^2 - 2) x: 0, 1/2, -4/3 (sqrt 2 is not rational)
    List<BigFraction> r = roots("(x - 1/2)*(x + 4/3)*(x^2 - 2)*x", "x", Map.of());
    assertEquals(3, r.size(), r.toString());
    assertTrue(r.containsAll(List.of(BigFraction.ZERO, BigFraction.of(1, 2), BigFraction.of(-4, 3))));
    assertEquals(List.of(), roots("x^2 + 1", "x", Map.of()));
  }

  @Test
  void otherVariablesAreFixedAndTheRangeRespected() throws Exception {
    // the minimisers of the depth-3 scalar network: w1 w2 w3 = 1 with w1 = w2 = -1 gives w3 = 1
    Map<String, BigFraction> at = Map.of("w1", BigFraction.of(-1), "w2", BigFraction.of(-1));
    assertEquals(List.of(BigFraction.ONE), roots("w1*w2*w3 - 1", "w3", at));
    assertEquals(List.of(BigFraction.of(1, 2)), roots("x*y - 1", "x", Map.of("y", BigFraction.of(2))));
    assertEquals(List.of(), RationalRoots.roots(poly("3*x - 1"), "x", Map.of(), BigFraction.of(1, 2),
        BigFraction.ONE));
    // identically zero once y = 0: no isolated root
    assertEquals(List.of(), roots("x*y", "x", Map.of("y", BigFraction.ZERO)));
  }

  @Test
  void piecesAreTheFactorsDenominatorsAndArguments() throws Exception {
    List<Polynomial> p = RationalRoots.pieces(ExprParser.parse("(3*x - 1)^2"));
    assertEquals(List.of(poly("3*x - 1")), p);
    List<Polynomial> q = RationalRoots.pieces(ExprParser.parse("sqrt(x - 1/4) + 1/(2*x - 1)"));
    assertTrue(q.contains(poly("x - 1/4")) && q.contains(poly("2*x - 1")), q.toString());
    assertEquals(List.of(), RationalRoots.pieces(ExprParser.parse("1/(w1 - w1)")));
  }
}

package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.junit.jupiter.api.Test;

/**
 * The identity check of rational functions (factored denominators, least common multiples)
 * against exact values: for random expressions e and algebraic rewritings e' of them (the same
 * function), sameAs holds and the representation's num/den equals the value wherever e is
 * defined; for perturbed rewritings (another function) sameAs fails.
 */
class RationalFunctionPropertyTest {
  private static final List<String> VARS = List.of("x", "y", "z");

  /** A random rational expression: sums, products, quotients and powers of small polynomials. */
  private static Expr random(Random r, int depth) {
    if (depth == 0 || r.nextInt(4) == 0) {
      return r.nextBoolean() ? Expr.var(VARS.get(r.nextInt(VARS.size())))
          : Expr.Num.of(r.nextInt(7) - 3, 1 + r.nextInt(3));
    }
    Expr a = random(r, depth - 1);
    Expr b = random(r, depth - 1);
    return switch (r.nextInt(5)) {
      case 0 -> new Expr.Add(List.of(a, b));
      case 1 -> new Expr.Mul(List.of(a, b));
      case 2 -> Expr.div(a, new Expr.Add(List.of(b, Expr.pow(Expr.var("x"), 2), Expr.num(1))));
      case 3 -> Expr.pow(a, 1 + r.nextInt(3));
      default -> Expr.sub(a, b);
    };
  }

  /** Rewritings that keep the function: (e*q)/q, e + q - q, e split as e/(q) * q. */
  private static Expr same(Random r, Expr e) {
    Expr q = new Expr.Add(List.of(random(r, 1), Expr.pow(Expr.var("y"), 2), Expr.num(1)));
    return switch (r.nextInt(3)) {
      case 0 -> Expr.div(new Expr.Mul(List.of(e, q)), q);
      case 1 -> new Expr.Add(List.of(e, q, new Expr.Neg(q)));
      default -> new Expr.Add(List.of(Expr.div(e, q), Expr.div(new Expr.Mul(List.of(e, q)), q),
          new Expr.Neg(Expr.div(e, q))));
    };
  }

  private static BigFraction value(RationalFunction f, Map<String, BigFraction> p) {
    return f.num().at(p).divide(f.den().at(p));
  }

  @Test
  void identitiesHoldAndPerturbationsFail() throws Exception {
    Random r = new Random(20261207);
    int identities = 0;
    for (int trial = 0; trial < 400; trial++) {
      Expr e = random(r, 4);
      Expr e2 = same(r, e);
      RationalFunction f;
      RationalFunction g;
      try {
        f = RationalFunction.of(e);
        g = RationalFunction.of(e2);
      } catch (Rejected zeroDivisor) {
        continue; // a division by the zero polynomial
      }
      assertTrue(f.sameAs(g), e.text() + " vs " + e2.text());
      if (!f.num().isZero()) {
        assertEquals(java.util.Optional.of(BigFraction.ONE), f.ratioTo(g));
        assertEquals(java.util.Optional.of(BigFraction.of(3)), f.scale(BigFraction.of(3)).ratioTo(g));
      }
      RationalFunction shifted = g.add(RationalFunction.constant(BigFraction.of(1, 7)));
      assertFalse(f.sameAs(shifted), e.text());
      assertFalse(f.add(f).sameAs(f.multiply(f)) && !f.sameAs(RationalFunction.constant(BigFraction.ZERO))
          && !f.sameAs(RationalFunction.constant(BigFraction.of(2))), e.text());
      for (int k = 0; k < 4; k++) {
        Map<String, BigFraction> p = new HashMap<>();
        VARS.forEach(v -> p.put(v, BigFraction.of(r.nextInt(11) - 5, 1 + r.nextInt(4))));
        BigFraction exact;
        try {
          exact = new PointValue(p, new CertifiedEvaluator()).exact(e).orElseThrow();
        } catch (PointValue.CertainlyUndefined undefined) {
          continue;
        }
        assertEquals(exact, value(f, p), e.text() + " at " + p);
        try {
          BigFraction exact2 = new PointValue(p, new CertifiedEvaluator()).exact(e2).orElseThrow();
          assertEquals(exact2, value(g, p), e2.text() + " at " + p);
        } catch (PointValue.CertainlyUndefined undefined) {
          // the rewriting divides by q, which vanishes here
        }
      }
      identities++;
    }
    assertTrue(identities > 300, "enough expressions: " + identities);
  }

  @Test
  void aSumOverSharedFactorsKeepsOneCopyOfEach() throws Exception {
    List<String> terms = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      terms.add("x^" + i + "/((x + y + 1)^2*(x^2 + y^2 + 1))");
    }
    RationalFunction sum = RationalFunction.of(ExprParser.parse(String.join(" + ", terms)));
    // the lcm of the twelve equal denominators is one of them: degree 4 in x, not 48
    assertEquals(RationalFunction.of(ExprParser.parse("(x+y+1)^2*(x^2+y^2+1)")).num(), sum.den());
  }
}

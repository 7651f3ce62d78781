package org.eoscheck.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.RationalFunction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.symbolic.SymbolicEngine;
import org.junit.jupiter.api.Test;

class PreconditionerTest {
  /**
   * |a+ + b+|^2 for one GD step of the width-3 two-layer network (Beneventano, Woodworth 2025)
   * has the factor (1 - eta eps)^2, eps = a.b - 1; the computer-algebra system does not find it in
   * the expanded sum of seven variables, the structural factoring of a sum of squares does.
   */
  @Test
  void aSumOfSquaresGivesUpTheFactorCommonToItsTerms() throws Exception {
    String eps = "(a1*b1 + a2*b2 + a3*b3 - 1)";
    StringBuilder sum = new StringBuilder();
    for (int i = 1; i <= 3; i++) {
      sum.append(i > 1 ? " + " : "").append("(a").append(i).append(" - eta*").append(eps)
          .append("*b").append(i).append(" + b").append(i).append(" - eta*").append(eps)
          .append("*a").append(i).append(")^2");
    }
    Expr e = ExprParser.parse(sum.toString());
    SymbolicEngine.Factorization f = Preconditioner.structured(e);
    RationalFunction expected = RationalFunction.of(e);
    assertTrue(RationalFunction.of(f.toExpr()).sameAs(expected), "the factorisation is exact");
    RationalFunction step = RationalFunction.of(ExprParser.parse("1 - eta*" + eps));
    boolean found = false;
    for (SymbolicEngine.Factorization.Factor g : f.factors()) {
      Optional<BigFraction> ratio = RationalFunction.of(g.base()).ratioTo(step);
      found |= ratio.isPresent() && g.power() == 2;
    }
    assertTrue(found, () -> "(1 - eta eps)^2 is not among the " + f.factors().size() + " factors");
  }
}

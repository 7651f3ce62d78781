package org.eoscheck.verify;

import org.eoscheck.certificate.Located;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Relation;

/**
 * An elaborated lemma: every expression is over the free box variables only (model built-ins
 * expanded, fixed variables replaced by their values).
 *
 * <p>Semantics: the lemma holds iff at every point of {@code root} where every hypothesis is
 * defined and true, every claim is defined and true.
 */
public record Problem(Lemma lemma, List<String> variables, Box root,
    Map<String, BigFraction> fixed, List<Hypothesis> hypotheses, List<Claim> claims,
    String symmetry) {

  public Problem {
    variables = List.copyOf(variables);
    fixed = Map.copyOf(fixed);
    hypotheses = List.copyOf(hypotheses);
    claims = List.copyOf(claims);
  }

  /**
   * A hypothesis in sign form: {@code expr >= 0}, or {@code expr > 0} if strict; it holds only
   * where every expression of {@code domain} is defined (LemmaSemantics).
   */
  public record Hypothesis(Expr expr, boolean strict, Located source, List<Expr> domain) {
    public Hypothesis {
      domain = List.copyOf(domain);
    }

    public String text() {
      return expr.text() + (strict ? " > 0" : " >= 0");
    }
  }

  /**
   * A claim {@code relation}, and its sign form: {@code difference >= 0} ({@code > 0} if strict),
   * or {@code difference == 0} for an equation; difference = rhs - lhs for <= and <, lhs - rhs
   * otherwise. It must be defined where every expression of {@code domain} is (LemmaSemantics).
   */
  public record Claim(Located source, Relation relation, Expr difference, List<Expr> domain) {
    public Claim {
      domain = List.copyOf(domain);
    }

    public boolean strict() {
      return relation.op().strict();
    }

    public boolean equation() {
      return relation.op() == org.eoscheck.expr.Rel.EQ;
    }
  }
}

package org.eoscheck.certificate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eoscheck.certificate.CertifiedEvaluator.Undefined;
import org.eoscheck.certificate.Statement.Condition;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Rel;

/**
 * The natural enclosure under the hypotheses: a leaf need only prove its goal at the points of its
 * box where every hypothesis holds, so wherever a hypothesis' expression H_j (of H_j &gt;= 0 or
 * H_j &gt; 0) occurs verbatim inside the residual it may be evaluated as H_j(X) met with
 * [0, oo). Sound by inclusion monotonicity: at such a point x, H_j(x) lies in that set, so the
 * value of the residual at x lies in the natural enclosure computed with it. Only the natural form
 * is used so (a mean-value form would need derivatives of the clipped function).
 */
public final class UnderHypotheses {
  private UnderHypotheses() {}

  /** The name standing for hypothesis j in an abstracted residual (not a lemma name). */
  public static String atom(int j) {
    return "$hyp" + j;
  }

  /** The expression of an inequality hypothesis as written: H for "H >= 0", else its f. */
  public static Expr pattern(Condition h) {
    Expr f = h.f();
    if (f instanceof Expr.Add a && a.terms().size() == 2 && a.terms().get(1) instanceof Expr.Neg n
        && Exprs.isZero(n.arg())) {
      return a.terms().get(0);
    }
    return f;
  }

  /** e with every occurrence of an inequality hypothesis' expression replaced by its atom. */
  public static Expr abstracted(Expr e, List<Condition> hypotheses) {
    Map<Expr, Expr> atoms = new LinkedHashMap<>();
    for (int j = 0; j < hypotheses.size(); j++) {
      Condition h = hypotheses.get(j);
      if (h.rel() != Rel.EQ) {
        atoms.putIfAbsent(pattern(h), new Expr.Var(atom(j)));
      }
    }
    return Exprs.replace(e, atoms::get);
  }

  /**
   * The natural enclosure of an abstracted expression on {@code box} (which may bound extra
   * parameters), each atom j evaluated as hypothesis j on {@code variablesBox}, met with [0, oo).
   */
  static CertifiedInterval enclose(CertifiedEvaluator ev, Expr abstracted, Map<String, Bounds> box,
      Map<String, Bounds> variablesBox, List<Condition> hypotheses) throws Undefined {
    Map<String, CertifiedInterval> env = ev.decimals(box);
    List<String> used = new ArrayList<>(Exprs.variables(abstracted));
    for (int j = 0; j < hypotheses.size(); j++) {
      if (used.contains(atom(j))) {
        CertifiedInterval h = ev.enclose(pattern(hypotheses.get(j)), variablesBox);
        if (h.certainlyNot(Rel.GE)) {
          throw new Undefined("hypothesis " + j + " fails on the whole box");
        }
        env.put(atom(j), h.meet(new CertifiedInterval(java.math.BigDecimal.ZERO, null)));
      }
    }
    return ev.natural(abstracted, env);
  }
}

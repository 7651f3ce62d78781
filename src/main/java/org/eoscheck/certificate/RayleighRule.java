package org.eoscheck.certificate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eoscheck.certificate.CertifiedEvaluator.Undefined;
import org.eoscheck.certificate.Statement.Condition;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Fn;
import org.eoscheck.expr.Rel;

/**
 * The Rayleigh reduction: a claim bounding a top eigenvalue from below (or a bottom one from
 * above) reduced, with a witness vector v of expressions, to a rational-function goal.
 *
 * <p>Statement. Let the claim be f &gt;= 0 (or &gt; 0) and let f contain exactly one distinct
 * node E = eigmax(U) (or eigmin(U)), U the upper triangle of a symmetric n x n matrix H; v has n
 * entries. With F(l) = f[E := l], the kernel takes b = F(0) and a = F(1) - F(0) and checks
 * <ol>
 *   <li>F(l) = a l + b as rational functions of the variables and l;
 *   <li>a &gt;= 0 on the whole root box for eigmax, a &lt;= 0 for eigmin (certified evaluation);
 * </ol>
 * and builds the residual R = b N + a Q with N = sum_i v_i^2 and Q = sum_ij v_i H_ij v_j. The
 * leaves prove f, a, b, R and 1/N defined and R &gt;= 0 (&gt; 0); R (the remainder R0 below) is
 * then factored as in {@link Reductions}, whose leaves prove its residual instead.
 *
 * <p>On a manifold. The log may add multiples m_j H_j of hypotheses H_j &gt;= 0 that are halves of
 * an equation (another hypothesis is exactly -H_j, so H_j = 0 wherever the hypotheses hold); the
 * leaves' residual is then R0 with R = R0 + sum_j m_j H_j as rational functions, and they prove
 * m_j and R defined too. Where the hypotheses hold, R = R0.
 *
 * <p>Why this suffices. At x where the hypotheses hold and f, a, b, R, 1/N are defined: N != 0,
 * so N &gt; 0, and rho = Q / N is a Rayleigh quotient of H(x), so rho &lt;= lambdaMax(H)
 * (rho &gt;= lambdaMin(H)). By 1, f(x) = a(x) E(x) + b(x) (every expression is defined at x, so
 * the rational functions' denominators are non-zero there); by 2, a(x) E(x) &gt;= a(x) rho in both
 * cases, so f(x) &gt;= b(x) + a(x) rho = R(x) / N(x) &gt;= 0 (&gt; 0).
 */
public final class RayleighRule {
  /** Whether hypothesis j is H &gt;= 0 and another is exactly -H &gt;= 0 (so H = 0 where both hold). */
  private static boolean isEquationHalf(int j, List<Condition> hypotheses) throws Rejected {
    Condition h = hypotheses.get(j);
    if (h.rel() != Rel.GE) {
      return false;
    }
    RationalFunction minus = RationalFunction.of(h.f()).negate();
    for (int k = 0; k < hypotheses.size(); k++) {
      Condition o = hypotheses.get(k);
      if (k != j && o.rel() == Rel.GE && RationalFunction.of(o.f()).sameAs(minus)) {
        return true;
      }
    }
    return false;
  }

  /** The placeholder for the eigenvalue in F(l); never a lemma variable (not a valid name). */
  private static final String EIGENVALUE = "lambda!";

  private RayleighRule() {}

  /** The single distinct eigmax / eigmin node of {@code f}, or null if none or several. */
  public static Expr.Call eigenNode(Expr f) {
    Set<Expr> found = new LinkedHashSet<>();
    collect(f, found);
    return found.size() == 1 ? (Expr.Call) found.iterator().next() : null;
  }

  private static void collect(Expr e, Set<Expr> found) {
    if (e instanceof Expr.Call c && (c.fn() == Fn.EIGMAX || c.fn() == Fn.EIGMIN)) {
      found.add(c);
      return;
    }
    for (Expr child : Exprs.children(e)) {
      collect(child, found);
    }
  }

  /** f with the node replaced by the expression {@code by}. */
  private static Expr replace(Expr e, Expr node, Expr by) {
    if (e.equals(node)) {
      return by;
    }
    return Exprs.mapChildren(e, c -> replace(c, node, by));
  }

  /** The split f = a E + b: {@code a} and {@code b} as expressions (not yet checked). */
  public record Affine(Expr.Call node, Expr a, Expr b) {
    /** v^T v: the leaves show 1 / (v^T v) defined, so v != 0. */
    public static Expr norm(List<Expr> v) {
      return Exprs.simplify(new Expr.Add(v.stream().map(x -> Expr.pow(x, 2)).toList()));
    }

    /** R = b (v^T v) + a (v^T H v), H the node's matrix. */
    public Expr residual(List<Expr> v) {
      List<Expr> args = node.args();
      int n = Fn.matrixOrder(args.size());
      List<Expr> quadratic = new ArrayList<>();
      List<Expr> norm = new ArrayList<>();
      int k = 0;
      for (int i = 0; i < n; i++) {
        norm.add(Expr.pow(v.get(i), 2));
        for (int j = i; j < n; j++, k++) {
          Expr h = args.get(k);
          quadratic.add(i == j ? Expr.mul(h, Expr.pow(v.get(i), 2))
              : Expr.mul(Expr.num(2), h, v.get(i), v.get(j)));
        }
      }
      return Exprs.simplify(Expr.add(Expr.mul(b, new Expr.Add(norm)),
          Expr.mul(a, new Expr.Add(quadratic))));
    }
  }

  /** The split of {@code f} around its one eigenvalue node, or null if it has none or several. */
  public static Affine split(Expr f) {
    Expr.Call node = eigenNode(f);
    if (node == null) {
      return null;
    }
    Expr b = Exprs.simplify(replace(f, node, Expr.num(0)));
    Expr a = Exprs.simplify(Expr.sub(replace(f, node, Expr.num(1)), replace(f, node, Expr.num(0))));
    return new Affine(node, a, b);
  }

  /**
   * Checks the Rayleigh step of a reduction and returns its remainder R0 (the class comment),
   * adding to {@code defined} what the leaves must show defined.
   */
  static Expr remainder(Condition condition, ProofLog.Rayleigh rayleigh,
      List<Condition> hypotheses, Map<String, Bounds> root, List<String> vars,
      CertifiedEvaluator evaluator, List<Expr> defined) throws Rejected {
    List<String> witness = rayleigh.witness();
    List<ProofLog.Multiple> multiples = rayleigh.multiples();
    String residualText = rayleigh.remainder();
    if (condition.rel() == Rel.EQ) {
      throw new Rejected("Rayleigh: an == claim is not reduced");
    }
    Affine s = split(condition.f());
    if (s == null) {
      throw new Rejected("Rayleigh: the claim has no single eigmax or eigmin");
    }
    int n = Fn.matrixOrder(s.node().args().size());
    if (witness.size() != n) {
      throw new Rejected("Rayleigh: the witness has " + witness.size() + " entries, the matrix "
          + n + " rows");
    }
    List<Expr> v = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Expr vi = Statement.expression(witness.get(i), "Rayleigh: witness " + (i + 1), vars);
      if (RayleighRule.eigenNode(vi) != null) {
        throw new Rejected("Rayleigh: the witness may not contain eigmax or eigmin");
      }
      v.add(vi);
    }
    RationalFunction l = RationalFunction.of(Expr.var(EIGENVALUE));
    RationalFunction whole = RationalFunction.of(replace(condition.f(), s.node(),
        Expr.var(EIGENVALUE)));
    RationalFunction affine = RationalFunction.of(s.a()).multiply(l).add(RationalFunction.of(s.b()));
    if (!whole.sameAs(affine)) {
      throw new Rejected("Rayleigh: the claim is not affine in " + s.node().fn().label());
    }
    boolean top = s.node().fn() == Fn.EIGMAX;
    try {
      CertifiedInterval a = evaluator.enclose(s.a(), root);
      if (top ? a.lo().signum() < 0 : a.hi().signum() > 0) {
        throw new Rejected("Rayleigh: the coefficient " + s.a().text() + " is not certainly "
            + (top ? ">= 0" : "<= 0") + " on the root box");
      }
    } catch (Undefined e) {
      throw new Rejected("Rayleigh: the coefficient " + s.a().text() + " is possibly undefined on"
          + " the root box");
    }
    Expr residual = s.residual(v);
    defined.add(s.a());
    defined.add(s.b());
    defined.add(Expr.div(Expr.num(1), Affine.norm(v)));
    if (multiples != null && !multiples.isEmpty()) {
      RationalFunction sum = RationalFunction.of(Statement.expression(residualText,
          "Rayleigh: residual", vars));
      for (ProofLog.Multiple mj : multiples) {
        int j = mj.hypothesis();
        if (j < 0 || j >= hypotheses.size() || !isEquationHalf(j, hypotheses)) {
          throw new Rejected("Rayleigh: hypothesis " + j + " is not half of an equation");
        }
        Expr m = Statement.expression(mj.multiplier(), "Rayleigh: multiplier", vars);
        sum = sum.add(RationalFunction.of(m).multiply(RationalFunction.of(hypotheses.get(j).f())));
        defined.add(m);
      }
      if (!sum.sameAs(RationalFunction.of(residual))) {
        throw new Rejected("Rayleigh: the residual plus the hypothesis multiples is not "
            + residual.text());
      }
      defined.add(residual);
      residual = Statement.expression(residualText, "Rayleigh: residual", vars);
    } else if (!residual.text().equals(residualText)) {
      throw new Rejected("Rayleigh: the remainder is not " + residual.text());
    }
    return residual;
  }
}

package org.eoscheck.certificate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.certificate.CertifiedEvaluator.Differentiated;
import org.eoscheck.certificate.CertifiedEvaluator.Undefined;
import org.eoscheck.certificate.ProofLog.Factor;
import org.eoscheck.certificate.ProofLog.Reduction;
import org.eoscheck.certificate.ProofLog.Sign;
import org.eoscheck.certificate.Statement.Condition;
import org.eoscheck.certificate.Statement.Goal;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Fn;
import org.eoscheck.expr.Rel;
import org.eoscheck.expr.Relation;

/**
 * Checks a claim's REDUCTION once and turns it into the {@link Goal} its leaves must prove.
 *
 * <p>Let the claim be f &gt;= 0 (or f &gt; 0), f the difference of its sides. Then h = f, or, when
 * the claim compares square roots, f = sqrt(A) - sqrt(B) structurally and h = A - B (where f is
 * defined A, B &gt;= 0 and sign f = sign h). The log states h = c * prod_k g_k^p_k. The kernel
 * checks this identity exactly on rational functions ({@link RationalFunction}), and for each
 * factor a sign reason: an even power (non-strict claims only); g_k = ratio * H_j exactly for a
 * hypothesis H_j &gt;= 0 (H_j &gt; 0 for strict claims); g_k &gt; 0, &lt; 0, &gt;= 0 or &lt;= 0 on
 * the whole root box by certified evaluation (the weak two for non-strict claims only); or
 * "open". With s = sign(c) * prod of the known factors' signs, it checks R = s * prod_open
 * g_k^p_k exactly.
 *
 * <p>Why this suffices. Suppose at x the hypotheses hold, f and R are defined, every factor
 * g_k^p_k other than a strict root-sign one is defined (those are defined on the whole root
 * box), and R(x) &gt;= 0 (&gt; 0). All expressions being defined at x, their rational functions
 * have non-zero denominators there, so h(x) = c prod g_k(x)^p_k and R(x) = s prod_open
 * g_k(x)^p_k; and g_k(x) = ratio H_j(x) for hypothesis factors. Hence h(x) = K * R(x) with
 * K = s c prod_known g_k(x)^p_k &gt;= 0 (&gt; 0 in the strict case, where every known factor is
 * non-zero), and the claim holds at x. The leaves therefore prove that every expression of
 * {@link Goal#defined()} is defined and R &gt;= 0 (&gt; 0).
 *
 * <p>With {@code rayleigh}, h is instead the remainder R0 of a Rayleigh reduction
 * ({@link RayleighRule}): f &gt;= R0 / N with N &gt; 0 where the leaves' obligations hold, so
 * R0 = K R &gt;= 0 (&gt; 0) suffices as above.
 */
final class Reductions {
  private Reductions() {}

  static Goal goal(int k, Relation claim, Reduction red, List<Condition> hypotheses,
      Map<String, Bounds> root, List<String> vars, CertifiedEvaluator evaluator) throws Rejected {
    Condition condition = Condition.of(claim);
    if (red == null) {
      return new Goal(condition, List.of(condition.f()), Differentiated.of(condition.f(), vars));
    }
    try {
      return reduced(condition, claim, red, hypotheses, root, vars, evaluator);
    } catch (Rejected e) {
      throw new Rejected("claim " + (k + 1) + " reduction: " + e.getMessage());
    }
  }

  private static Goal reduced(Condition condition, Relation claim, Reduction red,
      List<Condition> hypotheses, Map<String, Bounds> root, List<String> vars,
      CertifiedEvaluator evaluator) throws Rejected {
    List<Expr> defined = new ArrayList<>(List.of(condition.f()));
    if (condition.rel() == Rel.EQ) {
      throw new Rejected("an == claim is not reduced");
    }
    boolean strict = condition.rel() == Rel.GT;
    Product k = product(red, strict, hypotheses, root, vars, evaluator, defined);
    if (red.meanValue() != null) {
      if (red.rayleigh() != null) {
        throw new Rejected("a reduction is either mean-value or Rayleigh, not both");
      }
      return MeanValueRule.goal(claim, condition, red, k, defined, vars);
    }
    RationalFunction h;
    if (red.rayleigh() != null) {
      if (red.sqrtArgs() != null) {
        throw new Rejected("a Rayleigh reduction has no sqrtArgs");
      }
      h = RationalFunction.of(RayleighRule.remainder(condition, red.rayleigh(), hypotheses, root,
          vars, evaluator, defined));
    } else {
      h = red.sqrtArgs() == null ? RationalFunction.of(condition.f()) : sqrtDifference(claim);
    }
    if (!h.sameAs(k.product())) {
      throw new Rejected("the identity h = c * prod(factors) fails");
    }
    Expr residual = Statement.expression(red.residual(), "residual", vars);
    if (!RationalFunction.of(residual).sameAs(k.open().scale(BigFraction.of(k.sign())))) {
      throw new Rejected("the residual is not " + k.sign() + " * prod(open factors)");
    }
    return new Goal(new Condition(residual, condition.rel()), defined, Differentiated.of(residual, vars));
  }

  /**
   * c * prod_k g_k^p_k of a reduction: {@code product} the whole, {@code open} the product of the
   * open factors, {@code sign} = sign(c) * prod of the known factors' signs; {@code expr} the
   * product as an expression. Each known sign is checked here; the factors whose definedness a
   * leaf must show are added to {@code defined}.
   */
  record Product(RationalFunction product, RationalFunction open, int sign, boolean hasOpen,
      Expr expr) {}

  private static Product product(Reduction red, boolean strict, List<Condition> hypotheses,
      Map<String, Bounds> root, List<String> vars, CertifiedEvaluator evaluator, List<Expr> defined)
      throws Rejected {
    BigFraction c = rational(red.constant(), "constant");
    if (c.signum() == 0) {
      throw new Rejected("the constant must not be 0");
    }
    RationalFunction product = RationalFunction.constant(c);
    RationalFunction open = RationalFunction.constant(BigFraction.ONE);
    List<Expr> powers = new ArrayList<>(List.of(new Expr.Num(c)));
    boolean hasOpen = false;
    int sign = c.signum();
    for (int i = 0; i < red.factors().size(); i++) {
      Factor factor = red.factors().get(i);
      String at = "factor " + i + " (" + factor.base() + "): ";
      Expr g = Statement.expression(factor.base(), "factor " + i, vars);
      int p = factor.power();
      if (p == 0) {
        throw new Rejected(at + "the power must not be 0");
      }
      RationalFunction power = rf(g, at).pow(p);
      product = product.multiply(power);
      Expr gp = p == 1 ? g : new Expr.Pow(g, p);
      powers.add(gp);
      boolean odd = p % 2 != 0;
      switch (factor.sign()) {
        case SQUARE:
          if (odd || strict) {
            throw new Rejected(at + (odd ? "an odd power is not a square"
                : "a square may vanish: not for a strict claim"));
          }
          defined.add(gp);
          break;
        case HYPOTHESIS:
          sign *= hypothesisSign(factor, g, hypotheses, strict, at) < 0 && odd ? -1 : 1;
          defined.add(gp);
          break;
        case OPEN:
          open = open.multiply(power);
          hasOpen = true;
          defined.add(gp);
          break;
        default:
          Sign s = factor.sign();
          boolean below = s == Sign.NEGATIVE_ON_ROOT || s == Sign.NONPOSITIVE_ON_ROOT;
          boolean weak = s == Sign.NONNEGATIVE_ON_ROOT || s == Sign.NONPOSITIVE_ON_ROOT;
          if (weak && strict) {
            throw new Rejected(at + "may vanish: not for a strict claim");
          }
          if (!signOnRoot(g, root, below, weak, evaluator)) {
            throw new Rejected(at + "not certainly " + (below ? "<" : ">") + (weak ? "= 0" : " 0")
                + " on the root box");
          }
          sign *= below && odd ? -1 : 1;
          if (weak) {
            defined.add(gp);
          }
      }
    }
    return new Product(product, open, sign, hasOpen, new Expr.Mul(powers));
  }

  /** h = A - B for a claim sqrt(B) &lt;= sqrt(A) (or sqrt(A) &gt;= sqrt(B), strict alike). */
  private static RationalFunction sqrtDifference(Relation claim) throws Rejected {
    boolean upward = claim.op() == Rel.LE || claim.op() == Rel.LT;
    Expr big = upward ? claim.rhs() : claim.lhs();
    Expr small = upward ? claim.lhs() : claim.rhs();
    if (!(isSqrt(big) && isSqrt(small))) {
      throw new Rejected("sqrtArgs given, but the claim does not compare two square roots");
    }
    return RationalFunction.of(((Expr.Call) big).args().get(0))
        .add(RationalFunction.of(((Expr.Call) small).args().get(0)).negate());
  }

  private static boolean isSqrt(Expr e) {
    return e instanceof Expr.Call c && c.fn() == Fn.SQRT;
  }

  /** Checks g = ratio * H_j exactly and returns the sign of the ratio. */
  private static int hypothesisSign(Factor f, Expr g, List<Condition> hypotheses, boolean strict,
      String at) throws Rejected {
    Integer j = f.hypothesis();
    if (j == null || j < 0 || j >= hypotheses.size()) {
      throw new Rejected(at + "no hypothesis " + j);
    }
    Condition h = hypotheses.get(j);
    if (h.rel() == Rel.EQ || (strict && h.rel() != Rel.GT)) {
      throw new Rejected(at + "hypothesis " + j + " (" + h.text() + ") gives no"
          + (strict ? " strict" : "") + " sign");
    }
    BigFraction ratio = rational(f.ratio(), at + "ratio");
    Optional<BigFraction> actual = rf(g, at).ratioTo(rf(h.f(), at + "hypothesis " + j + ": "));
    if (ratio.signum() == 0 || actual.isEmpty() || !actual.get().equals(ratio)) {
      throw new Rejected(at + "the base is not " + f.ratio() + " * (" + h.f().text() + ")"
          + actual.map(r -> " (it is " + ProofLog.rational(r) + " times it)").orElse(""));
    }
    return ratio.signum();
  }

  /** g &gt; 0 (&gt;= 0 if weak) on the root box, or &lt; 0 (&lt;= 0) if below. */
  private static boolean signOnRoot(Expr g, Map<String, Bounds> root, boolean below, boolean weak,
      CertifiedEvaluator evaluator) {
    try {
      CertifiedInterval x = evaluator.enclose(g, root);
      CertifiedInterval y = below ? x.negate() : x;
      return y.certainly(weak ? Rel.GE : Rel.GT);
    } catch (Undefined e) {
      return false;
    }
  }

  static RationalFunction rf(Expr e, String at) throws Rejected {
    try {
      return RationalFunction.of(e);
    } catch (Rejected r) {
      throw new Rejected(at + r.getMessage());
    }
  }

  private static BigFraction rational(String text, String where) throws Rejected {
    try {
      return ExprParser.parseRational(text == null ? "" : text);
    } catch (InputException e) {
      throw new Rejected(where + ": " + e.getMessage());
    }
  }
}

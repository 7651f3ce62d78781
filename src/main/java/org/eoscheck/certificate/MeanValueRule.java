package org.eoscheck.certificate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.CertifiedEvaluator.Differentiated;
import org.eoscheck.certificate.ProofLog.MeanValue;
import org.eoscheck.certificate.ProofLog.Pair;
import org.eoscheck.certificate.ProofLog.Reduction;
import org.eoscheck.certificate.Statement.Condition;
import org.eoscheck.certificate.Statement.Goal;
import org.eoscheck.expr.Derivative;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Rel;
import org.eoscheck.expr.Relation;

/**
 * The mean-value reduction: a claim comparing one function F at two points, reduced to the sign of
 * a directional derivative of F along the segment between them.
 *
 * <p>Statement. Let the claim be M &gt;= S (M - S = f, the claim's difference) and let the log give
 * F(z_1..z_m), points B (from), C (claimed), A (to) and a direction d, all expressions of the
 * variables x, a constant c and factors g_k^p_k with sign reasons (as in {@link Reductions}; none
 * open), K = c prod_k g_k^p_k and s its known sign. The kernel checks:
 * <ol>
 *   <li>F[z := B] is M and F[z := C] is S, as printed expressions;
 *   <li>if A differs from C, A_i - C_i is one and the same rational function t for every i and F
 *       is translation invariant: every z_j of F occurs inside a sum z_i + gfsShift(T; z_1..z_m)
 *       with T free of z. Since gfsShift(T; z + t) = gfsShift(T; z) - t (the root delta* of
 *       prod (z_i + delta) = T moves by -t), each such sum, hence F, takes the same value at z and
 *       z + t; so F(A) = F(C);
 *   <li>A_i - B_i = K d_i as rational functions;
 *   <li>generically, with placeholders e_1..e_m for the direction and p_l for the pairs, the
 *       rational functions of R[p := Q] and of -s sum_i dF/dz_i e_i agree, every distinct
 *       gfsShift(...) being an independent variable (an atom);
 *   <li>for every pair, Q_l is a polynomial, its value P_l a rational function, and
 *       P_l = Q_l[z := xi, e := d] with xi = B + sigma K d (sigma the parameter).
 * </ol>
 * The leaves then prove, for every sigma in [0, 1]: rho = -s sum_i dF/dz_i(xi) d_i is defined (it
 * is added to the defined list) and the residual R[z := xi, e := d, p := P] &gt;= 0.
 *
 * <p>Why this suffices. Fix x where the hypotheses hold and let phi(sigma) = F(xi(sigma)). The
 * partial derivatives of F are defined along the whole segment, so F is differentiable there (the
 * language's only non-smooth operations put a division into their derivative that fails exactly
 * where they are not differentiable; see {@link CertifiedEvaluator.Form}) and
 * phi'(sigma) = sum_i dF/dz_i(xi) K d_i = -s K rho(sigma) = -|K| rho(sigma). By 4 (evaluated at
 * z = xi, e = d, the atoms at their values; all denominators are non-zero since both sides are
 * defined) and 5 (Q_l(xi, d) is defined wherever xi and d are, and P_l is defined inside the
 * residual, so the two are equal there), rho equals the residual, which is &gt;= 0; so phi is non-increasing and, by 1-3,
 * f = F(B) - F(C) = F(B) - F(A) = phi(0) - phi(1) &gt;= 0. Only non-strict claims are reduced so.
 */
final class MeanValueRule {
  private MeanValueRule() {}

  static Goal goal(Relation claim, Condition condition, Reduction red, Reductions.Product k,
      List<Expr> defined, List<String> vars) throws Rejected {
    MeanValue mv = red.meanValue();
    if (condition.rel() != Rel.GE) {
      throw new Rejected("mean value: only a non-strict inequality is reduced");
    }
    if (k.hasOpen()) {
      throw new Rejected("mean value: the factor K may not have open factors");
    }
    int m = mv.points().size();
    if (m == 0 || mv.directions().size() != m || mv.from().size() != m
        || mv.claimed().size() != m || mv.to().size() != m || mv.direction().size() != m) {
      throw new Rejected("mean value: points, directions, from, claimed, to and direction must have"
          + " the same positive length");
    }
    List<String> pairNames = mv.pairs().stream().map(Pair::name).toList();
    fresh(vars, mv.parameter(), mv.points(), mv.directions(), pairNames);
    Expr f = Statement.expression(mv.function(), "mean value: function", mv.points());
    boolean upward = claim.op() == Rel.LE || claim.op() == Rel.LT;
    Expr minuend = upward ? claim.rhs() : claim.lhs();
    Expr subtrahend = upward ? claim.lhs() : claim.rhs();
    List<Expr> from = expressions(mv.from(), "from", vars);
    List<Expr> claimed = expressions(mv.claimed(), "claimed", vars);
    List<Expr> to = expressions(mv.to(), "to", vars);
    List<Expr> direction = expressions(mv.direction(), "direction", vars);
    if (!Exprs.substitute(f, mv.points(), from).text().equals(minuend.text())) {
      throw new Rejected("mean value: F[z := from] is not the side " + minuend.text());
    }
    if (!Exprs.substitute(f, mv.points(), claimed).text().equals(subtrahend.text())) {
      throw new Rejected("mean value: F[z := claimed] is not the side " + subtrahend.text());
    }
    RationalFunction shift = difference(to.get(0), claimed.get(0));
    for (int i = 0; i < m; i++) {
      if (!difference(to.get(i), claimed.get(i)).sameAs(shift)) {
        throw new Rejected("mean value: to - claimed is not the same for every point coordinate");
      }
      if (!difference(to.get(i), from.get(i)).sameAs(k.product().multiply(rf(direction.get(i))))) {
        throw new Rejected("mean value: to_" + (i + 1) + " - from_" + (i + 1)
            + " is not K * direction_" + (i + 1));
      }
    }
    if (!shift.num().isZero() && !translationInvariant(f, mv.points())) {
      throw new Rejected("mean value: to differs from claimed but F is not translation invariant");
    }
    // 4: the generic identity, gfsShift terms as atoms.
    Map<String, Expr> generic = new LinkedHashMap<>();
    List<Expr> values = new ArrayList<>();
    List<String> zAndE = new ArrayList<>(mv.points());
    zAndE.addAll(mv.directions());
    for (Pair p : mv.pairs()) {
      Expr q = Statement.expression(p.generic(), "pair " + p.name(), zAndE);
      Expr value = Statement.expression(p.value(), "pair " + p.name(), withParameter(vars, mv));
      polynomial(q, p.name());
      if (Exprs.contains(value, x -> x instanceof Expr.Call || x instanceof Expr.GfsShift)) {
        throw new Rejected("mean value: pair " + p.name() + " must be a rational function");
      }
      generic.put(p.name(), q);
      values.add(value);
    }
    List<String> residualNames = new ArrayList<>(zAndE);
    residualNames.addAll(pairNames);
    Expr residual = Statement.expression(mv.residual(), "mean value: residual", residualNames);
    List<Expr> slope = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      slope.add(new Expr.Mul(List.of(Derivative.of(f, mv.points().get(i)),
          new Expr.Var(mv.directions().get(i)))));
    }
    Expr rho = new Expr.Neg(new Expr.Add(slope));
    if (k.sign() < 0) {
      rho = new Expr.Neg(rho);
    }
    if (!atomic(Exprs.substitute(residual, generic), mv.points())
        .sameAs(atomic(rho, mv.points()))) {
      throw new Rejected("mean value: the residual is not -sign(K) * grad F . e generically");
    }
    // 5: the pairs at the segment point.
    Map<String, Expr> segment = new LinkedHashMap<>();
    Expr sigmaK = Exprs.simplify(new Expr.Mul(List.of(new Expr.Var(mv.parameter()), k.expr())));
    for (int i = 0; i < m; i++) {
      segment.put(mv.points().get(i), new Expr.Add(List.of(from.get(i),
          Exprs.simplify(new Expr.Mul(List.of(sigmaK, direction.get(i)))))));
      segment.put(mv.directions().get(i), direction.get(i));
    }
    for (int l = 0; l < values.size(); l++) {
      Expr concrete = Exprs.substitute(generic.get(pairNames.get(l)), segment);
      if (!rf(values.get(l)).sameAs(rf(concrete))) {
        throw new Rejected("mean value: pair " + pairNames.get(l) + " is not its generic form"
            + " on the segment");
      }
    }
    Map<String, Expr> leaf = new LinkedHashMap<>(segment);
    for (int l = 0; l < values.size(); l++) {
      leaf.put(pairNames.get(l), values.get(l));
    }
    Expr leafResidual = Exprs.substitute(residual, leaf);
    List<Expr> obligations = new ArrayList<>(defined);
    obligations.add(Exprs.substitute(rho, segment));
    Map<String, Bounds> parameters = Map.of(mv.parameter(),
        new Bounds(BigFraction.ZERO, BigFraction.ONE));
    return new Goal(new Condition(leafResidual, Rel.GE), obligations,
        Differentiated.of(leafResidual, withParameter(vars, mv)), parameters);
  }

  private static List<String> withParameter(List<String> vars, MeanValue mv) {
    List<String> out = new ArrayList<>(vars);
    out.add(mv.parameter());
    return out;
  }

  /** Every name a valid identifier, distinct from the others and from the variables. */
  @SafeVarargs
  private static void fresh(List<String> vars, String parameter, List<String>... groups)
      throws Rejected {
    Set<String> seen = new HashSet<>(vars);
    List<String> all = new ArrayList<>(List.of(parameter));
    for (List<String> g : groups) {
      all.addAll(g);
    }
    for (String n : all) {
      if (!Statement.NAME.matcher(n).matches() || !seen.add(n)) {
        throw new Rejected("mean value: '" + n + "' is not a fresh name");
      }
    }
  }

  private static List<Expr> expressions(List<String> texts, String what, List<String> vars)
      throws Rejected {
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      out.add(Statement.expression(texts.get(i), "mean value: " + what + " " + (i + 1), vars));
    }
    return out;
  }

  private static RationalFunction rf(Expr e) throws Rejected {
    return Reductions.rf(e, "mean value: ");
  }

  private static RationalFunction difference(Expr a, Expr b) throws Rejected {
    return rf(a).add(rf(b).negate());
  }

  private static void polynomial(Expr e, String name) throws Rejected {
    if (Exprs.contains(e, x -> x instanceof Expr.Div || x instanceof Expr.Call
        || x instanceof Expr.GfsShift || (x instanceof Expr.Pow p && p.exponent() < 0))) {
      throw new Rejected("mean value: the generic form of pair " + name + " must be a polynomial");
    }
  }

  /**
   * Whether every point variable of F occurs inside a sum z_i + gfsShift(T; z_1..z_m) (z_i one
   * of the points, the squares exactly the points in order, T free of them).
   */
  static boolean translationInvariant(Expr f, List<String> points) {
    Expr rest = shiftedSquaresRemoved(f, points);
    Set<String> left = new HashSet<>(Exprs.variables(rest));
    left.retainAll(points);
    return left.isEmpty();
  }

  private static Expr shiftedSquaresRemoved(Expr f, List<String> points) {
    return Exprs.replace(f, e -> e instanceof Expr.Add a && a.terms().size() == 2
        && a.terms().get(0) instanceof Expr.Var v && points.contains(v.name())
        && a.terms().get(1) instanceof Expr.GfsShift g
        && g.squares().equals(points.stream().map(p -> (Expr) new Expr.Var(p)).toList())
        && Exprs.variables(g.target()).stream().noneMatch(points::contains)
        ? new Expr.Var("$shifted") : null);
  }

  /**
   * The rational function of e with every distinct gfsShift(...) (by its text) a variable. When
   * the only one is delta = gfsShift(T; z) over the points, the variables are changed to
   * s_i = z_i + delta and delta (an invertible affine change, so identities are preserved both
   * ways): z_i + delta becomes s_i and a bare z_i becomes s_i - delta, which keeps the polynomials
   * of the generic identity small (products of monomials in s instead of expanded binomials).
   */
  static RationalFunction atomic(Expr e, List<String> points) throws Rejected {
    List<Expr> shifts = Exprs.distinct(e, x -> x instanceof Expr.GfsShift);
    List<Expr> zs = points.stream().map(p -> (Expr) new Expr.Var(p)).toList();
    if (shifts.size() == 1 && ((Expr.GfsShift) shifts.get(0)).squares().equals(zs)) {
      Expr g = shifts.get(0);
      Expr delta = new Expr.Var("$delta");
      Expr shifted = Exprs.replace(e, x -> x.equals(g) ? delta
          : x instanceof Expr.Add a && a.terms().size() == 2 && a.terms().get(1).equals(g)
              && a.terms().get(0) instanceof Expr.Var v && points.contains(v.name())
              ? new Expr.Var("$s_" + v.name()) : null);
      List<Expr> bare = points.stream().map(p -> Expr.sub(new Expr.Var("$s_" + p), delta)).toList();
      return rf(Exprs.substitute(shifted, points, bare));
    }
    Map<String, Expr> atoms = new LinkedHashMap<>();
    return rf(Exprs.replace(e, x -> x instanceof Expr.GfsShift
        ? atoms.computeIfAbsent(x.text(), t -> new Expr.Var("$atom" + atoms.size())) : null));
  }
}

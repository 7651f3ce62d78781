package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.expr.Derivative;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.symbolic.SymbolicEngine;
import org.eoscheck.symbolic.SymbolicEngine.Factorization;

/**
 * Finds a mean-value reduction (checked by the kernel's MeanValueRule) for a claim F(C) &lt;= F(B)
 * where both sides are one function F of the squares of a gfsShift: the GF-solution sharpness of
 * a scalar network after and before a GD step (Kreisler, Nacson, Soudry, Carmon, ICML 2023).
 *
 * <p>Construction. F(z) = sum_j 1/(z_j + delta*(z)) is translation invariant, so the GD point C may
 * be moved by the part t common to every C_i - B_i: for the scalar network
 * (w_i - eta r pi/w_i)^2 = w_i^2 - 2 eta r pi + eta^2 r^2 (pi/w_i)^2, so A = C + 2 eta r pi and
 * A - B = K d with K = eta^2 r^2 &gt;= 0 (a square) and d_i = (pi/w_i)^2. Along xi = B + sigma K d,
 * with s_j = xi_j + delta*(xi) and S_1 = sum_j 1/s_j, the directional derivative of F is
 * grad F . d = -(1/S_1) sum_{j&lt;k} (xi_k - xi_j)(d_j - d_k)/(s_j s_k)^2 (Chebyshev's sum
 * identity; delta* cancels from xi_k - xi_j = s_k - s_j). Each pair polynomial
 * (xi_k - xi_j)(d_j - d_k) is factored over x and the segment parameter sigma, which makes the
 * sign of every term visible to interval arithmetic: for the scalar network it is
 * (u_k - u_j)^2 prod_{i != j,k} u_i (1 - sigma K prod_{i != j,k} u_i), u = w^2, non-negative
 * under the sufficient condition eta^2 r^2 pi^2 &lt;= u_(1) u_(2) of shared/maths.md 1.
 */
final class MeanValueReduction {
  static final String PARAMETER = "sigma";

  private final BiFunction<Expr, Integer, Reduction.Factor> classify;
  private final List<Expr> hypotheses;
  /** The multiples q * H_j found so far, as [q, H_j]. */
  private final List<List<Expr>> found = new ArrayList<>();

  private MeanValueReduction(BiFunction<Expr, Integer, Reduction.Factor> classify,
      List<Expr> hypotheses) {
    this.classify = classify;
    this.hypotheses = hypotheses;
  }

  /**
   * The reduction of {@code claim} ([M, S] its sides, f = M - S), if its sides have that shape
   * and the computer algebra finds the pieces; {@code classify} gives a factor's sign reason;
   * {@code hypotheses} are the expressions H_j of the hypotheses H_j &gt;= 0 (or &gt; 0).
   */
  static Optional<Reduction> of(Problem.Claim claim, List<Expr> sides, List<String> vars,
      BiFunction<Expr, Integer, Reduction.Factor> classify, List<Expr> hypotheses) {
    if (claim.strict() || claim.equation() || vars.contains(PARAMETER)) {
      return Optional.empty();
    }
    List<Expr.GfsShift> gm = Exprs.distinct(sides.get(0), x -> x instanceof Expr.GfsShift)
        .stream().map(Expr.GfsShift.class::cast).toList();
    List<Expr.GfsShift> gs = Exprs.distinct(sides.get(1), x -> x instanceof Expr.GfsShift)
        .stream().map(Expr.GfsShift.class::cast).toList();
    if (gm.size() != 1 || gs.size() != 1 || !gm.get(0).target().equals(gs.get(0).target())
        || gm.get(0).squares().size() != gs.get(0).squares().size()) {
      return Optional.empty();
    }
    List<Expr> from = gm.get(0).squares();
    List<Expr> claimed = gs.get(0).squares();
    int m = from.size();
    if (from.stream().distinct().count() != m) {
      return Optional.empty();
    }
    List<String> z = names("z", m, vars);
    List<String> e = names("e", m, vars);
    List<Expr> zv = z.stream().map(n -> (Expr) new Expr.Var(n)).toList();
    Expr.GfsShift gz = new Expr.GfsShift(zv, gm.get(0).target());
    Expr f = abstracted(sides.get(0), gm.get(0), gz, from, zv);
    if (!Exprs.variables(f).stream().allMatch(z::contains)
        || !Exprs.substitute(f, z, claimed).text().equals(sides.get(1).text())) {
      return Optional.empty();
    }
    try {
      return Optional.of(new MeanValueReduction(classify, hypotheses)
          .build(claim, f, gz, z, e, from, claimed));
    } catch (RuntimeException symjaFailed) {
      return Optional.empty();
    }
  }

  private Reduction build(Problem.Claim claim, Expr f, Expr.GfsShift gz, List<String> z,
      List<String> e, List<Expr> from, List<Expr> claimed) {
    SymbolicEngine cas = SymbolicEngine.get();
    int m = from.size();
    // The part of C_i - B_i common to every i is a translation of all coordinates.
    List<List<Expr>> diffs = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      diffs.add(Preconditioner.terms(cas.expand(Expr.sub(claimed.get(i), from.get(i)))));
    }
    List<Expr> common = new ArrayList<>(diffs.get(0));
    diffs.forEach(common::retainAll);
    List<Expr> rest = new ArrayList<>();
    for (List<Expr> d : diffs) {
      List<Expr> r = new ArrayList<>(d);
      r.removeAll(common);
      rest.add(Preconditioner.sum(r));
    }
    // K: the factors common to every A_i - B_i, with the least power; d_i the rest.
    List<Factorization> fz = rest.stream().map(cas::factor).toList();
    Map<Expr, Integer> k = Preconditioner.powers(fz.get(0));
    for (Factorization x : fz) {
      Map<Expr, Integer> p = Preconditioner.powers(x);
      k.keySet().retainAll(p.keySet());
      k.replaceAll((base, n) -> Math.min(n, p.get(base)));
    }
    List<Reduction.Factor> factors = new ArrayList<>();
    for (Map.Entry<Expr, Integer> kf : new ArrayList<>(k.entrySet())) {
      Reduction.Factor r = classify.apply(kf.getKey(), kf.getValue());
      if (r.sign() == Reduction.Sign.OPEN || kf.getValue() <= 0) {
        k.remove(kf.getKey()); // stays in the direction
      } else {
        factors.add(r);
      }
    }
    List<Expr> direction = new ArrayList<>();
    List<Expr> to = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      Map<Expr, Integer> p = Preconditioner.powers(fz.get(i));
      k.forEach((base, n) -> p.merge(base, -n, Integer::sum));
      direction.add(product(fz.get(i).constant(), p));
      to.add(Exprs.simplify(new Expr.Add(List.of(from.get(i), rest.get(i)))));
    }
    int sign = 1;
    for (Reduction.Factor r : factors) {
      sign *= Math.abs(r.power()) % 2 == 1 ? Preconditioner.knownSign(r) : 1;
    }
    Expr kExpr = product(BigFraction.ONE, k);
    Pieces pieces = pieces(f, gz, z, e, from, direction, kExpr, sign);
    String residualText = pieces.residual().text();
    ProofLog.MeanValue mv = new ProofLog.MeanValue(PARAMETER, z, e, f.text(), texts(from),
        texts(claimed), texts(to), texts(direction), pieces.pairs(), residualText);
    return new Reduction(claim.difference(), null, BigFraction.ONE, factors, pieces.residual(), mv);
  }

  private record Pieces(Expr residual, List<ProofLog.Pair> pairs) {}

  /**
   * The generic residual -sign grad F . e: for F = sum_j 1/(z_j + delta*) in Chebyshev's pairwise
   * form with factored pair polynomials, else as it is.
   */
  private Pieces pieces(Expr f, Expr.GfsShift gz, List<String> z, List<String> e,
      List<Expr> from, List<Expr> direction, Expr k, int sign) {
    int m = z.size();
    List<Expr> shifted = new ArrayList<>();
    for (String zi : z) {
      shifted.add(new Expr.Add(List.of(new Expr.Var(zi), gz)));
    }
    if (!isSharpness(f, shifted)) {
      List<Expr> slope = new ArrayList<>();
      for (int i = 0; i < m; i++) {
        slope.add(new Expr.Mul(List.of(Derivative.of(f, z.get(i)), new Expr.Var(e.get(i)))));
      }
      Expr rho = new Expr.Neg(new Expr.Add(slope));
      return new Pieces(sign < 0 ? new Expr.Neg(rho) : rho, List.of());
    }
    Map<String, Expr> segment = new LinkedHashMap<>();
    for (int i = 0; i < m; i++) {
      segment.put(z.get(i), Exprs.simplify(new Expr.Add(List.of(from.get(i), Exprs.simplify(
          new Expr.Mul(List.of(new Expr.Var(PARAMETER), k, direction.get(i))))))));
      segment.put(e.get(i), direction.get(i));
    }
    List<Expr> terms = new ArrayList<>();
    List<ProofLog.Pair> pairs = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      for (int l = j + 1; l < m; l++) {
        String name = "p" + (j + 1) + "_" + (l + 1);
        Expr generic = new Expr.Mul(List.of(
            Expr.sub(new Expr.Var(z.get(l)), new Expr.Var(z.get(j))),
            Expr.sub(new Expr.Var(e.get(j)), new Expr.Var(e.get(l)))));
        Expr gap = Exprs.substitute(Expr.sub(new Expr.Var(z.get(l)), new Expr.Var(z.get(j))), segment);
        Expr spread = Expr.sub(direction.get(j), direction.get(l));
        pairs.add(new ProofLog.Pair(name, generic.text(),
            merged(linearInParameter(gap), SymbolicEngine.get().factor(spread)).text()));
        terms.add(Expr.div(new Expr.Var(name),
            Expr.pow(new Expr.Mul(List.of(shifted.get(j), shifted.get(l))), 2)));
      }
    }
    List<Expr> inverses = shifted.stream().map(s -> Expr.div(Exprs.ONE, s)).toList();
    Expr r = Expr.div(new Expr.Add(terms), new Expr.Add(inverses));
    return new Pieces(sign < 0 ? new Expr.Neg(r) : r, pairs);
  }

  /** Whether f is sum_j 1/(z_j + gfsShift(T; z)), in any order, each j once. */
  private static boolean isSharpness(Expr f, List<Expr> shifted) {
    if (!(f instanceof Expr.Add a) || a.terms().size() != shifted.size()) {
      return false;
    }
    List<Expr> dens = new ArrayList<>();
    for (Expr t : a.terms()) {
      if (!(t instanceof Expr.Div d && d.num().equals(Exprs.ONE))) {
        return false;
      }
      dens.add(d.den());
    }
    return dens.containsAll(shifted) && shifted.containsAll(dens);
  }

  /**
   * g = g0 + sigma g1 (g linear in the segment parameter) as c * prod base^power where the factors
   * common to g0 and g1 are pulled out and the rest, g0' + sigma g1', is one base; so interval
   * arithmetic sees the sign structure. Anything else factored as a whole.
   */
  private Factorization linearInParameter(Expr g) {
    SymbolicEngine cas = SymbolicEngine.get();
    Expr expanded = cas.expand(g);
    List<Expr> g0 = new ArrayList<>();
    List<Expr> g1 = new ArrayList<>();
    for (Expr t : Preconditioner.terms(expanded)) {
      (Exprs.variables(t).contains(PARAMETER) ? g1 : g0).add(t);
    }
    if (g0.isEmpty() || g1.isEmpty()) {
      return cas.factor(expanded);
    }
    Expr slope = cas.expand(Exprs.substitute(Preconditioner.sum(g1), Map.of(PARAMETER, Exprs.ONE)));
    if (Exprs.variables(slope).contains(PARAMETER)) {
      return cas.factor(expanded);
    }
    Factorization a = cas.factor(Preconditioner.sum(g0));
    Factorization b = aligned(cas.factor(slope), Preconditioner.powers(a));
    Map<Expr, Integer> pa = Preconditioner.powers(a);
    Map<Expr, Integer> pb = Preconditioner.powers(b);
    Map<Expr, Integer> common = new LinkedHashMap<>();
    pa.forEach((base, n) -> {
      if (n > 0 && pb.getOrDefault(base, 0) > 0) {
        common.put(base, Math.min(n, pb.get(base)));
      }
    });
    common.forEach((base, n) -> {
      pa.merge(base, -n, Integer::sum);
      pb.merge(base, -n, Integer::sum);
    });
    Expr start = product(a.constant(), pa);
    Expr slopeRest = product(b.constant(), pb);
    Expr sigma = new Expr.Var(PARAMETER);
    Expr end = Exprs.simplify(new Expr.Add(List.of(start, slopeRest)));
    Expr inner = viaHypothesis(end)
        .map(h -> (Expr) new Expr.Add(List.of(new Expr.Mul(List.of(
            Expr.sub(Exprs.ONE, sigma), start)), new Expr.Mul(List.of(sigma, h)))))
        .orElse(new Expr.Add(List.of(start, new Expr.Mul(List.of(sigma, slopeRest)))));
    List<Factorization.Factor> fs = new ArrayList<>();
    common.forEach((base, n) -> fs.add(new Factorization.Factor(base, n)));
    fs.add(new Factorization.Factor(inner, 1));
    return new Factorization(BigFraction.ONE, fs);
  }

  /**
   * g as q * H_j for a hypothesis H_j &gt;= 0 and a q whose factors are all positive on the root box
   * or even powers, if there is one: then, written so, the natural form under the hypotheses sees
   * g &gt;= 0 wherever the hypotheses hold (so g(sigma) = (1 - sigma) g(0) + sigma g(1) does too).
   */
  private Optional<Expr> viaHypothesis(Expr g) {
    for (Expr h : hypotheses) {
      Optional<Expr> q = nonNegativeQuotient(g, h);
      if (q.isPresent()) {
        found.add(List.of(q.get(), h));
        return Optional.of(new Expr.Mul(List.of(q.get(), h)));
      }
    }
    // Two terms: g = q H_j + r H_k, with q H_j a multiple found for an earlier pair (for the
    // depth-3 network, 1 - K u_2 = (1 - K u_3) + K (w_3 + w_2) (w_3 - w_2)).
    SymbolicEngine cas = SymbolicEngine.get();
    for (List<Expr> qh : List.copyOf(found)) {
      Expr first = new Expr.Mul(qh);
      Expr rest = cas.together(Expr.sub(g, first));
      for (Expr h : hypotheses) {
        Optional<Expr> r = nonNegativeQuotient(rest, h);
        if (r.isPresent()) {
          return Optional.of(new Expr.Add(List.of(first, new Expr.Mul(List.of(r.get(), h)))));
        }
      }
    }
    return Optional.empty();
  }

  /** g / h, if its factors are all even powers or positive on the root box (and sigma-free). */
  private Optional<Expr> nonNegativeQuotient(Expr g, Expr h) {
    SymbolicEngine cas = SymbolicEngine.get();
    Factorization q = cas.factor(cas.together(Expr.div(g, h)));
    if (q.constant().signum() <= 0) {
      return Optional.empty();
    }
    boolean positive = q.factors().stream().allMatch(fq -> fq.power() % 2 == 0
        || classify.apply(fq.base(), 1).sign() == Reduction.Sign.POSITIVE_ON_ROOT);
    Expr e = q.toExpr();
    return positive && !Exprs.variables(e).contains(PARAMETER) ? Optional.of(e) : Optional.empty();
  }

  /**
   * f with every base whose negation is a base of {@code reference} written as that negation
   * (the constant absorbing the signs), so that (w1 - w2) and (w2 - w1) are seen as one factor.
   */
  private static Factorization aligned(Factorization f, Map<Expr, Integer> reference) {
    SymbolicEngine cas = SymbolicEngine.get();
    BigFraction c = f.constant();
    List<Factorization.Factor> out = new ArrayList<>();
    for (Factorization.Factor g : f.factors()) {
      Expr base = g.base();
      if (!reference.containsKey(base)) {
        for (Expr r : reference.keySet()) {
          if (Exprs.isZero(cas.expand(new Expr.Add(List.of(base, r))))) {
            base = r;
            c = Math.abs(g.power()) % 2 == 1 ? c.negate() : c;
            break;
          }
        }
      }
      out.add(new Factorization.Factor(base, g.power()));
    }
    return new Factorization(c, out);
  }

  /** The product of two factorisations, equal bases (up to sign) merged into one power. */
  private static Expr merged(Factorization a, Factorization b) {
    Factorization bb = aligned(b, Preconditioner.powers(a));
    Map<Expr, Integer> p = Preconditioner.powers(a);
    Preconditioner.powers(bb).forEach((base, n) -> p.merge(base, n, Integer::sum));
    return product(a.constant().multiply(bb.constant()), p);
  }

  private static Expr product(BigFraction c, Map<Expr, Integer> powers) {
    List<Factorization.Factor> fs = new ArrayList<>();
    powers.forEach((base, n) -> fs.add(new Factorization.Factor(base, n)));
    return Exprs.simplify(new Factorization(c, fs).toExpr());
  }

  /** e with the gfsShift g replaced by gz and every square of g by its placeholder. */
  private static Expr abstracted(Expr e, Expr.GfsShift g, Expr gz, List<Expr> squares,
      List<Expr> placeholders) {
    return Exprs.replace(e, x -> x.equals(g) ? gz
        : squares.contains(x) ? placeholders.get(squares.indexOf(x)) : null);
  }

  /** prefix1..prefixm, made fresh against the variables. */
  private static List<String> names(String prefix, int m, List<String> vars) {
    String p = prefix;
    while (true) {
      List<String> out = new ArrayList<>();
      for (int i = 1; i <= m; i++) {
        out.add(p + i);
      }
      if (out.stream().noneMatch(vars::contains)) {
        return out;
      }
      p = p + "_";
    }
  }

  private static List<String> texts(List<Expr> es) {
    return es.stream().map(Expr::text).toList();
  }
}

package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.RayleighRule;
import org.eoscheck.certificate.Statement;
import org.eoscheck.expr.Derivative;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Fn;
import org.eoscheck.expr.Relation;
import org.eoscheck.interval.Interval;
import org.eoscheck.interval.IntervalEnclosure;
import org.eoscheck.symbolic.SymbolicEngine;

/**
 * Symbolic preconditioning of a claim f >= 0 (Kreisler et al. 2023 show why it matters: the
 * depth-2 claim phi(gd(w)) <= phi(w) is tight on the whole set w1^2 = w2^2, where no interval
 * method closes a box, yet phi(gd)^2 - phi^2 = b^2 eta^2 r^2 (eta^2 r^2 - 2)).
 *
 * <p>Steps: (1) sqrt(A) - sqrt(B) >= 0 becomes A - B >= 0; (2) the difference is factored over
 * the rationals by the computer-algebra system; (3) each factor's sign is settled where possible:
 * even powers, factors proportional to a hypothesis, factors of fixed sign on the whole root box;
 * (4) what remains is the residual goal of the leaves. The computer-algebra system is not
 * trusted: every factorisation and every proportionality is re-checked exactly by
 * {@link ExactAlgebra} before it is used, and the proof log records it for replay.
 */
final class Preconditioner {
  private final Problem problem;
  private final ExactAlgebra algebra;

  /** Exact polynomial facts, checked by the trusted kernel. */
  interface ExactAlgebra {
    /** Whether e equals the factorisation's product as rational functions. */
    boolean identical(Expr e, BigFraction constant, List<Reduction.Factor> factors);

    /** lambda with a == lambda * b exactly, if there is one. */
    Optional<BigFraction> ratio(Expr a, Expr b);
  }

  Preconditioner(Problem problem, ExactAlgebra algebra) {
    this.problem = problem;
    this.algebra = algebra;
  }

  /** The goals of every claim, reduced where a verified reduction exists. */
  List<Goal> goals() {
    List<Goal> goals = new ArrayList<>();
    for (int k = 0; k < problem.claims().size(); k++) {
      goals.add(goal(k));
    }
    return goals;
  }

  /**
   * The goal of claim {@code k}, reduced if a verified reduction exists. Its thread being
   * interrupted (out of time) stops the search, with an exception or an unreduced goal.
   */
  Goal goal(int k) {
    Problem.Claim c = problem.claims().get(k);
    Optional<Reduction> r = c.equation() ? Optional.empty() : reduce(c);
    if (r.isEmpty()) {
      r = MeanValueReduction.of(c, sides(c), problem.variables(), (b, p) -> classify(b, p, false),
          problem.hypotheses().stream().map(Problem.Hypothesis::expr).toList());
    }
    if (r.isEmpty() && !c.equation()) {
      r = rayleigh(c);
    }
    return new Goal(k, c, r.map(Reduction::residual).orElse(c.difference()), r.orElse(null),
        List.of(c.difference()));
  }

  private Optional<Reduction> reduce(Problem.Claim claim) {
    Expr f = claim.difference();
    List<Expr> sqrtArgs = sqrtDifference(f);
    Expr h = sqrtArgs == null ? f : Exprs.simplify(Expr.sub(sqrtArgs.get(0), sqrtArgs.get(1)));
    if (!rational(h)) {
      return Optional.empty();
    }
    return factored(f, h, sqrtArgs, sqrtArgs != null ? sqrtArgs : sides(claim), claim.strict(),
        squareSums(claim));
  }

  /** The factorisation of h = sides[0] - sides[1] as a reduction of the claim f, if verified. */
  private Optional<Reduction> factored(Expr f, Expr h, List<Expr> sqrtArgs, List<Expr> sides,
      boolean strict, List<Expr> squareSums) {
    SymbolicEngine.Factorization fz;
    try {
      fz = factorDifference(sides.get(0), sides.get(1));
    } catch (RuntimeException symjaFailed) {
      return Optional.empty();
    }
    List<Reduction.Factor> factors = new ArrayList<>();
    BigFraction constant = fz.constant();
    for (SymbolicEngine.Factorization.Factor fac : fz.factors()) {
      Expr base = fac.base();
      // An irreducible factor that is a positive multiple of a sum of squares in the claim is
      // kept in that form, whose enclosure shows it is >= 0 (expanded, no interval can).
      for (Expr s : squareSums) {
        Optional<BigFraction> lambda = algebra.ratio(base, s);
        if (lambda.isPresent() && lambda.get().signum() > 0) {
          base = s;
          constant = constant.multiply(lambda.get().pow(fac.power()));
          break;
        }
      }
      Reduction.Factor rf = classify(base, fac.power(), strict);
      if (fac.power() < 0 && rf.sign() != Reduction.Sign.POSITIVE_ON_ROOT
          && rf.sign() != Reduction.Sign.NEGATIVE_ON_ROOT) {
        return Optional.empty(); // a denominator must be certainly non-zero on the whole region
      }
      factors.add(rf);
    }
    if (!algebra.identical(h, constant, factors)) {
      return Optional.empty(); // the computer-algebra system was wrong: do without
    }
    int sign = constant.signum();
    List<Expr> open = new ArrayList<>();
    for (Reduction.Factor rf : factors) {
      int s = knownSign(rf);
      if (s == 0) {
        open.add(rf.power() == 1 ? rf.base() : Expr.pow(rf.base(), rf.power()));
      } else if (Math.abs(rf.power()) % 2 == 1) {
        sign *= s;
      }
    }
    Expr residual = open.isEmpty() ? Expr.num(sign)
        : sign > 0 ? (open.size() == 1 ? open.get(0) : new Expr.Mul(open))
        : new Expr.Neg(open.size() == 1 ? open.get(0) : new Expr.Mul(open));
    return Optional.of(new Reduction(f, sqrtArgs, constant, factors, residual));
  }

  /** The sums of even powers inside the claim (e.g. |a - b|^2 written out), largest first. */
  private static List<Expr> squareSums(Problem.Claim c) {
    List<Expr> out = new ArrayList<>();
    collectSquareSums(c.relation().lhs(), out);
    collectSquareSums(c.relation().rhs(), out);
    return out;
  }

  private static void collectSquareSums(Expr e, List<Expr> out) {
    if (e instanceof Expr.Add a && a.terms().size() > 1 && a.terms().stream().allMatch(t ->
        t instanceof Expr.Pow p && p.exponent() > 0 && p.exponent() % 2 == 0) && !out.contains(e)) {
      out.add(e);
    }
    for (Expr child : Exprs.children(e)) {
      collectSquareSums(child, out);
    }
  }

  /** [A, B] with f = A - B: the claim's sides, the larger-meant one first. */
  private static List<Expr> sides(Problem.Claim c) {
    Relation r = c.relation();
    boolean upper = r.op() == org.eoscheck.expr.Rel.LE || r.op() == org.eoscheck.expr.Rel.LT;
    return upper ? List.of(r.rhs(), r.lhs()) : List.of(r.lhs(), r.rhs());
  }

  /**
   * Factors A - B by its structure before expanding anything: terms common to both sums cancel;
   * each side is factored piecewise (products, powers and quotients factor by their parts, so
   * P(gd(x)) = (1 - eta eps)^2 (1 + eta eps)^2 P(x) is seen without expanding a degree-16
   * polynomial); factors common to both sides come out; only the remaining, smaller difference is
   * expanded and factored. The result is re-checked exactly by the kernel like any other.
   */
  static SymbolicEngine.Factorization factorDifference(Expr a, Expr b) {
    List<Expr> left = new ArrayList<>(terms(a));
    List<Expr> right = new ArrayList<>(terms(b));
    for (java.util.Iterator<Expr> it = left.iterator(); it.hasNext(); ) {
      if (right.remove(it.next())) {
        it.remove();
      }
    }
    SymbolicEngine.Factorization x = structured(sum(left));
    SymbolicEngine.Factorization y = structured(sum(right));
    java.util.Map<Expr, Integer> px = powers(x);
    java.util.Map<Expr, Integer> py = powers(y);
    java.util.Map<Expr, Integer> common = new java.util.LinkedHashMap<>();
    for (java.util.Map.Entry<Expr, Integer> e : px.entrySet()) {
      Integer q = py.get(e.getKey());
      if (q != null && Integer.signum(q) == Integer.signum(e.getValue())) {
        int m = e.getValue() > 0 ? Math.min(e.getValue(), q) : Math.max(e.getValue(), q);
        common.put(e.getKey(), m);
      }
    }
    Expr inner = Expr.sub(rest(x, px, common), rest(y, py, common));
    return times(common, SymbolicEngine.get().factor(inner));
  }

  /** prod base^power over {@code common}, times the factorisation f. */
  private static SymbolicEngine.Factorization times(java.util.Map<Expr, Integer> common,
      SymbolicEngine.Factorization f) {
    java.util.Map<Expr, Integer> all = new java.util.LinkedHashMap<>(common);
    for (SymbolicEngine.Factorization.Factor g : f.factors()) {
      all.merge(g.base(), g.power(), Integer::sum);
    }
    List<SymbolicEngine.Factorization.Factor> out = new ArrayList<>();
    all.forEach((base, p) -> {
      if (p != 0) {
        out.add(new SymbolicEngine.Factorization.Factor(base, p));
      }
    });
    return new SymbolicEngine.Factorization(f.constant(), out);
  }

  static List<Expr> terms(Expr e) {
    return e instanceof Expr.Add add ? add.terms() : List.of(e);
  }

  static Expr sum(List<Expr> terms) {
    return terms.isEmpty() ? Exprs.ZERO : terms.size() == 1 ? terms.get(0) : new Expr.Add(terms);
  }

  static java.util.Map<Expr, Integer> powers(SymbolicEngine.Factorization f) {
    java.util.Map<Expr, Integer> m = new java.util.LinkedHashMap<>();
    for (SymbolicEngine.Factorization.Factor g : f.factors()) {
      m.merge(g.base(), g.power(), Integer::sum);
    }
    return m;
  }

  /** constant * prod base^(power - common power). */
  private static Expr rest(SymbolicEngine.Factorization f, java.util.Map<Expr, Integer> powers,
      java.util.Map<Expr, Integer> common) {
    List<SymbolicEngine.Factorization.Factor> left = new ArrayList<>();
    powers.forEach((base, p) -> left.add(
        new SymbolicEngine.Factorization.Factor(base, p - common.getOrDefault(base, 0))));
    return new SymbolicEngine.Factorization(f.constant(), left).toExpr();
  }

  /** Factors a product, power or quotient by its parts; anything else as a whole. */
  static SymbolicEngine.Factorization structured(Expr e) {
    if (e instanceof Expr.Num n) {
      return new SymbolicEngine.Factorization(n.value(), List.of());
    }
    if (e instanceof Expr.Neg n) {
      SymbolicEngine.Factorization f = structured(n.arg());
      return new SymbolicEngine.Factorization(f.constant().negate(), f.factors());
    }
    if (e instanceof Expr.Pow p && p.exponent() > 0) {
      SymbolicEngine.Factorization f = structured(p.base());
      return new SymbolicEngine.Factorization(f.constant().pow(p.exponent()), f.factors().stream()
          .map(g -> new SymbolicEngine.Factorization.Factor(g.base(), g.power() * p.exponent()))
          .toList());
    }
    if (e instanceof Expr.Mul || e instanceof Expr.Div) {
      List<Expr> parts = e instanceof Expr.Mul m ? m.factors()
          : List.of(((Expr.Div) e).num(), ((Expr.Div) e).den());
      BigFraction c = BigFraction.ONE;
      List<SymbolicEngine.Factorization.Factor> fs = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        SymbolicEngine.Factorization f = structured(parts.get(i));
        boolean denominator = e instanceof Expr.Div && i == 1;
        c = denominator ? c.divide(f.constant()) : c.multiply(f.constant());
        for (SymbolicEngine.Factorization.Factor g : f.factors()) {
          fs.add(denominator ? new SymbolicEngine.Factorization.Factor(g.base(), -g.power()) : g);
        }
      }
      return new SymbolicEngine.Factorization(c, fs);
    }
    if (e instanceof Expr.Add a && a.terms().size() > 1 && a.terms().stream().allMatch(t ->
        t instanceof Expr.Pow p && p.exponent() > 0 && p.exponent() % 2 == 0)) {
      return sumOfEvenPowers(a);
    }
    return SymbolicEngine.get().factor(e);
  }

  /**
   * A sum of even powers t_1^2k_1 + ... + t_n^2k_n: the factors common to every term come out
   * before the rest is factored as a whole. With t_i = (1 - eta eps)(a_i + b_i), the coordinates
   * of one GD step of the two-layer network (Beneventano, Woodworth 2025), this gives
   * |a+ + b+|^2 = (1 - eta eps)^2 |a + b|^2, which the computer-algebra system does not find in
   * the expanded sum once there are more than four variables.
   */
  private static SymbolicEngine.Factorization sumOfEvenPowers(Expr.Add sum) {
    List<SymbolicEngine.Factorization> parts = new ArrayList<>();
    for (Expr t : sum.terms()) {
      parts.add(structured(t));
    }
    java.util.Map<Expr, Integer> common = new java.util.LinkedHashMap<>(powers(parts.get(0)));
    common.values().removeIf(p -> p <= 0);
    for (SymbolicEngine.Factorization part : parts.subList(1, parts.size())) {
      java.util.Map<Expr, Integer> p = powers(part);
      common.replaceAll((base, q) -> Math.min(q, p.getOrDefault(base, 0)));
      common.values().removeIf(q -> q <= 0);
    }
    if (common.isEmpty()) {
      return SymbolicEngine.get().factor(sum);
    }
    List<Expr> rests = new ArrayList<>();
    for (SymbolicEngine.Factorization part : parts) {
      rests.add(rest(part, powers(part), common));
    }
    return times(common, SymbolicEngine.get().factor(new Expr.Add(rests)));
  }

  /** +1 or -1 for a factor of known sign (its base's sign), 0 for an open one. */
  static int knownSign(Reduction.Factor f) {
    return switch (f.sign()) {
      case SQUARE, POSITIVE_ON_ROOT, NONNEGATIVE_ON_ROOT -> 1;
      case NEGATIVE_ON_ROOT, NONPOSITIVE_ON_ROOT -> -1;
      case HYPOTHESIS -> f.ratio().signum();
      case OPEN -> 0;
    };
  }

  private Reduction.Factor classify(Expr base, int power, boolean strict) {
    if (!strict && power > 0 && power % 2 == 0) {
      return new Reduction.Factor(base, power, Reduction.Sign.SQUARE, -1, null);
    }
    if (power > 0) {
      for (int j = 0; j < problem.hypotheses().size(); j++) {
        Problem.Hypothesis hyp = problem.hypotheses().get(j);
        if (strict && !hyp.strict()) {
          continue;
        }
        Optional<BigFraction> lambda = algebra.ratio(base, hyp.expr());
        if (lambda.isPresent() && lambda.get().signum() != 0) {
          return new Reduction.Factor(base, power, Reduction.Sign.HYPOTHESIS, j, lambda.get());
        }
      }
    }
    Interval v = IntervalEnclosure.of(base, problem.variables())
        .enclose(Enclosures.intervals(problem.root()));
    Reduction.Sign s = v.certainlyPositive() ? Reduction.Sign.POSITIVE_ON_ROOT
        : v.certainlyNegative() ? Reduction.Sign.NEGATIVE_ON_ROOT
        : !strict && power > 0 && v.certainlyNonNegative() ? Reduction.Sign.NONNEGATIVE_ON_ROOT
        : !strict && power > 0 && v.certainlyNonPositive() ? Reduction.Sign.NONPOSITIVE_ON_ROOT
        : Reduction.Sign.OPEN;
    return new Reduction.Factor(base, power, s, -1, null);
  }

  /**
   * A Rayleigh reduction of a claim a lambdaMax(theta) + b &gt;= 0 (a &gt;= 0 on the root box; or a
   * lambdaMin + b with a &lt;= 0) on a manifold of minimisers: the witness is v = grad pi(theta),
   * since at a minimiser of a one-sample squared loss Hess L = grad pi grad pi^T (shared/maths.md
   * 1b) and v is then a top eigenvector. Tried only when the family has a product and a
   * hypothesis is an equation pi = target (the multiple of it is checked here exactly, and again by
   * the kernel, which accepts any v).
   */
  private Optional<Reduction> rayleigh(Problem.Claim claim) {
    RayleighRule.Affine split = RayleighRule.split(Statement.Condition.of(claim.relation()).f());
    Optional<Expr> product = problem.lemma().model().product();
    if (split == null || product.isEmpty()) {
      return Optional.empty();
    }
    boolean top = split.node().fn() == Fn.EIGMAX;
    Interval a = IntervalEnclosure.of(split.a(), problem.variables())
        .enclose(Enclosures.intervals(problem.root()));
    if (top ? !a.certainlyNonNegative() : !a.certainlyNonPositive()) {
      return Optional.empty();
    }
    java.util.Map<String, Expr> fixed = new java.util.HashMap<>();
    problem.fixed().forEach((name, q) -> fixed.put(name, new Expr.Num(q)));
    List<String> params = problem.lemma().model().parameters();
    List<Expr> v = new ArrayList<>();
    for (Expr g : Derivative.gradient(product.get(), params)) {
      v.add(Exprs.simplify(g.substitute(fixed)));
    }
    int n = v.size();
    if (n != Fn.matrixOrder(split.node().args().size())) {
      return Optional.empty();
    }
    // Hess L = v v^T + r Hess pi for L = r^2 / 2, r = pi - target: so v^T H v = N^2 + r v^T Hess pi v
    // and R = b N + a v^T H v = (b N + a N^2) + (a v^T Hess pi v / c) h for a hypothesis h = c r.
    Expr norm = RayleighRule.Affine.norm(v);
    Expr remainder = Exprs.simplify(Expr.add(Expr.mul(split.b(), norm),
        Expr.mul(split.a(), Expr.pow(norm, 2))));
    List<ProofLog.Multiple> multiples = new ArrayList<>();
    Optional<Expr> r = problem.lemma().model().residual();
    List<List<Expr>> hessPi = Derivative.hessian(product.get(), params);
    for (int j = 0; j < problem.hypotheses().size() && r.isPresent() && multiples.isEmpty(); j++) {
      Problem.Hypothesis h = problem.hypotheses().get(j);
      Optional<BigFraction> c = h.strict() || !equationHalf(j) ? Optional.empty()
          : algebra.ratio(h.expr(), Exprs.simplify(r.get().substitute(fixed)));
      if (c.isEmpty() || c.get().signum() == 0) {
        continue;
      }
      List<Expr> terms = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
          terms.add(Expr.mul(v.get(i), v.get(k), hessPi.get(i).get(k).substitute(fixed)));
        }
      }
      Expr m = Exprs.simplify(Expr.mul(new Expr.Num(c.get().reciprocal()), split.a(),
          new Expr.Add(terms)));
      if (algebra.identical(Expr.sub(split.residual(v), Expr.mul(m, h.expr())), BigFraction.ONE,
          List.of(new Reduction.Factor(remainder, 1, Reduction.Sign.OPEN, -1, null)))) {
        multiples.add(new ProofLog.Multiple(j, m.text())); // else the Hessian is not at theta
      }
    }
    if (multiples.isEmpty()) {
      return Optional.empty();
    }
    Expr residual = remainder;
    ProofLog.Rayleigh record = new ProofLog.Rayleigh(v.stream().map(Expr::text).toList(),
        multiples, residual.text());
    Optional<Reduction> fz = factored(claim.difference(), residual, null,
        List.of(residual, Expr.num(0)), claim.strict(), List.of());
    Reduction plain = new Reduction(claim.difference(), null, BigFraction.ONE,
        List.of(new Reduction.Factor(residual, 1, Reduction.Sign.OPEN, -1, null)), residual);
    return Optional.of(fz.orElse(plain).withRayleigh(claim.difference(), record));
  }

  /** Whether hypothesis j is one half of an equation (the next or previous one is its negation). */
  private boolean equationHalf(int j) {
    List<Problem.Hypothesis> hs = problem.hypotheses();
    Expr minus = Exprs.simplify(new Expr.Neg(hs.get(j).expr()));
    return j + 1 < hs.size() && hs.get(j + 1).expr().equals(minus);
  }

  /** [A, B] if f is sqrt(A) - sqrt(B), else null. */
  static List<Expr> sqrtDifference(Expr f) {
    if (f instanceof Expr.Add a && a.terms().size() == 2
        && a.terms().get(0) instanceof Expr.Call p && p.fn() == Fn.SQRT
        && a.terms().get(1) instanceof Expr.Neg n && n.arg() instanceof Expr.Call q
        && q.fn() == Fn.SQRT) {
      return List.of(p.args().get(0), q.args().get(0));
    }
    return null;
  }

  /** Built from numbers and variables by + - * / and integer powers only. */
  static boolean rational(Expr e) {
    return !Exprs.contains(e, n -> n instanceof Expr.Call || n instanceof Expr.GfsShift
        || n instanceof Expr.Apply);
  }
}

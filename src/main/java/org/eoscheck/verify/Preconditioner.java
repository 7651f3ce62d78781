package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Fn;
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
      Problem.Claim c = problem.claims().get(k);
      Optional<Reduction> r = c.equation() ? Optional.empty() : reduce(c);
      goals.add(new Goal(k, c, r.map(Reduction::residual).orElse(c.difference()), r.orElse(null),
          List.of(c.difference())));
    }
    return goals;
  }

  private Optional<Reduction> reduce(Problem.Claim claim) {
    Expr f = claim.difference();
    List<Expr> sqrtArgs = sqrtDifference(f);
    Expr h = sqrtArgs == null ? f : Exprs.simplify(Expr.sub(sqrtArgs.get(0), sqrtArgs.get(1)));
    if (!rational(h)) {
      return Optional.empty();
    }
    SymbolicEngine.Factorization fz;
    try {
      fz = SymbolicEngine.get().factor(h);
    } catch (RuntimeException symjaFailed) {
      return Optional.empty();
    }
    boolean strict = claim.strict();
    List<Reduction.Factor> factors = new ArrayList<>();
    for (SymbolicEngine.Factorization.Factor fac : fz.factors()) {
      Reduction.Factor rf = classify(fac.base(), fac.power(), strict);
      if (fac.power() < 0 && rf.sign() != Reduction.Sign.POSITIVE_ON_ROOT
          && rf.sign() != Reduction.Sign.NEGATIVE_ON_ROOT) {
        return Optional.empty(); // a denominator must be certainly non-zero on the whole region
      }
      factors.add(rf);
    }
    if (!algebra.identical(h, fz.constant(), factors)) {
      return Optional.empty(); // the computer-algebra system was wrong: do without
    }
    int sign = fz.constant().signum();
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
    return Optional.of(new Reduction(f, sqrtArgs, fz.constant(), factors, residual));
  }

  /** +1 or -1 for a factor of known sign (its base's sign), 0 for an open one. */
  static int knownSign(Reduction.Factor f) {
    return switch (f.sign()) {
      case SQUARE, POSITIVE_ON_ROOT -> 1;
      case NEGATIVE_ON_ROOT -> -1;
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
        : Reduction.Sign.OPEN;
    return new Reduction.Factor(base, power, s, -1, null);
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

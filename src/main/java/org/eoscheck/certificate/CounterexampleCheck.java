package org.eoscheck.certificate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.CertifiedEvaluator.Undefined;
import org.eoscheck.certificate.Statement.Condition;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Fn;
import org.eoscheck.expr.Relation;

/**
 * Certified refutation: a point (or a whole box) where every hypothesis is certainly defined and
 * true and the claim is certainly defined and false. The prover calls {@link #violates} before it
 * reports REFUTED; replay calls it again for every counterexample line and refuted leaf.
 *
 * <p>(A point where the claim is undefined also falsifies the lemma, but is not reported as a
 * refutation here: only a defined, false claim is.)
 */
public final class CounterexampleCheck {
  /** Digits tried in turn at a point: a tight point may need more than the default. */
  private static final int[] POINT_DIGITS = {CertifiedEvaluator.DIGITS, 200};

  private CounterexampleCheck() {}

  /**
   * The certified verdict at a point; {@code lhs} and {@code rhs} are enclosures of the claim's
   * sides there (null when undefined), for the counterexample line.
   */
  public record Outcome(boolean violated, String reason, CertifiedInterval lhs, CertifiedInterval rhs) {}

  /** Whether {@code point} (every variable of {@code vars}) certainly violates {@code claim}. */
  public static Outcome violates(List<String> vars, Map<String, BigFraction> point,
      List<Relation> hypotheses, Relation claim) {
    return atPoint(vars, point, hypotheses.stream().map(Condition::of).toList(), claim);
  }

  /**
   * Whether {@code point} certainly violates {@code claim} where the hypotheses {@code hyps}
   * (each with its domain) certainly hold.
   */
  public static Outcome atPoint(List<String> vars, Map<String, BigFraction> point,
      List<Condition> hyps, Relation claim) {
    Map<String, Bounds> box = new LinkedHashMap<>();
    for (String v : vars) {
      BigFraction x = point.get(v);
      if (x == null) {
        return new Outcome(false, "the point does not give " + v, null, null);
      }
      box.put(v, Bounds.point(x));
    }
    Outcome outcome = null;
    for (int digits : POINT_DIGITS) {
      outcome = check(box, hyps, claim, new CertifiedEvaluator(digits), point);
      if (outcome.violated()) {
        break;
      }
    }
    return outcome;
  }

  /** Whether every point of {@code box} certainly violates {@code claim}. */
  static Outcome onBox(Map<String, Bounds> box, List<Condition> hypotheses, Relation claim,
      CertifiedEvaluator evaluator) {
    return check(box, hypotheses, claim, evaluator, null);
  }

  private static Outcome check(Map<String, Bounds> box, List<Condition> hypotheses, Relation claim,
      CertifiedEvaluator evaluator, Map<String, BigFraction> point) {
    for (int j = 0; j < hypotheses.size(); j++) {
      Condition h = hypotheses.get(j);
      try {
        for (Expr d : h.domain()) {
          enclose(d, box, evaluator, point);
        }
        if (!enclose(h.f(), box, evaluator, point).certainly(h.rel())) {
          return new Outcome(false, "hypothesis " + j + " (" + h.text() + ") does not certainly hold",
              null, null);
        }
      } catch (Undefined e) {
        return new Outcome(false, "hypothesis " + j + " possibly undefined: " + e.getMessage(), null, null);
      }
    }
    Condition c = Condition.of(claim);
    try {
      CertifiedInterval lhs = enclose(claim.lhs(), box, evaluator, point);
      CertifiedInterval rhs = enclose(claim.rhs(), box, evaluator, point);
      CertifiedInterval f = enclose(c.f(), box, evaluator, point);
      return f.certainlyNot(c.rel()) ? new Outcome(true, "violated", lhs, rhs)
          : new Outcome(false, "the claim is not certainly false: " + c.f().text() + " in " + f, lhs, rhs);
    } catch (Undefined e) {
      return new Outcome(false, "the claim is possibly undefined: " + e.getMessage(), null, null);
    }
  }

  /**
   * At a point, an expression of + - * / integer powers, abs, min and max is evaluated exactly
   * and enclosed by its outward roundings (which keep its sign, so comparisons with 0 are exact);
   * anything else, or a box, by the interval evaluator.
   */
  private static CertifiedInterval enclose(Expr e, Map<String, Bounds> box, CertifiedEvaluator ev,
      Map<String, BigFraction> point) throws Undefined {
    if (point != null && !Exprs.contains(e, x -> x instanceof Expr.GfsShift || x instanceof Expr.Apply
        || x instanceof Expr.Call c && c.fn() != Fn.ABS && c.fn() != Fn.MIN && c.fn() != Fn.MAX)) {
      BigFraction v = exact(e, point);
      return new CertifiedInterval(ev.down(v), ev.up(v));
    }
    return ev.enclose(e, box);
  }

  private static BigFraction exact(Expr e, Map<String, BigFraction> at) throws Undefined {
    if (e instanceof Expr.Num n) {
      return n.value();
    }
    if (e instanceof Expr.Var v) {
      if (!at.containsKey(v.name())) {
        throw new Undefined("unknown variable " + v.name());
      }
      return at.get(v.name());
    }
    if (e instanceof Expr.Neg n) {
      return exact(n.arg(), at).negate();
    }
    if (e instanceof Expr.Div d) {
      BigFraction den = exact(d.den(), at);
      if (den.signum() == 0) {
        throw new Undefined("division by 0: " + d.den().text());
      }
      return exact(d.num(), at).divide(den);
    }
    if (e instanceof Expr.Pow p) {
      BigFraction base = exact(p.base(), at);
      if (p.exponent() < 0 && base.signum() == 0) {
        throw new Undefined("negative power of 0: " + p.base().text());
      }
      return base.pow(p.exponent());
    }
    List<BigFraction> xs = new ArrayList<>();
    for (Expr c : Exprs.children(e)) {
      xs.add(exact(c, at));
    }
    if (e instanceof Expr.Add) {
      return xs.stream().reduce(BigFraction.ZERO, BigFraction::add);
    }
    if (e instanceof Expr.Mul) {
      return xs.stream().reduce(BigFraction.ONE, BigFraction::multiply);
    }
    Fn fn = ((Expr.Call) e).fn();
    return fn == Fn.ABS ? xs.get(0).abs() : fn == Fn.MIN ? xs.stream().reduce((a, b) -> a.compareTo(b) <= 0 ? a : b).get()
        : xs.stream().reduce((a, b) -> a.compareTo(b) >= 0 ? a : b).get();
  }
}

package org.eoscheck.certificate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.CertifiedEvaluator.Undefined;
import org.eoscheck.certificate.PointValue.CertainlyUndefined;
import org.eoscheck.certificate.Statement.Condition;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Rel;
import org.eoscheck.expr.Relation;

/**
 * Certified refutation: a point (or a whole box) where every hypothesis is certainly defined and
 * true and the claim is certainly false there. The prover calls {@link #violates} before it
 * reports REFUTED; replay calls it again for every counterexample line and refuted leaf.
 *
 * <p>The claim is false at a point in two ways (the lemma holds iff at every point where every
 * hypothesis is defined and true, every claim is defined and true): it is defined and its
 * relation fails, or it is undefined there (a side divides by 0, takes sqrt of a negative number,
 * log of a non-positive one, a gfsShift of a target &lt;= 0; {@link PointValue}). A point where
 * a hypothesis is undefined, or not certainly true, is never a counterexample. Whole boxes are
 * refuted only by a defined claim that certainly fails on all of them.
 */
public final class CounterexampleCheck {
  /** Digits tried in turn at a point: a tight point may need more than the default. */
  private static final int[] POINT_DIGITS = {CertifiedEvaluator.DIGITS, 200};

  private CounterexampleCheck() {}

  /**
   * The certified verdict at a point or on a box. {@code violated}: the claim certainly fails
   * there; {@code undefined}: null if the claim is defined there, else why it is certainly
   * undefined at the point (then {@code violated}); {@code lhs} and {@code rhs} are enclosures
   * of the claim's sides, null for a side without one; {@code reason} says why not violated.
   */
  public record Outcome(boolean violated, String reason, CertifiedInterval lhs,
      CertifiedInterval rhs, String undefined) {
    static Outcome no(String reason) {
      return new Outcome(false, reason, null, null, null);
    }
  }

  /** Whether {@code point} (every variable of {@code vars}) certainly violates {@code claim}. */
  public static Outcome violates(List<String> vars, Map<String, BigFraction> point,
      List<Relation> hypotheses, Relation claim) {
    return atPoint(vars, point, hypotheses.stream().map(Condition::of).toList(), claim, List.of());
  }

  /**
   * The same at the default precision only: quicker where the point is tight and not exact
   * (then it answers not violated), for judging many candidates.
   */
  public static Outcome violatesQuickly(List<String> vars, Map<String, BigFraction> point,
      List<Condition> hypotheses, Relation claim, List<Expr> claimDomain) {
    return atPoint(vars, point, hypotheses, claim, claimDomain,
        new int[] {CertifiedEvaluator.DIGITS});
  }

  /**
   * Whether {@code point} certainly violates {@code claim} (or its domain, {@code claimDomain}, is
   * certainly undefined there) where the hypotheses {@code hyps}, each with its domain, certainly
   * hold.
   */
  public static Outcome atPoint(List<String> vars, Map<String, BigFraction> point,
      List<Condition> hyps, Relation claim, List<Expr> claimDomain) {
    return atPoint(vars, point, hyps, claim, claimDomain, POINT_DIGITS);
  }

  private static Outcome atPoint(List<String> vars, Map<String, BigFraction> point,
      List<Condition> hyps, Relation claim, List<Expr> claimDomain, int[] precisions) {
    Map<String, BigFraction> exact = new LinkedHashMap<>();
    for (String v : vars) {
      BigFraction x = point.get(v);
      if (x == null) {
        return Outcome.no("the point does not give " + v);
      }
      exact.put(v, x);
    }
    Judgement j = null;
    for (int digits : precisions) {
      PointValue at = new PointValue(exact, new CertifiedEvaluator(digits));
      j = check(hyps, claim, claimDomain, new Enclosure() {
        public CertifiedInterval of(Expr e) throws Undefined, CertainlyUndefined {
          return at.enclose(e);
        }

        public CertifiedInterval difference(Condition c, CertifiedInterval lhs,
            CertifiedInterval rhs) throws CertainlyUndefined {
          boolean rhsFirst = claim.op() == Rel.LE || claim.op() == Rel.LT;
          return rhsFirst ? at.difference(c.f(), rhs, lhs) : at.difference(c.f(), lhs, rhs);
        }
      });
      if (j.settled()) {
        break; // more digits cannot change it
      }
    }
    return j.outcome();
  }

  /**
   * An outcome, {@code settled} when more precision cannot change it: the claim certainly fails
   * or certainly holds, or a hypothesis certainly fails or is certainly undefined.
   */
  private record Judgement(Outcome outcome, boolean settled) {
    static Judgement open(String reason) {
      return new Judgement(Outcome.no(reason), false);
    }
  }

  /**
   * Whether every point of {@code box} certainly violates {@code claim}, as replay requires of a
   * refuted leaf.
   */
  public static Outcome violatesOnBox(Map<String, Bounds> box, List<Condition> hypotheses,
      Relation claim) {
    return onBox(box, hypotheses, claim, new CertifiedEvaluator());
  }

  /** Whether every point of {@code box} certainly violates {@code claim} (a defined claim). */
  static Outcome onBox(Map<String, Bounds> box, List<Condition> hypotheses, Relation claim,
      CertifiedEvaluator evaluator) {
    return check(hypotheses, claim, List.of(), e -> evaluator.enclose(e, box)).outcome();
  }

  /** Certified enclosures, at a point or on a box. */
  private interface Enclosure {
    CertifiedInterval of(Expr e) throws Undefined, CertainlyUndefined;

    /** An enclosure of the claim's difference f, given enclosures of its sides. */
    default CertifiedInterval difference(Condition c, CertifiedInterval lhs, CertifiedInterval rhs)
        throws Undefined, CertainlyUndefined {
      return of(c.f());
    }
  }

  private static Judgement check(List<Condition> hypotheses, Relation claim,
      List<Expr> claimDomain, Enclosure enclose) {
    for (int j = 0; j < hypotheses.size(); j++) {
      Condition h = hypotheses.get(j);
      try {
        for (Expr d : h.domain()) {
          enclose.of(d);
        }
        CertifiedInterval x = enclose.of(h.f());
        if (!x.certainly(h.rel())) {
          return new Judgement(Outcome.no("hypothesis " + (j + 1) + " (" + h.text()
              + ") does not certainly hold"), x.certainlyNot(h.rel()));
        }
      } catch (Undefined e) {
        return Judgement.open("hypothesis " + (j + 1) + " possibly undefined: " + e.getMessage());
      } catch (CertainlyUndefined e) {
        return new Judgement(Outcome.no("hypothesis " + (j + 1) + " undefined: " + e.getMessage()), true);
      }
    }
    CertifiedInterval[] sides = new CertifiedInterval[2];
    String undefined = null;
    String possibly = null;
    for (Expr d : claimDomain) {
      try {
        enclose.of(d);
      } catch (CertainlyUndefined e) {
        undefined = undefined == null ? e.getMessage() : undefined;
      } catch (Undefined e) {
        possibly = e.getMessage();
      }
    }
    Expr[] exprs = {claim.lhs(), claim.rhs()};
    for (int s = 0; s < 2; s++) {
      try {
        sides[s] = enclose.of(exprs[s]);
      } catch (CertainlyUndefined e) {
        undefined = undefined == null ? e.getMessage() : undefined;
      } catch (Undefined e) {
        possibly = e.getMessage();
      }
    }
    if (undefined != null) {
      return new Judgement(new Outcome(true, "undefined", sides[0], sides[1], undefined), true);
    }
    if (possibly != null) {
      return Judgement.open("the claim is possibly undefined: " + possibly);
    }
    Condition c = Condition.of(claim);
    try {
      CertifiedInterval f = enclose.difference(c, sides[0], sides[1]);
      if (f.certainlyNot(c.rel())) {
        return new Judgement(new Outcome(true, "violated", sides[0], sides[1], null), true);
      }
      return new Judgement(new Outcome(false, "the claim is not certainly false: " + c.f().text()
          + " in " + f, sides[0], sides[1], null), f.certainly(c.rel()));
    } catch (Undefined | CertainlyUndefined e) {
      return Judgement.open("the claim is possibly undefined: " + e.getMessage());
    }
  }
}

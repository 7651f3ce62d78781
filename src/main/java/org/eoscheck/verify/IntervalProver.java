package org.eoscheck.verify;

import org.eoscheck.certificate.CertifiedEvaluator.Form;
import org.eoscheck.certificate.ProofLog.Evidence;
import java.util.Optional;
import org.eoscheck.interval.Interval;

/**
 * Closes a goal on a box by rigorous interval arithmetic: the claim is defined on the box (every
 * guard certainly holds) and an enclosure of the residual certainly has the required sign: the
 * natural extension if it suffices (the cheapest form for the kernel to replay), else the natural
 * extension with the hypotheses clipped to [0, oo) where they occur in the residual (enough, as
 * the goal need only hold where they do), else the intersection of the natural, mean-value and
 * monotone forms.
 */
final class IntervalProver implements Prover {
  private final Enclosures enclosures;

  IntervalProver(Enclosures enclosures) {
    this.enclosures = enclosures;
  }

  @Override
  public String method() {
    return "interval";
  }

  @Override
  public Optional<Evidence> prove(Goal goal, Box box) {
    Interval[] x = Enclosures.intervals(box);
    if (!enclosures.defined(goal.index(), x)) {
      return Optional.empty();
    }
    if (goal.reduction() != null && goal.reduction().closed()) {
      return Optional.of(Evidence.reduction(goal.index()));
    }
    if (shows(goal, enclosures.naturalResidual(goal.index(), x))) {
      return Optional.of(Evidence.interval(goal.index(), Form.NATURAL));
    }
    Interval clipped = enclosures.residualUnderHypotheses(goal.index(), x);
    if (clipped != null && shows(goal, clipped)) {
      return Optional.of(Evidence.interval(goal.index(), Form.UNDER_HYPOTHESES));
    }
    return shows(goal, enclosures.residual(goal.index(), x))
        ? Optional.of(Evidence.interval(goal.index(), Form.COMBINED)) : Optional.empty();
  }

  private static boolean shows(Goal goal, Interval r) {
    if (goal.claim().equation()) {
      return r.lo() == 0 && r.hi() == 0;
    }
    return goal.claim().strict() ? r.certainlyPositive() : r.certainlyNonNegative();
  }
}

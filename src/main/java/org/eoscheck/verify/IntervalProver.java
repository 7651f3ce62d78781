package org.eoscheck.verify;

import java.util.Optional;
import org.eoscheck.interval.Interval;

/**
 * Closes a goal on a box by rigorous interval arithmetic: the claim is defined on the box (every
 * guard certainly holds) and the enclosure of the residual (the intersection of the natural,
 * mean-value and monotone forms) certainly has the required sign.
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
    Interval r = enclosures.residual(goal.index(), x);
    boolean shown;
    if (goal.claim().equation()) {
      shown = r.lo() == 0 && r.hi() == 0;
    } else {
      shown = goal.claim().strict() ? r.certainlyPositive() : r.certainlyNonNegative();
    }
    return shown ? Optional.of(Evidence.interval(goal.index(), "combined")) : Optional.empty();
  }
}

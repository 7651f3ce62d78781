package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eoscheck.certificate.CertifiedEvaluator.Form;
import org.eoscheck.certificate.ProofLog.Evidence;
import org.eoscheck.certificate.Replay;
import org.eoscheck.certificate.Statement;
import org.eoscheck.interval.Interval;

/**
 * Closes a goal on a box by rigorous interval arithmetic: the claim is defined on the box (every
 * guard certainly holds) and an enclosure of the residual certainly has the required sign: the
 * natural extension if it suffices (the cheapest form for the kernel to replay), else the natural
 * extension with the hypotheses clipped to [0, oo) where they occur in the residual (enough, as
 * the goal need only hold where they do), else the intersection of the natural, mean-value and
 * monotone forms.
 *
 * <p>On a box with an infinite end the double enclosures say little ((-oo, oo) is "no
 * information" to them, so w1^2 - w2^2 over [0, oo]^2 stops everything), so there the kernel's
 * decimal intervals, which carry infinite ends through (c - oo = -oo, oo^2 = oo, 1/oo = 0), judge
 * the same forms directly: a closed reduction (the claim's definedness alone), natural, under the
 * hypotheses, combined. What they accept is what replay accepts.
 */
final class IntervalProver implements Prover {
  private final Enclosures enclosures;
  private final Problem problem;
  private final Statement statement;

  IntervalProver(Enclosures enclosures, Problem problem, Statement statement) {
    this.enclosures = enclosures;
    this.problem = problem;
    this.statement = statement;
  }

  @Override
  public String method() {
    return "interval";
  }

  @Override
  public Optional<Evidence> prove(Goal goal, Box box) {
    if (!box.bounded()) {
      return byKernel(goal, box);
    }
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

  private Optional<Evidence> byKernel(Goal goal, Box box) {
    List<Evidence> tries = new ArrayList<>();
    if (goal.reduction() != null && goal.reduction().closed()) {
      tries.add(Evidence.reduction(goal.index()));
    }
    for (Form f : List.of(Form.NATURAL, Form.UNDER_HYPOTHESES, Form.COMBINED)) {
      tries.add(Evidence.interval(goal.index(), f));
    }
    for (Evidence e : tries) {
      if (Replay.intervalFailure(statement, e, Certificates.box(problem, box)).isEmpty()) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static boolean shows(Goal goal, Interval r) {
    if (goal.claim().equation()) {
      return r.lo() == 0 && r.hi() == 0;
    }
    return goal.claim().strict() ? r.certainlyPositive() : r.certainlyNonNegative();
  }
}

package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.interval.Interval;

/**
 * Looks for counterexamples in a box: evaluates the claim at a few exact rational points (the
 * centre and pseudo-random points seeded by the box path, so runs are reproducible), keeps points
 * where the interval evaluation shows every hypothesis holding and the claim failing, and hands
 * them to the {@link PointCertifier}; only a certified point is ever returned.
 */
final class Refuter {
  private static final int GRID = 1 << 20;
  private final Problem problem;
  private final Enclosures enclosures;
  private final PointCertifier certifier;

  Refuter(Problem problem, Enclosures enclosures, PointCertifier certifier) {
    this.problem = problem;
    this.enclosures = enclosures;
    this.certifier = certifier;
  }

  Optional<Counterexample> search(Box box, Goal goal, int samples) {
    SplittableRandom random = new SplittableRandom(box.path().hashCode() * 31L + goal.index());
    for (int s = 0; s < samples; s++) {
      List<BigFraction> point = new ArrayList<>();
      for (int i = 0; i < box.dimension(); i++) {
        BigFraction t = s == 0 ? BigFraction.of(1, 2) : BigFraction.of(random.nextInt(GRID + 1), GRID);
        point.add(box.lo().get(i).add(box.width(i).multiply(t)));
      }
      Optional<Counterexample> c = tryPoint(point, goal);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /** The certified counterexample at {@code point}, if the point is one. */
  Optional<Counterexample> tryPoint(List<BigFraction> point, Goal goal) {
    Interval[] x = new Interval[point.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = Interval.of(point.get(i));
    }
    if (!violated(goal, x)) {
      return Optional.empty();
    }
    Map<String, BigFraction> named = new LinkedHashMap<>();
    for (int i = 0; i < point.size(); i++) {
      named.put(problem.variables().get(i), point.get(i));
    }
    return certifier.certify(goal.index(), named);
  }

  /** Every hypothesis certainly holds on x, the claim is defined there and certainly fails. */
  boolean violated(Goal goal, Interval[] x) {
    for (int j = 0; j < enclosures.hypothesisCount(); j++) {
      Interval h = enclosures.hypothesis(j, x);
      boolean holds = problem.hypotheses().get(j).strict() ? h.certainlyPositive()
          : h.certainlyNonNegative();
      if (!holds) {
        return false;
      }
    }
    if (!enclosures.defined(goal.index(), x)) {
      return false;
    }
    Interval f = enclosures.difference(goal.index(), x);
    if (goal.claim().equation()) {
      return f.certainlyPositive() || f.certainlyNegative();
    }
    return goal.claim().strict() ? f.certainlyNonPositive() : f.certainlyNegative();
  }
}

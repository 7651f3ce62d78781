package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.UnderHypotheses;
import org.eoscheck.expr.Derivative;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Expr;
import org.eoscheck.interval.Interval;
import org.eoscheck.interval.IntervalEnclosure;
import org.eoscheck.interval.IntervalFunction;
import org.eoscheck.interval.IntervalCompiler;

/**
 * The interval view of a problem: enclosures of every hypothesis, every claim's difference f, its
 * residual and definedness guards, compiled once and shared by all threads (they are stateless).
 */
final class Enclosures {
  private final List<IntervalEnclosure> hypotheses = new ArrayList<>();
  private final List<IntervalEnclosure> differences = new ArrayList<>();
  private final List<IntervalEnclosure> residuals = new ArrayList<>();
  private final List<List<GuardCheck>> guards = new ArrayList<>();
  /** Per goal, the guards of the claim's difference f and of its domain. */
  private final List<List<GuardCheck>> differenceGuards = new ArrayList<>();
  private final List<List<IntervalFunction>> residualGradients = new ArrayList<>();
  /** Per goal: the residual with hypotheses abstracted (natural only), and which hypotheses. */
  private final List<IntervalFunction> underHypotheses = new ArrayList<>();
  private final List<int[]> atoms = new ArrayList<>();
  /** Per goal, how many parameters (each over [0, 1]) follow the variables in its residual. */
  private final List<Integer> parameterCounts = new ArrayList<>();
  private static final Interval UNIT = Interval.of(BigFraction.ZERO, BigFraction.ONE);

  private record GuardCheck(IntervalEnclosure enclosure, Definedness.Requirement requirement) {
    /** The natural extension first; the tighter enclosure only when that does not suffice. */
    boolean holds(Interval[] x) {
      return satisfied(enclosure.natural(x)) || satisfied(enclosure.enclose(x));
    }

    private boolean satisfied(Interval v) {
      return switch (requirement) {
        case NONZERO -> v.certainlyPositive() || v.certainlyNegative();
        case NONNEGATIVE -> v.certainlyNonNegative();
        case POSITIVE -> v.certainlyPositive();
      };
    }
  }

  Enclosures(Problem problem, List<Goal> goals) {
    for (Problem.Hypothesis h : problem.hypotheses()) {
      hypotheses.add(IntervalEnclosure.of(h.expr(), problem.variables()));
    }
    for (Goal g : goals) {
      differences.add(IntervalEnclosure.of(g.difference(), problem.variables()));
      List<String> vars = new ArrayList<>(problem.variables());
      vars.addAll(g.parameters());
      parameterCounts.add(g.parameters().size());
      residuals.add(IntervalEnclosure.of(g.residual(), vars));
      List<String> withAtoms = new ArrayList<>(vars);
      List<Integer> used = new ArrayList<>();
      java.util.Set<String> free = Exprs.variables(g.underHypotheses());
      for (int j = 0; j < problem.hypotheses().size(); j++) {
        if (free.contains(UnderHypotheses.atom(j))) {
          withAtoms.add(UnderHypotheses.atom(j));
          used.add(j);
        }
      }
      atoms.add(used.stream().mapToInt(Integer::intValue).toArray());
      underHypotheses.add(used.isEmpty() ? null : IntervalCompiler.compile(g.underHypotheses(), withAtoms));
      List<GuardCheck> gs = new ArrayList<>();
      java.util.Set<Definedness.Guard> all = new java.util.LinkedHashSet<>();
      for (Expr e : g.defined()) {
        all.addAll(Definedness.guards(e));
      }
      all.addAll(Definedness.guards(g.residual()));
      for (Definedness.Guard guard : all) {
        gs.add(new GuardCheck(IntervalEnclosure.of(guard.expr(), vars), guard.requirement()));
      }
      guards.add(gs);
      List<GuardCheck> own = new ArrayList<>();
      java.util.Set<Definedness.Guard> claimGuards =
          new java.util.LinkedHashSet<>(Definedness.guards(g.difference()));
      for (Expr e : g.claim().domain()) {
        claimGuards.addAll(Definedness.guards(e)); // where the claim must be defined, too
      }
      for (Definedness.Guard guard : claimGuards) {
        own.add(new GuardCheck(IntervalEnclosure.of(guard.expr(), problem.variables()),
            guard.requirement()));
      }
      differenceGuards.add(own);
      List<IntervalFunction> grad = new ArrayList<>();
      for (String v : vars) {
        Expr d = derivativeOrNull(g.residual(), v);
        grad.add(d == null ? null : IntervalCompiler.compile(d, vars));
      }
      residualGradients.add(grad);
    }
  }

  private static Expr derivativeOrNull(Expr e, String v) {
    try {
      return Derivative.of(e, v);
    } catch (IllegalArgumentException notDifferentiable) {
      return null;
    }
  }

  static Interval[] intervals(Box b) {
    Interval[] x = new Interval[b.dimension()];
    for (int i = 0; i < x.length; i++) {
      BigFraction lo = b.lo().get(i);
      BigFraction hi = b.hi().get(i);
      x[i] = lo != null && hi != null ? Interval.of(lo, hi) : new Interval(
          lo == null ? Double.NEGATIVE_INFINITY : Interval.of(lo).lo(),
          hi == null ? Double.POSITIVE_INFINITY : Interval.of(hi).hi());
    }
    return x;
  }

  int hypothesisCount() {
    return hypotheses.size();
  }

  Interval hypothesis(int j, Interval[] x) {
    return hypotheses.get(j).enclose(x);
  }

  Interval difference(int goal, Interval[] x) {
    return differences.get(goal).enclose(x);
  }

  /** The natural enclosures of hypothesis j and of the difference: enough at a point. */
  Interval naturalHypothesis(int j, Interval[] x) {
    return hypotheses.get(j).natural(x);
  }

  Interval naturalDifference(int goal, Interval[] x) {
    return differences.get(goal).natural(x);
  }

  Interval residual(int goal, Interval[] x) {
    return residuals.get(goal).enclose(extended(goal, x));
  }

  /** The natural extension of the residual alone (cheaper; the kernel replays it as such). */
  Interval naturalResidual(int goal, Interval[] x) {
    return residuals.get(goal).natural(extended(goal, x));
  }

  /**
   * The natural enclosure of the residual at the points of the box where the hypotheses hold
   * (each hypothesis occurring in it clipped to [0, oo)); null if no hypothesis occurs in it.
   */
  Interval residualUnderHypotheses(int goal, Interval[] x) {
    IntervalFunction f = underHypotheses.get(goal);
    if (f == null) {
      return null;
    }
    Interval[] y = extended(goal, x);
    int[] used = atoms.get(goal);
    Interval[] z = java.util.Arrays.copyOf(y, y.length + used.length);
    for (int k = 0; k < used.length; k++) {
      Interval h = hypotheses.get(used[k]).natural(x);
      if (h.isEntire() || h.hi() < 0) {
        return Interval.ENTIRE;
      }
      z[y.length + k] = new Interval(Math.max(h.lo(), 0), h.hi());
    }
    return f.eval(z);
  }

  /** The box with the goal's parameters, each over [0, 1], appended. */
  private Interval[] extended(int goal, Interval[] x) {
    int p = parameterCounts.get(goal);
    if (p == 0) {
      return x;
    }
    Interval[] y = java.util.Arrays.copyOf(x, x.length + p);
    java.util.Arrays.fill(y, x.length, y.length, UNIT);
    return y;
  }

  /** Whether the claim's difference and residual are certainly defined on the whole box. */
  boolean defined(int goal, Interval[] x) {
    Interval[] y = extended(goal, x);
    for (GuardCheck g : guards.get(goal)) {
      if (!g.holds(y)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the claim (f and its domain) is certainly defined at a point (natural enclosures). */
  boolean definedDifference(int goal, Interval[] x) {
    for (GuardCheck g : differenceGuards.get(goal)) {
      if (!g.satisfied(g.enclosure().natural(x))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The smear of the residual in variable i: max |d R / d x_i| over the box times the width of
   * x_i, an estimate of how much splitting x_i can help; NaN when unknown.
   */
  double smear(int goal, int i, Interval[] x) {
    IntervalFunction d = residualGradients.get(goal).get(i);
    if (d == null) {
      return Double.NaN;
    }
    Interval di = d.eval(extended(goal, x));
    double m = Math.max(Math.abs(di.lo()), Math.abs(di.hi()));
    return m * x[i].width();
  }
}

package org.eoscheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.simulate.FlowComparison;
import org.eoscheck.simulate.Outcome;
import org.eoscheck.simulate.Precision;
import org.eoscheck.simulate.SimulationOptions;
import org.eoscheck.simulate.StepRecord;
import org.eoscheck.simulate.StepSizeSweep;
import org.eoscheck.simulate.Sweep;
import org.eoscheck.simulate.Trajectory;

/** The human-readable summary of a run or a sweep, as printed by {@code eoscheck simulate}. */
public final class SimulationText {
  /** At most this many records are shown in the table. */
  public static final int TABLE_ROWS = 21;

  private SimulationText() {}

  static String g(double x) {
    if (Double.isNaN(x)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.6g", x);
  }

  /** The provenance lines: which arithmetic and method produced which figure. */
  public static String provenance(Map<String, String> provenance) {
    StringBuilder b = new StringBuilder("figures:\n");
    provenance.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
    return b.toString();
  }

  /** The table of (at most {@link #TABLE_ROWS}) records and the verdict on the run. */
  public static String trajectory(Trajectory t, SimulationOptions options) {
    double eta = options.etaValue();
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%8s %13s %13s %12s %9s %12s %9s %11s%n", "step", "loss",
        "residual", "sharpness", "eta*sharp", "phi", "eta*phi", "|grad L|"));
    List<StepRecord> rs = t.records();
    List<StepRecord> shown = sample(rs, TABLE_ROWS);
    for (StepRecord r : shown) {
      b.append(String.format(Locale.ROOT, "%8d %13s %13s %12s %9s %12s %9s %11s%n", r.step(),
          g(r.loss()), g(r.residual()), g(r.sharpness()), g(eta * r.sharpness()), g(r.phi()),
          g(eta * r.phi()), g(r.gradientNorm())));
    }
    if (shown.size() < rs.size()) {
      b.append("(").append(shown.size()).append(" of ").append(rs.size())
          .append(" records shown; --csv or --json writes all)\n");
    }
    b.append(verdict(t, options));
    return b.toString();
  }

  private static List<StepRecord> sample(List<StepRecord> rs, int max) {
    if (rs.size() <= max) {
      return rs;
    }
    List<StepRecord> out = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      out.add(rs.get((int) Math.round((double) i * (rs.size() - 1) / (max - 1))));
    }
    return out;
  }

  private static String verdict(Trajectory t, SimulationOptions options) {
    double eta = options.etaValue();
    StringBuilder b = new StringBuilder();
    StepRecord last = t.last();
    String how;
    switch (t.outcome()) {
      case CONVERGED:
        how = "converged after " + t.stepsRun() + " steps (|theta_t - theta_t-1| <= "
            + g(options.tolerance()) + " max(1, |theta|))";
        break;
      case PERIOD_TWO:
        how = "period-2 oscillation reached after " + t.stepsRun() + " steps";
        break;
      case DIVERGED:
        how = "diverged at step " + t.stepsRun();
        break;
      default:
        how = "bounded, not convergent within " + t.stepsRun() + " steps";
    }
    b.append("outcome: ").append(how).append('\n');
    if (t.outcome() != Outcome.DIVERGED) {
      double s = last.sharpness();
      String stable = !(eta * s <= 2) ? "> 2: not linearly stable" : "<= 2: linearly stable";
      b.append(String.format(Locale.ROOT,
          "%s: loss %s, sharpness %s = %s * 2/eta (eta*sharpness = %s %s)%n",
          t.outcome() == Outcome.CONVERGED ? "limit" : "last step", g(last.loss()), g(s),
          g(eta * s / 2), g(eta * s), stable));
    }
    StepRecord first = t.first();
    if (!Double.isNaN(first.phi()) || !Double.isNaN(last.phi())) {
      b.append(String.format(Locale.ROOT,
          "GFS sharpness phi: %s at the start (eta*phi = %s), %s at the end%n", g(first.phi()),
          g(eta * first.phi()), g(last.phi())));
    }
    int increases = 0;
    int noise = 0;
    int changes = 0;
    double largest = Double.NEGATIVE_INFINITY;
    for (StepRecord r : t.records()) {
      if (!Double.isNaN(r.phiChange())) {
        changes++;
        largest = Math.max(largest, r.phiChange());
        if (r.phiChange() > resolution(r.phi(), options)) {
          increases++;
        } else if (r.phiChange() > 0) {
          noise++;
        }
      }
    }
    if (changes > 0) {
      b.append(String.format(Locale.ROOT,
          "phi increased in %d of %d recorded steps beyond rounding, in %d more at rounding level"
              + " (largest change %s; %s arithmetic)%n",
          increases, changes, noise, g(largest), options.precision().label()));
    }
    Trajectory.PhiRises rises = t.phiRises();
    if (changes == 0 && rises.intervals() > 0) {
      b.append(String.format(Locale.ROOT,
          "phi rose in %d of %d intervals between recorded values (largest rise %s)%n",
          rises.rises(), rises.intervals(), g(rises.largestRise())));
    }
    List<String> names = t.invariantNames();
    if (!names.isEmpty()) {
      b.append("invariants at the end:");
      for (int i = 0; i < names.size(); i++) {
        b.append(' ').append(names.get(i)).append(" = ").append(g(last.invariants()[i]));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /**
   * The rounding level of a change of phi: 8 ulps in double, 10^-(digits - 3) relative in high
   * precision. Smaller changes are not resolved by the arithmetic.
   */
  public static double resolution(double phi, SimulationOptions options) {
    return options.precision() == Precision.DOUBLE ? 8 * Math.ulp(phi)
        : Math.abs(phi) * Math.pow(10, -(options.digits() - 3));
  }

  /** Outcome counts and the distribution of limit sharpness of a sweep. */
  public static String sweep(Sweep.Summary s, int runs) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT,
        "outcomes of %d runs: converged %d, period-2 %d, bounded (not convergent) %d, diverged %d%n",
        runs, s.counts().get(Outcome.CONVERGED), s.counts().get(Outcome.PERIOD_TWO),
        s.counts().get(Outcome.BOUNDED), s.counts().get(Outcome.DIVERGED)));
    Sweep.Distribution d = s.limitSharpness();
    if (d.count() > 0) {
      b.append(String.format(Locale.ROOT,
          "limit sharpness of the converged runs: min %s, q1 %s, median %s, q3 %s, max %s;"
              + " %d of %d <= 2/eta = %s%n",
          g(d.min()), g(d.q1()), g(d.median()), g(d.q3()), g(d.max()), s.stableLimits(),
          d.count(), g(s.twoOverEta())));
    }
    return b.toString();
  }

  /**
   * One line per step size: outcome counts and converged share over many initial points, or,
   * from one initial point, its outcome and limit sharpness against phi(theta_0).
   */
  public static String stepSizes(List<StepSizeSweep.Row> rows, boolean oneInit) {
    StringBuilder b = new StringBuilder();
    if (oneInit) {
      b.append(String.format(Locale.ROOT, "%10s %10s %9s %8s %12s %10s %12s %12s%n", "eta", "2/eta",
          "outcome", "steps", "sharpness", "eta*sharp", "phi(theta0)", "sharp/phi0"));
      for (StepSizeSweep.Row r : rows) {
        Sweep.Run run = r.runs().get(0);
        boolean diverged = run.outcome() == Outcome.DIVERGED;
        b.append(String.format(Locale.ROOT, "%10s %10s %9s %8d %12s %10s %12s %12s%n", exact(r.eta()),
            g(2 / r.etaValue()), run.outcome().label(), run.steps(),
            diverged ? "-" : g(run.sharpness()), diverged ? "-" : g(r.etaValue() * run.sharpness()),
            g(run.phiStart()), g(r.sharpnessRatio())));
      }
      b.append("sharpness: at the limit (or the last step unless converged); sharp/phi0: limit"
          + " sharpness over the GF-solution sharpness from the initial point (converged runs)\n");
      return b.toString();
    }
    b.append(String.format(Locale.ROOT, "%10s %10s %9s %9s %9s %9s %10s %14s%n", "eta", "2/eta",
        "converged", "period-2", "bounded", "diverged", "conv.share", "median limit"));
    for (StepSizeSweep.Row r : rows) {
      b.append(String.format(Locale.ROOT, "%10s %10s %9d %9d %9d %9d %10.4f %14s%n", exact(r.eta()),
          g(2 / r.etaValue()), r.summary().counts().get(Outcome.CONVERGED),
          r.summary().counts().get(Outcome.PERIOD_TWO), r.summary().counts().get(Outcome.BOUNDED),
          r.summary().counts().get(Outcome.DIVERGED), r.convergedFraction(),
          g(r.summary().limitSharpness().median())));
    }
    b.append("median limit: median sharpness of the converged runs' limits\n");
    return b.toString();
  }

  /** An exact rational as a terminating decimal where it is one, else as p/q. */
  static String exact(BigFraction x) {
    try {
      return new java.math.BigDecimal(x.getNumerator())
          .divide(new java.math.BigDecimal(x.getDenominator())).stripTrailingZeros().toPlainString();
    } catch (ArithmeticException e) {
      return rational(x);
    }
  }

  /** An exact rational as p/q (or p when q = 1), as the lemma language writes it. */
  public static String rational(BigFraction x) {
    return x.getDenominator().equals(java.math.BigInteger.ONE) ? x.getNumerator().toString()
        : x.getNumerator() + "/" + x.getDenominator();
  }

  /** The compared steps of one flow comparison: tau, Phi(theta_t), X(tau), their distance. */
  public static String flowSamples(FlowComparison c) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%10s %10s  %-28s %-28s %12s%n", "step", "tau",
        "Phi(theta_t)", "X(tau)", "distance"));
    for (FlowComparison.Sample s : c.samples()) {
      b.append(String.format(Locale.ROOT, "%10d %10s  %-28s %-28s %12s%n", s.step(), g(s.tau()),
          point(s.projection()), point(s.flow()), g(s.error())));
    }
    return b.toString();
  }

  private static String point(double[] x) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < x.length && i < 3; i++) {
      parts.add(Math.abs(x[i]) < 1e-9 ? "0" : String.format(Locale.ROOT, "%.7g", x[i]));
    }
    return "(" + String.join(", ", parts) + (x.length > 3 ? ", ..." : "") + ")";
  }

  /**
   * One line per step size: steps, the largest distance |Phi(theta_t) - X(eta^2 t)|, its ratio to
   * the previous line's and the observed order log(ratio) / log(eta ratio).
   */
  public static String flowSummary(List<FlowComparison> comparisons) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%10s %10s %14s %12s %8s%n", "eta", "steps", "max distance",
        "ratio", "order"));
    FlowComparison prev = null;
    for (FlowComparison c : comparisons) {
      double e = c.maxError();
      String ratio = "-";
      String order = "-";
      if (prev != null) {
        double r = prev.maxError() / e;
        ratio = g(r);
        order = String.format(Locale.ROOT, "%.2f",
            Math.log(r) / Math.log(prev.eta().doubleValue() / c.eta().doubleValue()));
      }
      b.append(String.format(Locale.ROOT, "%10s %10d %14s %12s %8s%n", exact(c.eta()),
          c.steps(), g(e), ratio, order));
      prev = c;
    }
    b.append("max distance: largest |Phi(theta_t) - X(eta^2 t)| over the compared steps; ratio: the"
        + " previous line's over this one; order: log(ratio) / log(ratio of the step sizes)\n");
    return b.toString();
  }
}

package org.eoscheck.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.model.Model;

/**
 * One GD setting run at several step sizes, from the same initial points at every step size.
 *
 * <p>Over many random initial points the converged fraction against eta shows the sharp
 * transition at the critical step size eta* = 2 / inf {lambda_max(Hess L) on the minimisers}
 * (Craciun, Ghoshdastidar 2024): above it GD converges only from a null set (eta* = 2/D for the
 * scalar chain with target 1). From one initial point, the limit sharpness over the sharpness phi
 * of the gradient-flow solution from that point shows how much flatter GD ends than gradient flow
 * (Beneventano, Woodworth 2025: the two-layer limit is sqrt(4 Phi^2 + P_0 prod_t (1 - eta^2
 * eps_t^2)^2) against phi = sqrt(4 Phi^2 + P_0)).
 */
public final class StepSizeSweep {
  /** The runs at one step size and their summary. */
  public record Row(BigFraction eta, List<Sweep.Run> runs, Sweep.Summary summary) {
    public Row {
      runs = List.copyOf(runs);
    }

    public double etaValue() {
      return eta.doubleValue();
    }

    /** The share of runs that converged. */
    public double convergedFraction() {
      return (double) summary.counts().get(Outcome.CONVERGED) / runs.size();
    }

    /** The share of runs with outcome {@code o}. */
    public double fraction(Outcome o) {
      return (double) summary.counts().get(o) / runs.size();
    }

    /**
     * The first run's limit sharpness over the GF-solution sharpness at its start (NaN unless it
     * converged): below 1, GD ended at a flatter minimiser than gradient flow would have.
     */
    public double sharpnessRatio() {
      Sweep.Run r = runs.get(0);
      return r.outcome() == Outcome.CONVERGED ? r.sharpness() / r.phiStart() : Double.NaN;
    }
  }

  private StepSizeSweep() {}

  /**
   * Runs {@code base} (its step size replaced) at every step size of {@code etas} from every point
   * of {@code inits}, the runs of one step size on {@code threads} threads; {@code progress} gets
   * the number of finished runs over all step sizes.
   *
   * @param model the symbolic model, or null for purely numeric dynamics
   */
  public static List<Row> run(Model model, Dynamics dynamics, SimulationOptions base,
      List<BigFraction> etas, List<double[]> inits, int threads, IntConsumer progress)
      throws InterruptedException {
    List<Row> rows = new ArrayList<>();
    for (BigFraction eta : etas) {
      Simulator sim = new Simulator(model, dynamics, base.withEta(eta));
      int offset = rows.size() * inits.size();
      List<Sweep.Run> runs = Sweep.run(sim, inits, threads,
          progress == null ? null : n -> progress.accept(offset + n));
      rows.add(new Row(eta, runs, Sweep.Summary.of(runs, eta.doubleValue())));
    }
    return rows;
  }
}

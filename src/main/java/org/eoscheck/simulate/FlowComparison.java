package org.eoscheck.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * Normalised GD (or GD on sqrt(L)) against its {@link LimitingFlow} (Arora, Li, Panigrahi, ICML
 * 2022): the method runs with step eta from theta_0 for N = round(T / eta^2) steps, and at
 * {@code intervals + 1} evenly spaced steps t_j the gradient-flow projection Phi(theta_t) (the
 * limit of gradient flow from theta_t, by integration: {@link GradientFlow}) is compared with the
 * limiting flow X(eta^2 t_j) from X(0) = Phi(theta_0). The iterate itself oscillates across the
 * manifold of minimisers with amplitude O(eta); its projection moves slowly, along the flow, and
 * the distance |Phi(theta_t) - X(eta^2 t)| shrinks as eta -> 0.
 *
 * @param samples the compared steps, in order
 */
public record FlowComparison(BigFraction eta, Method method, double tauEnd, int steps,
    List<Sample> samples) {

  /**
   * One compared step: t, tau = eta^2 t, the iterate theta_t, its projection Phi(theta_t), the
   * flow X(tau) and the Euclidean distance of the last two (NaN where a figure is missing: a
   * diverged run, or gradient flow not reaching {@link GradientFlow#GRADIENT_TOLERANCE}).
   */
  public record Sample(int step, double tau, double[] iterate, double[] projection, double[] flow,
      double error) {}

  public FlowComparison {
    samples = List.copyOf(samples);
  }

  /** The largest distance over the samples (NaN if any is NaN). */
  public double maxError() {
    double max = 0;
    for (Sample s : samples) {
      if (Double.isNaN(s.error())) {
        return Double.NaN;
      }
      max = Math.max(max, s.error());
    }
    return max;
  }

  /**
   * Runs the comparison in double precision up to time {@code tauEnd} with {@code intervals}
   * intervals between samples.
   */
  public static FlowComparison run(Dynamics d, Method method, BigFraction eta, double[] init,
      double tauEnd, int intervals) {
    if (!(tauEnd > 0) || intervals < 1) {
      throw new IllegalArgumentException("the flow comparison needs a positive time and at least"
          + " one interval");
    }
    LimitingFlow flow = new LimitingFlow(d, method);
    double h = eta.doubleValue();
    long n = Math.round(tauEnd / (h * h));
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("tau = " + tauEnd + " needs " + n + " steps of eta = " + h);
    }
    int steps = (int) n;
    int[] at = new int[intervals + 1];
    double[] taus = new double[intervals + 1];
    for (int j = 0; j <= intervals; j++) {
      at[j] = (int) Math.round((double) j * steps / intervals);
      taus[j] = h * h * at[j];
    }
    double[][] iterates = iterate(d, method, h, init, at);
    double[][] projections = new double[at.length][];
    for (int j = 0; j < at.length; j++) {
      projections[j] = project(d, iterates[j]);
    }
    double[][] path = flow.solve(projections[0], taus);
    List<Sample> samples = new ArrayList<>();
    for (int j = 0; j < at.length; j++) {
      samples.add(new Sample(at[j], taus[j], iterates[j], projections[j], path[j],
          distance(projections[j], path[j])));
    }
    return new FlowComparison(eta, method, tauEnd, steps, samples);
  }

  /** The iterates at the (non-decreasing) steps {@code at}; NaN rows after a divergence. */
  private static double[][] iterate(Dynamics d, Method method, double eta, double[] init, int[] at) {
    int n = init.length;
    double[][] out = new double[at.length][];
    double[] x = init.clone();
    double[] next = new double[n];
    double[] grad = new double[n];
    int t = 0;
    for (int j = 0; j < at.length; j++) {
      while (t < at[j] && finite(x)) {
        method.step(d, eta, x, grad, next);
        double[] swap = x;
        x = next;
        next = swap;
        t++;
      }
      out[j] = finite(x) ? x.clone() : nan(n);
    }
    return out;
  }

  private static boolean finite(double[] x) {
    return Arrays.stream(x).allMatch(v -> Math.abs(v) <= Simulator.DIVERGENCE_BOUND);
  }

  private static double[] nan(int n) {
    double[] x = new double[n];
    Arrays.fill(x, Double.NaN);
    return x;
  }

  /** Phi(x): where gradient flow from x ends, or NaN where it does not get there. */
  static double[] project(Dynamics d, double[] x) {
    if (!finite(x)) {
      return nan(x.length);
    }
    GradientFlow.Limit limit = GradientFlow.limit(d, x, Sharpness.Mode.DENSE);
    return limit.converged() ? limit.point() : nan(x.length);
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double e = a[i] - b[i];
      s += e * e;
    }
    return Math.sqrt(s);
  }
}

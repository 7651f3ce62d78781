package org.eoscheck.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eoscheck.simulate.Method;
import org.eoscheck.simulate.ScalarDynamics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One GD step of the depth-D scalar network L(w) = (w_1 ... w_D - 1)^2 / 2 (Kreisler, Nacson,
 * Soudry, Carmon, ICML 2023) and the sharpness phi(w) = sum_i 1 / (w_i^2 + delta*) of the
 * gradient-flow solution from the new point, as the simulator computes it
 * ({@link ScalarDynamics#gfsSharpness}: closed form at D = 2, Newton on the root form of
 * prod (w_i^2 + delta) = 1 otherwise). Baselines in the same run: the GD step alone, and a
 * naive phi by bisection for delta* (60 halvings). Start w_i = 1 + 0.5 sin(i + 1), eta = 1/(2D),
 * as bench/simulate.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GdPhiBenchmark {
  @Param({"2", "3", "10"})
  public int depth;

  private ScalarDynamics dynamics;
  private double[] w;
  private double[] grad;
  private double[] next;
  private double eta;

  @Setup
  public void setUp() {
    List<String> names = new java.util.ArrayList<>();
    w = new double[depth];
    for (int i = 0; i < depth; i++) {
      names.add("w" + (i + 1));
      w[i] = 1 + 0.5 * Math.sin(i + 1);
    }
    dynamics = new ScalarDynamics(depth, 1, names);
    grad = new double[depth];
    next = new double[depth];
    eta = 1.0 / (2 * depth);
    Method.GD.step(dynamics, eta, w, grad, next);
    double fast = dynamics.gfsSharpness(next);
    double naive = phiByBisection(next);
    if (!(Math.abs(fast - naive) <= 1e-12 * fast)) { // a correctness guard, not a timing
      throw new IllegalStateException("phi " + fast + " vs bisection " + naive);
    }
  }

  /** Baseline: the GD step alone (a plain double loop over the coordinates). */
  @Benchmark
  public double gdStep() {
    Method.GD.step(dynamics, eta, w, grad, next);
    return next[0];
  }

  /** The GD step and phi at the new point, as the simulator does every step. */
  @Benchmark
  public double gdStepPhi() {
    Method.GD.step(dynamics, eta, w, grad, next);
    return dynamics.gfsSharpness(next);
  }

  /** Naive baseline: the GD step and phi with delta* by bisection. */
  @Benchmark
  public double gdStepPhiBisection() {
    Method.GD.step(dynamics, eta, w, grad, next);
    return phiByBisection(next);
  }

  /**
   * phi(w) = sum 1 / (v_i + s) with v = w^2 - min w^2 and s in (0, 1] the root of
   * prod (v_i + s) = 1 (p(0) = 0 as min v = 0, p(1) >= 1), by bisection to the last bit.
   */
  static double phiByBisection(double[] w) {
    int n = w.length;
    double[] v = new double[n];
    double m = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      v[i] = w[i] * w[i];
      m = Math.min(m, v[i]);
    }
    for (int i = 0; i < n; i++) {
      v[i] -= m;
    }
    double lo = 0;
    double hi = 1;
    for (int k = 0; k < 60; k++) {
      double mid = (lo + hi) / 2;
      double p = 1;
      for (double x : v) {
        p *= x + mid;
      }
      if (p < 1) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double s = (lo + hi) / 2;
    double sum = 0;
    for (double x : v) {
      sum += 1 / (x + s);
    }
    return sum;
  }
}

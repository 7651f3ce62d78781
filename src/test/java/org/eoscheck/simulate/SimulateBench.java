package org.eoscheck.simulate;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Exprs;
import org.eoscheck.model.ScalarNetwork;

/**
 * Benchmark (not a test; run by bench/simulate.sh): GD steps per second on one thread for scalar
 * networks of depth 2, 3 and 10, with the GF-solution sharpness phi every step, with phi and the
 * exact sharpness lambda_max (structured secular equation, or the O(D^2) Hessian with a dense
 * symmetric eigen-solve), and the full simulator recording every step. Rates are per CPU-second
 * of the measuring thread (best of three), so other load on the machine matters little. Prints
 * one line per figure: "depth kernel steps_per_second checksum".
 */
public final class SimulateBench {
  /** CPU time of this thread: steps per CPU-second, robust to other load on the machine. */
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private SimulateBench() {}

  /** The start used by bench/numpy_gd.py too: w_i = 1 + 0.5 sin(i + 1), eta = 1 / (2 D). */
  static double[] start(int depth) {
    double[] w = new double[depth];
    for (int i = 0; i < depth; i++) {
      w[i] = 1 + 0.5 * Math.sin(i + 1);
    }
    return w;
  }

  private interface Kernel {
    double run(ScalarDynamics d, double[] w0, double eta, int steps);
  }

  private static double loop(ScalarDynamics d, double[] w0, double eta, int steps, int what) {
    int n = w0.length;
    double[] w = w0.clone();
    double[] next = new double[n];
    double[] g = new double[n];
    double sum = 0;
    for (int t = 0; t < steps; t++) {
      Method.GD.step(d, eta, w, g, next);
      double[] tmp = w;
      w = next;
      next = tmp;
      sum += d.gfsSharpness(w);
      if (what == 1) {
        sum += d.structuredSharpness(w);
      } else if (what == 2) {
        sum += Sharpness.dense(d.hessian(w));
      }
    }
    return sum;
  }

  private static double simulator(ScalarDynamics d, double[] w0, double eta, int steps) {
    ScalarNetwork net = new ScalarNetwork(w0.length, Exprs.ONE);
    Simulator sim = new Simulator(net, d,
        SimulationOptions.gd(BigFraction.from(eta), steps).withStopEarly(false));
    List<BigFraction> start = new ArrayList<>();
    for (double x : w0) {
      start.add(BigFraction.from(x));
    }
    Trajectory t = sim.run(start, null);
    return t.last().phi() + t.records().size();
  }

  private static void measure(int depth, String name, Kernel k, int steps) {
    ScalarNetwork net = new ScalarNetwork(depth, Exprs.ONE);
    ScalarDynamics d = new ScalarDynamics(depth, 1, net.parameters());
    double[] w0 = start(depth);
    double eta = 1.0 / (2 * depth);
    k.run(d, w0, eta, steps / 5); // warm-up
    k.run(d, w0, eta, steps / 5);
    double best = 0;
    double check = 0;
    for (int rep = 0; rep < 3; rep++) {
      long t0 = CPU.getCurrentThreadCpuTime();
      check = k.run(d, w0, eta, steps);
      double rate = steps / ((CPU.getCurrentThreadCpuTime() - t0) / 1e9);
      best = Math.max(best, rate);
    }
    System.out.printf(Locale.ROOT, "%d %s %.4g %.10g%n", depth, name, best, check);
  }

  /** "check": the checksums of 1000 steps of each loop, to compare with numpy; else a scale. */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("check")) {
      for (int depth : new int[] {2, 3, 10}) {
        ScalarNetwork net = new ScalarNetwork(depth, Exprs.ONE);
        ScalarDynamics d = new ScalarDynamics(depth, 1, net.parameters());
        for (int what = 0; what < 3; what++) {
          System.out.printf(Locale.ROOT, "%d check%d %.15g%n", depth, what,
              loop(d, start(depth), 1.0 / (2 * depth), 1000, what));
        }
      }
      return;
    }
    double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1;
    for (int depth : new int[] {2, 3, 10}) {
      measure(depth, "gd+phi", (d, w, e, s) -> loop(d, w, e, s, 0), (int) (2_000_000 * scale));
      measure(depth, "gd+phi+lambda_structured", (d, w, e, s) -> loop(d, w, e, s, 1),
          (int) (1_000_000 * scale));
      measure(depth, "gd+phi+lambda_dense", (d, w, e, s) -> loop(d, w, e, s, 2),
          (int) (100_000 * scale));
      measure(depth, "simulator_every_step", SimulateBench::simulator, (int) (200_000 * scale));
    }
  }
}

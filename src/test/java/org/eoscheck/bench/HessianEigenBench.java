package org.eoscheck.bench;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.eoscheck.simulate.Lanczos;
import org.eoscheck.simulate.Sharpness;
import org.eoscheck.simulate.TanhNetwork;

/**
 * Benchmark (not a test; run by bench/run part 6): the top eigenvalue lambda_max of the Hessian
 * of a tanh network ({@link TanhNetwork}, exact Hessian-vector products by Pearlmutter's
 * R-operator) by {@link Lanczos} (with {@link Sharpness#LANCZOS_TOLERANCE}, as the simulator
 * uses it, on {@link TanhNetwork#hessianAt}: the passes at theta done once), and, for the smaller network, by a dense symmetric eigen-solve of the Hessian
 * assembled from n products ({@link Sharpness#dense}, Hipparchus). bench/hessian_eig.py computes
 * the same eigenvalue with scipy's eigsh (ARPACK) on its own numpy R-operator and with
 * numpy.linalg.eigvalsh on its own dense Hessian, from the data this program writes.
 *
 * <p>Usage: {@code HessianEigenBench DIR REPEATS NAME:WIDTHS:SAMPLES:DENSE ...}, WIDTHS as
 * {@code 20x100x80x1}, DENSE {@code dense} or {@code nodense}. For each network writes
 * {@code DIR/NAME.bin} (big-endian doubles: inputs, targets, theta, a probe v and Hess L v) and
 * prints one JSON line: the eigenvalues, Lanczos steps and residual, and CPU seconds of this
 * thread (median, min, max of REPEATS after untimed warm-up runs: two and at least 2 s) of
 * one Hessian-vector product from scratch ({@code hvp_seconds}, all passes, as numpy's operator
 * does it), of one product of the operator at theta ({@code hvp_at_seconds}), of Lanczos, of
 * assembling the dense Hessian and of its eigen-solve.
 */
public final class HessianEigenBench {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  /** Seeds: data, the point theta (LeCun normal), the probe vector. */
  private static final long DATA_SEED = 7;
  private static final long POINT_SEED = 11;
  private static final long PROBE_SEED = 13;
  private static final long LANCZOS_SEED = 20230723L;
  private static final int LANCZOS_MAX_STEPS = 300;
  private static final double WARM_UP_SECONDS = 2;

  private HessianEigenBench() {}

  /** The value of one run and the CPU seconds of each run. */
  private record Timed(double value, double[] seconds) {
    String json() {
      double[] s = seconds.clone();
      Arrays.sort(s);
      double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
      return String.format(Locale.ROOT, "{\"median\":%.6g,\"min\":%.6g,\"max\":%.6g,\"runs\":%d}",
          median, s[0], s[s.length - 1], s.length);
    }
  }

  /**
   * Untimed warm-up calls (at least two, and at least {@link #WARM_UP_SECONDS} of CPU time, so
   * the JIT has compiled the products before the first timed call), then {@code repeats} timed
   * calls (CPU time of this thread).
   */
  private static Timed time(DoubleSupplier f, int repeats) {
    double value = 0;
    long start = CPU.getCurrentThreadCpuTime();
    for (int w = 0; w < 2 || CPU.getCurrentThreadCpuTime() - start < WARM_UP_SECONDS * 1e9; w++) {
      value = f.getAsDouble();
    }
    double[] seconds = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long t0 = CPU.getCurrentThreadCpuTime();
      value = f.getAsDouble();
      seconds[r] = (CPU.getCurrentThreadCpuTime() - t0) / 1e9;
    }
    return new Timed(value, seconds);
  }

  private static void write(DataOutputStream out, double[] xs) throws IOException {
    for (double x : xs) {
      out.writeDouble(x);
    }
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int repeats = Integer.parseInt(args[1]);
    Files.createDirectories(dir);
    for (int a = 2; a < args.length; a++) {
      String[] spec = args[a].split(":");
      String name = spec[0];
      List<Integer> widths = new ArrayList<>();
      for (String w : spec[1].split("x")) {
        widths.add(Integer.parseInt(w));
      }
      int samples = Integer.parseInt(spec[2]);
      boolean dense = spec[3].equals("dense");
      run(dir, repeats, name, widths, samples, dense);
    }
  }

  private static void run(Path dir, int repeats, String name, List<Integer> widths, int samples,
      boolean dense) throws IOException {
    TanhNetwork net = TanhNetwork.synthetic(widths, samples, DATA_SEED);
    int n = net.dimension();
    double[] theta = net.randomPoint(new SplittableRandom(POINT_SEED), 1);
    SplittableRandom random = new SplittableRandom(PROBE_SEED);
    double[] probe = new double[n];
    for (int i = 0; i < n; i++) {
      probe[i] = random.nextGaussian();
    }
    double[] hv = new double[n];
    Timed product = time(() -> {
      net.hessianTimes(theta, probe, hv);
      return hv[0];
    }, repeats);
    Lanczos.Operator at = net.hessianAt(theta);
    double[] hvAt = new double[n];
    Timed productAt = time(() -> {
      at.apply(probe, hvAt);
      return hvAt[0];
    }, repeats);
    try (OutputStream file = Files.newOutputStream(dir.resolve(name + ".bin"));
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(file))) {
      for (double[] x : net.inputs()) {
        write(out, x);
      }
      for (double[] y : net.targets()) {
        write(out, y);
      }
      write(out, theta);
      write(out, probe);
      write(out, hv);
    }
    Lanczos.Result[] result = new Lanczos.Result[1];
    Timed lanczos = time(() -> {
      result[0] = Lanczos.top(net.hessianAt(theta), n,
          Sharpness.LANCZOS_TOLERANCE, LANCZOS_MAX_STEPS, LANCZOS_SEED);
      return result[0].value();
    }, repeats);
    StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
        "{\"name\":\"%s\",\"widths\":%s,\"samples\":%d,\"parameters\":%d,"
            + "\"hvp_seconds\":%s,\"hvp_at_seconds\":%s,\"lanczos\":{\"value\":%.17g,\"residual\":%.3g,\"steps\":%d,"
            + "\"seconds\":%s}",
        name, widths.toString().replace(" ", ""), samples, n, product.json(), productAt.json(),
        lanczos.value(),
        result[0].residual(), result[0].steps(), lanczos.json()));
    if (dense) {
      double[][][] h = new double[1][][];
      // Assembly and solve are long at this size: at most 2 timed runs.
      int few = Math.min(repeats, 2);
      Timed assemble = time(() -> {
        h[0] = net.hessian(theta);
        return h[0][0][0];
      }, few);
      Timed solve = time(() -> Sharpness.dense(h[0]), few);
      json.append(String.format(Locale.ROOT,
          ",\"dense\":{\"value\":%.17g,\"assemble_seconds\":%s,\"solve_seconds\":%s}",
          solve.value(), assemble.json(), solve.json()));
    }
    System.out.println(json.append('}'));
  }
}

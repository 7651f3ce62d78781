package org.eoscheck.bench.jmh;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.eoscheck.simulate.Lanczos;
import org.eoscheck.simulate.Sharpness;
import org.eoscheck.simulate.TanhNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * lambda_max of the Hessian of a small tanh network ({@link TanhNetwork}, exact Hessian-vector
 * products by Pearlmutter's R-operator) by {@link Lanczos} with the simulator's tolerance, as
 * {@code Sharpness.of(..., LANCZOS)} runs it. Baselines in the same run: the dense symmetric
 * eigen-solve of the same Hessian ({@link Sharpness#dense}, Hipparchus) given the matrix, the
 * dense route from scratch (assemble H from n products, then solve), and one Hessian-vector
 * product. bench/run part 6 compares Lanczos with scipy at ~10^4 parameters.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LanczosBenchmark {
  /** Widths n_0 x ... x n_L and samples, as NAME:WIDTHS:SAMPLES. */
  @Param({"8x12x8x1:64"})
  public String network;

  private TanhNetwork net;
  private double[] theta;
  private double[][] hessian;
  private double[] probe;
  private double[] out;

  @Setup
  public void setUp() {
    String[] spec = network.split(":");
    List<Integer> widths = java.util.Arrays.stream(spec[0].split("x")).map(Integer::valueOf).toList();
    net = TanhNetwork.synthetic(widths, Integer.parseInt(spec[1]), 7);
    theta = net.randomPoint(new SplittableRandom(11), 1);
    hessian = net.hessian(theta);
    probe = new SplittableRandom(13).doubles(net.dimension()).toArray();
    out = new double[net.dimension()];
    double dense = Sharpness.dense(hessian);
    double top = lanczos();
    if (!(Math.abs(top - dense) <= 1e-8 * Math.abs(dense))) { // a correctness guard, not a timing
      throw new IllegalStateException("Lanczos " + top + " vs dense " + dense);
    }
  }

  /** Lanczos on exact Hessian-vector products at theta, as the simulator runs it (tolerance 1e-10). */
  @Benchmark
  public double lanczos() {
    return Lanczos.top(net.hessianAt(theta), net.dimension(),
        Sharpness.LANCZOS_TOLERANCE, 300, 20230723L).value();
  }

  /** Baseline: the dense eigen-solve of the (given) Hessian. */
  @Benchmark
  public double denseSolve() {
    return Sharpness.dense(hessian);
  }

  /** Baseline: the dense route from scratch: n Hessian-vector products, then the solve. */
  @Benchmark
  public double denseAssembleAndSolve() {
    return Sharpness.dense(net.hessian(theta));
  }

  /** Baseline: one Hessian-vector product. */
  @Benchmark
  public double hessianVectorProduct() {
    net.hessianTimes(theta, probe, out);
    return out[0];
  }
}

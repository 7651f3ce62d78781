package org.eoscheck.bench.jmh;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.CompiledExpr;
import org.eoscheck.expr.Expr;
import org.eoscheck.interval.Interval;
import org.eoscheck.interval.IntervalCompiler;
import org.eoscheck.interval.IntervalEnclosure;
import org.eoscheck.interval.IntervalFunction;
import org.eoscheck.verify.Elaborator;
import org.eoscheck.verify.LemmaLoader;
import org.eoscheck.verify.Problem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The interval enclosure the prover computes on one box for the depth-2 claim
 * phi(GD(w)) &lt;= phi(w) (theorems/kreisler2023/depth2-gfs-sharpness-decreases.yaml; Kreisler,
 * Nacson, Soudry, Carmon, ICML 2023): {@link IntervalEnclosure} of the elaborated claim's
 * difference (natural extension, intersected with the mean-value form and monotonicity
 * pinning). Baselines in the same run: the natural interval extension alone
 * ({@link IntervalCompiler}), and the same expression in plain doubles at the box centre
 * ({@link CompiledExpr}). Boxes: the lemma's root box and a small leaf-sized box away from b = 0.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IntervalEnclosureBenchmark {
  static final String LEMMA = "theorems/kreisler2023/depth2-gfs-sharpness-decreases.yaml";

  /** "root": the lemma's box; "leaf": w1 in [1/2, 9/16], w2 in [1, 17/16], eta in [1/10, 1/8]. */
  @Param({"root", "leaf"})
  public String box;

  private IntervalEnclosure enclosure;
  private IntervalFunction natural;
  private CompiledExpr point;
  private Interval[] x;
  private double[] centre;

  @Setup
  public void setUp() throws Exception {
    Problem problem = Elaborator.elaborate(LemmaLoader.load(Path.of(LEMMA)));
    Expr f = problem.claims().get(0).difference();
    List<String> vars = problem.variables();
    if (!vars.equals(List.of("w1", "w2", "eta"))) {
      throw new IllegalStateException("unexpected variables " + vars);
    }
    enclosure = IntervalEnclosure.of(f, vars);
    natural = IntervalCompiler.compile(f, vars);
    point = CompiledExpr.compile(f, vars);
    x = new Interval[vars.size()];
    if (box.equals("root")) {
      for (int i = 0; i < x.length; i++) {
        x[i] = Interval.of(problem.root().lo().get(i), problem.root().hi().get(i));
      }
    } else {
      x[0] = Interval.of(BigFraction.of(1, 2), BigFraction.of(9, 16));
      x[1] = Interval.of(BigFraction.of(1), BigFraction.of(17, 16));
      x[2] = Interval.of(BigFraction.of(1, 10), BigFraction.of(1, 8));
    }
    centre = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      centre[i] = x[i].mid();
    }
    if (!enclosure.enclose(x).contains(point.eval(centre))) { // a soundness guard, not a timing
      throw new IllegalStateException("the enclosure misses the centre value");
    }
  }

  /** The prover's enclosure of the claim's difference on the box. */
  @Benchmark
  public Interval enclosure() {
    return enclosure.enclose(x);
  }

  /** Baseline: the natural interval extension alone. */
  @Benchmark
  public Interval naturalExtension() {
    return natural.eval(x);
  }

  /** Baseline: the difference in plain doubles at the box centre. */
  @Benchmark
  public double pointInDoubles() {
    return point.eval(centre);
  }
}

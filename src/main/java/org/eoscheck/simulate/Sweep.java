package org.eoscheck.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * Many random initialisations of one GD setting (Craciun, Ghoshdastidar 2024: above the critical
 * step size GD converges only from a null set): each run's outcome, its limit sharpness against
 * 2/eta and the GF-solution sharpness at its start. Runs are independent and run in parallel; the
 * initial points depend only on the seed (point k is the same for any number of runs).
 */
public final class Sweep {
  /** One run: index, initial point, outcome, steps taken, final loss, final sharpness, phi at start and end. */
  public record Run(int index, double[] init, Outcome outcome, int steps, double loss,
      double sharpness, double phiStart, double phiEnd) {}

  /** Order statistics of a sample: count, min, quartiles, max (NaN when empty). */
  public record Distribution(int count, double min, double q1, double median, double q3, double max) {
    public static Distribution of(double[] values) {
      double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
      if (v.length == 0) {
        return new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      return new Distribution(v.length, v[0], quantile(v, 0.25), quantile(v, 0.5),
          quantile(v, 0.75), v[v.length - 1]);
    }

    private static double quantile(double[] sorted, double p) {
      double h = (sorted.length - 1) * p;
      int lo = (int) Math.floor(h);
      int hi = Math.min(lo + 1, sorted.length - 1);
      return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
  }

  /** Counts per outcome, and the limit sharpness of the converged runs. */
  public record Summary(Map<Outcome, Integer> counts, Distribution limitSharpness,
      int stableLimits, double twoOverEta) {
    public static Summary of(List<Run> runs, double eta) {
      Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
      for (Outcome o : Outcome.values()) {
        counts.put(o, 0);
      }
      runs.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
      double[] limits = runs.stream().filter(r -> r.outcome() == Outcome.CONVERGED)
          .mapToDouble(Run::sharpness).toArray();
      int stable = (int) Arrays.stream(limits).filter(s -> eta * s <= 2).count();
      return new Summary(counts, Distribution.of(limits), stable, 2 / eta);
    }
  }

  private Sweep() {}

  /** {@code count} initial points of {@code d} from {@code seed}, N(0, scale^2 I) by default. */
  public static List<double[]> randomInits(Dynamics d, int count, long seed, double scale) {
    SplittableRandom random = new SplittableRandom(seed);
    List<double[]> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      out.add(d.randomPoint(random, scale));
    }
    return out;
  }

  /** Runs {@code sim} from every point on {@code threads} threads; progress gets finished counts. */
  public static List<Run> run(Simulator sim, List<double[]> inits, int threads, IntConsumer progress)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<Run>> futures = new ArrayList<>();
      for (int k = 0; k < inits.size(); k++) {
        int index = k;
        futures.add(pool.submit(() -> {
          Run r = one(sim, index, inits.get(index));
          int n = done.incrementAndGet();
          if (progress != null) {
            progress.accept(n);
          }
          return r;
        }));
      }
      List<Run> runs = new ArrayList<>();
      for (Future<Run> f : futures) {
        runs.add(f.get());
      }
      return runs;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Run one(Simulator sim, int index, double[] init) {
    List<BigFraction> start = Arrays.stream(init).mapToObj(BigFraction::from).toList();
    Trajectory t = sim.run(start, null);
    StepRecord last = t.last();
    return new Run(index, init.clone(), t.outcome(), t.stepsRun(), last.loss(), last.sharpness(),
        t.first().phi(), last.phi());
  }
}

package org.eoscheck.interval;

import java.util.List;
import java.util.Random;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.model.Model;
import org.eoscheck.model.ScalarNetwork;

/**
 * Throughput of the kernel on the depth-3 scalar claim phi(gd(theta)) - phi(theta) (Kreisler et
 * al. 2023; theorems/kreisler2023/depth3-sufficient-condition.yaml) over random sub-boxes of
 * w in [1/2, 2]^3, eta in [1/100, 1/2]. A benchmark, not a test. Run after {@code mvn
 * test-compile} with
 *
 * <pre>
 * mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.eoscheck.interval.IntervalBench
 * </pre>
 */
public final class IntervalBench {
  private IntervalBench() {}

  public static void main(String[] args) {
    Model model = new ScalarNetwork(3, Expr.num(1));
    Expr phi = model.gfsSharpness().orElseThrow();
    Expr claim = Expr.sub(model.at(phi, model.gdStep()), phi);
    List<String> vars = List.of("w1", "w2", "w3", "eta");

    long t0 = System.nanoTime();
    IntervalFunction natural = IntervalCompiler.compile(claim, vars);
    long t1 = System.nanoTime();
    IntervalEnclosure enclosure = IntervalEnclosure.of(claim, vars);
    long t2 = System.nanoTime();
    System.out.printf("claim: %d nodes; compile natural %.1f ms, with gradient %.1f ms%n",
        org.eoscheck.expr.Exprs.size(claim), (t1 - t0) / 1e6, (t2 - t1) / 1e6);

    Interval[] full = {
        Interval.of(BigFraction.of(1, 2), BigFraction.of(2)),
        Interval.of(BigFraction.of(1, 2), BigFraction.of(2)),
        Interval.of(BigFraction.of(1, 2), BigFraction.of(2)),
        Interval.of(BigFraction.of(1, 100), BigFraction.of(1, 2))};
    for (int divisions : new int[] {8, 64, 512}) {
      Interval[][] boxes = subBoxes(full, divisions, 2000, new Random(divisions));
      measure("natural extension, boxes 1/" + divisions, boxes, natural::eval);
      measure("combined enclosure, boxes 1/" + divisions, boxes, enclosure::enclose);
    }
  }

  private static Interval[][] subBoxes(Interval[] full, int divisions, int count, Random r) {
    Interval[][] boxes = new Interval[count][];
    for (int b = 0; b < count; b++) {
      boxes[b] = new Interval[full.length];
      for (int i = 0; i < full.length; i++) {
        double step = (full[i].hi() - full[i].lo()) / divisions;
        double lo = full[i].lo() + step * r.nextInt(divisions);
        boxes[b][i] = new Interval(lo, lo + step);
      }
    }
    return boxes;
  }

  private static void measure(String label, Interval[][] boxes, IntervalFunction f) {
    double[] widths = new double[boxes.length];
    int entire = 0;
    for (int warm = 0; warm < 3; warm++) {
      for (Interval[] box : boxes) {
        f.eval(box);
      }
    }
    long start = System.nanoTime();
    int evaluations = 0;
    while (System.nanoTime() - start < 1_000_000_000L) {
      for (Interval[] box : boxes) {
        f.eval(box);
        evaluations++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    for (int b = 0; b < boxes.length; b++) {
      Interval v = f.eval(boxes[b]);
      entire += v.isEntire() ? 1 : 0;
      widths[b] = v.width();
    }
    java.util.Arrays.sort(widths);
    System.out.printf("%-38s %8.0f evaluations/s; width median %.3g, 90%% %.3g; ENTIRE %d/%d%n",
        label, evaluations / seconds, widths[boxes.length / 2], widths[boxes.length * 9 / 10],
        entire, boxes.length);
  }
}

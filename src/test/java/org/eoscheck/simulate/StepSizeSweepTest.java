package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.expr.Exprs;
import org.eoscheck.model.ScalarNetwork;
import org.eoscheck.model.TwoLayerNetwork;
import org.junit.jupiter.api.Test;

class StepSizeSweepTest {
  @Test
  void chainConvergesBelowTheCriticalStepAndNeverAbove() throws InputException, InterruptedException {
    // Craciun, Ghoshdastidar 2024: eta* = 2/D = 1 for the depth-2 chain with target 1.
    ScalarNetwork net = new ScalarNetwork(2, Exprs.ONE);
    Simulator base = Simulator.of(net, SimulationOptions.gd(BigFraction.ONE, 4000));
    List<double[]> inits = Sweep.randomInits(base.dynamics(), 100, 1, 1);
    List<BigFraction> etas = StepSizes.parse("0.9,0.98,1.02,1.1");
    List<Integer> progress = new ArrayList<>();
    List<StepSizeSweep.Row> rows = StepSizeSweep.run(net, base.dynamics(),
        base.options().withEvery(Integer.MAX_VALUE), etas, inits, 2, progress::add);
    assertEquals(4, rows.size());
    assertEquals(400, progress.stream().mapToInt(Integer::intValue).max().orElse(0));
    for (StepSizeSweep.Row r : rows) {
      assertEquals(100, r.runs().size());
      double sum = 0;
      for (Outcome o : Outcome.values()) {
        sum += r.fraction(o);
      }
      assertEquals(1, sum, 1e-12);
      if (r.etaValue() < 1) {
        assertTrue(r.convergedFraction() > 0.5, r.eta() + ": " + r.convergedFraction());
        // every limit is a minimiser with sharpness in [D, 2/eta]
        assertTrue(r.summary().limitSharpness().min() >= 2 - 1e-9);
        assertTrue(r.summary().limitSharpness().max() <= 2 / r.etaValue());
      } else {
        assertEquals(0, r.convergedFraction(), r.eta().toString());
      }
    }
    // The same points at every step size.
    assertEquals(rows.get(0).runs().get(7).init()[0], rows.get(3).runs().get(7).init()[0]);
    assertEquals(inits.get(7)[1], rows.get(3).runs().get(7).init()[1]);
  }

  @Test
  void twoLayerLimitIsFlatterThanTheGradientFlowSolution() throws InputException, InterruptedException {
    // shared/maths.md 3 reference run: d = 1, Phi = 1, a0 = 2, b0 = 0.1; lambda_GF = 4.463194.
    TwoLayerNetwork net = new TwoLayerNetwork(1, Exprs.ONE);
    Simulator base = Simulator.of(net, SimulationOptions.gd(BigFraction.ONE, 20000));
    List<StepSizeSweep.Row> rows = StepSizeSweep.run(net, base.dynamics(), base.options(),
        StepSizes.parse("0.1,0.5,0.9"), List.<double[]>of(new double[] {2, 0.1}), 1, null);
    double gf = Math.sqrt(4 + 2.1 * 2.1 * 1.9 * 1.9);
    assertEquals(4.463194, gf, 1e-6);
    assertEquals(gf, rows.get(0).runs().get(0).phiStart(), 1e-12);
    assertEquals(0.9921, rows.get(0).sharpnessRatio(), 5e-5);
    assertEquals(0.6451, rows.get(1).sharpnessRatio(), 5e-5);
    assertEquals(Outcome.DIVERGED, rows.get(2).runs().get(0).outcome());
    assertTrue(Double.isNaN(rows.get(2).sharpnessRatio()));
  }
}

package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Exprs;
import org.eoscheck.model.ScalarNetwork;
import org.junit.jupiter.api.Test;

class SweepTest {
  private static Sweep.Summary sweep(int depth, BigFraction eta, int threads) throws InterruptedException {
    ScalarNetwork net = new ScalarNetwork(depth, Exprs.ONE);
    Simulator sim = Simulator.of(net, SimulationOptions.gd(eta, 6000).withEvery(Integer.MAX_VALUE));
    List<double[]> inits = Sweep.randomInits(sim.dynamics(), 400, 1, 1);
    return Sweep.Summary.of(Sweep.run(sim, inits, threads, null), eta.doubleValue());
  }

  @Test
  void criticalStepSizeOfTheChains() throws InterruptedException {
    // shared/maths.md 2 (400 inits w ~ N(0, I), 6000 steps): D = 2 converges from 319/400 at
    // eta = 0.99 and 0/400 at 1.01; D = 3 from 350/400 at 0.65 and 0/400 at 0.67.
    Sweep.Summary below2 = sweep(2, BigFraction.of(99, 100), 2);
    int c2 = below2.counts().get(Outcome.CONVERGED);
    assertTrue(c2 >= 290 && c2 <= 340, "D = 2, eta 0.99: " + c2);
    assertEquals(c2, below2.stableLimits(), "every limit satisfies eta * sharpness <= 2");
    assertTrue(below2.limitSharpness().max() <= 2 / 0.99);
    assertTrue(below2.limitSharpness().min() >= 2 - 1e-9, "sharpness on {pi = 1} is >= D");
    assertEquals(0, sweep(2, BigFraction.of(101, 100), 2).counts().get(Outcome.CONVERGED));
    Sweep.Summary below3 = sweep(3, BigFraction.of(65, 100), 2);
    int c3 = below3.counts().get(Outcome.CONVERGED);
    assertTrue(c3 >= 320 && c3 <= 380, "D = 3, eta 0.65: " + c3);
    assertEquals(0, sweep(3, BigFraction.of(67, 100), 2).counts().get(Outcome.CONVERGED));
  }

  @Test
  void resultsDependOnTheSeedOnly() throws InterruptedException {
    ScalarNetwork net = new ScalarNetwork(3, Exprs.ONE);
    Simulator sim = Simulator.of(net, SimulationOptions.gd(BigFraction.of(1, 2), 500)
        .withEvery(Integer.MAX_VALUE));
    List<double[]> inits = Sweep.randomInits(sim.dynamics(), 30, 7, 0.5);
    List<Sweep.Run> one = Sweep.run(sim, inits, 1, null);
    List<Sweep.Run> two = Sweep.run(sim, inits, 2, null);
    for (int k = 0; k < 30; k++) {
      assertEquals(one.get(k).outcome(), two.get(k).outcome());
      assertEquals(one.get(k).sharpness(), two.get(k).sharpness());
      assertArrayEquals(inits.get(k), one.get(k).init());
    }
    // Point k does not depend on how many are drawn.
    assertArrayEquals(inits.get(4), Sweep.randomInits(sim.dynamics(), 5, 7, 0.5).get(4));
  }

  @Test
  void distributionQuartiles() {
    Sweep.Distribution d = Sweep.Distribution.of(new double[] {5, 1, Double.NaN, 3, 2, 4});
    assertEquals(5, d.count());
    assertEquals(1, d.min());
    assertEquals(2, d.q1());
    assertEquals(3, d.median());
    assertEquals(4, d.q3());
    assertEquals(5, d.max());
    assertEquals(0, Sweep.Distribution.of(new double[0]).count());
  }
}

package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Exprs;
import org.eoscheck.model.ModelSpec;
import org.eoscheck.model.ScalarNetwork;
import org.eoscheck.verify.Elaborator;
import org.eoscheck.verify.LemmaLoader;
import org.eoscheck.verify.Problem;
import org.junit.jupiter.api.Test;

/**
 * A rise of phi in a depth-2 catapult (eta |pi - 1| > sqrt 2) is named at its step, and the point
 * printed refutes phi(gd(theta)) <= phi(theta) by the exact identity of shared/maths.md 1; a run
 * that converges with eta |pi - 1| small shows no rise.
 */
class PhiRiseTest {
  private static final BigFraction ETA = BigFraction.of(13, 25);

  private static Trajectory run(BigFraction eta, double w1, double w2, int steps) {
    return Simulator.of(new ScalarNetwork(2, Exprs.ONE), SimulationOptions.gd(eta, steps))
        .run(List.of(BigFraction.from(w1), BigFraction.from(w2)), null);
  }

  @Test
  void aCatapultRaisesPhiAndThePointRefutesTheOneStepClaim() throws Exception {
    PhiRise r = PhiRise.first(run(ETA, 1.3912, 2.7007, 5), ETA, Method.GD).orElseThrow();
    assertTrue(r.oneStep());
    assertEquals(0, r.from());
    // phi(GD(w))^2 - phi(w)^2 = b^2 eta^2 r^2 (eta^2 r^2 - 2), b = w1^2 - w2^2, r = w1 w2 - 1
    BigFraction w1 = r.theta().get(0);
    BigFraction w2 = r.theta().get(1);
    BigFraction b = w1.multiply(w1).subtract(w2.multiply(w2));
    BigFraction k = ETA.multiply(ETA).multiply(w1.multiply(w2).subtract(1).pow(2));
    assertTrue(b.multiply(b).multiply(k).multiply(k.subtract(2)).signum() > 0);
    // the fragment is a lemma file check reads, over the point (eta at its lower end)
    String yaml = r.fragment(ModelSpec.scalar(2), List.of("w1", "w2"));
    Problem p = Elaborator.elaborate(LemmaLoader.parse(yaml, "rise.yaml"));
    assertEquals(List.of("eta"), p.variables());
    assertEquals(w1, p.fixed().get("w1"));
    assertEquals(ETA, p.root().lo().get(0));
    assertTrue(r.text(ModelSpec.scalar(2), List.of("w1", "w2")).contains("step 0 refutes"));
  }

  @Test
  void aConvergentRunShowsNoRise() {
    BigFraction small = BigFraction.of(1, 10);
    assertFalse(PhiRise.first(run(small, 1.3, 0.6, 400), small, Method.GD).isPresent());
  }

  @Test
  void aRiseBetweenRecordsFarApartNamesNoPoint() {
    Trajectory t = Simulator.of(new ScalarNetwork(2, Exprs.ONE),
        SimulationOptions.gd(ETA, 4).withEvery(2)) // records 0, 2, 4
        .run(List.of(BigFraction.from(1.3912), BigFraction.from(2.7007)), null);
    PhiRise r = PhiRise.first(t, ETA, Method.GD).orElseThrow();
    assertFalse(r.oneStep());
    assertTrue(r.text(ModelSpec.scalar(2), List.of("w1", "w2")).contains("--every 1"));
  }
}

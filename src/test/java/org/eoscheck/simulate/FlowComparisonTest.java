package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.junit.jupiter.api.Test;

/**
 * Normalised GD and GD on sqrt(L) on L = (1 + x^2) y^2 against the closed forms of their limiting
 * flows (Arora, Li, Panigrahi 2022; shared/maths.md 4).
 */
class FlowComparisonTest {
  private static final double[] INIT = {2, 0.1};

  private static Dynamics toy() throws InputException {
    return LimitingFlowTest.custom("(1 + x^2)*y^2", "x", "y");
  }

  /** G(x) = ln x + x^2/2, the potential of both the gradient flow and the NGD flow of the toy. */
  private static double g(double x) {
    return Math.log(x) + x * x / 2;
  }

  /** Largest |Phi(theta_t)_x - x(tau)| against the closed form, over the samples. */
  private static double closedFormError(FlowComparison c, boolean normalised) {
    // Gradient flow of the toy keeps G(x) - y^2/2, so Phi(x, y) solves G(X) = G(x) - y^2/2.
    double x0 = LimitingFlowTest.inverseLogPlusHalfSquare(g(INIT[0]) - INIT[1] * INIT[1] / 2);
    double worst = 0;
    for (FlowComparison.Sample s : c.samples()) {
      double[] it = s.iterate();
      double phi = LimitingFlowTest.inverseLogPlusHalfSquare(g(it[0]) - it[1] * it[1] / 2);
      assertEquals(phi, s.projection()[0], 1e-9, "Phi by gradient flow at step " + s.step());
      assertEquals(0, s.projection()[1], 1e-9);
      double flow = normalised ? LimitingFlowTest.inverseLogPlusHalfSquare(g(x0) - s.tau() / 2)
          : x0 * Math.exp(-s.tau() / 2);
      assertEquals(flow, s.flow()[0], 1e-8, "flow at tau = " + s.tau());
      worst = Math.max(worst, Math.abs(phi - flow));
    }
    return worst;
  }

  @Test
  void normalisedGdErrorShrinksAsEtaHalves() throws InputException {
    double previous = Double.NaN;
    for (int k : new int[] {10, 20, 40}) {
      FlowComparison c = FlowComparison.run(toy(), Method.NGD, BigFraction.of(1, k), INIT, 1, 4);
      assertEquals(100 * k * k / 100, c.steps());
      assertEquals(5, c.samples().size());
      assertEquals(1.0, c.samples().get(4).tau(), 1e-12);
      double e = closedFormError(c, true);
      assertEquals(e, c.maxError(), 1e-8);
      if (k > 10) {
        assertTrue(e < previous / 3, "eta = 1/" + k + ": " + e + " after " + previous);
      }
      previous = e;
    }
    assertTrue(previous < 4e-5, "eta = 1/40: " + previous);
  }

  @Test
  void sqrtLossGdFollowsExponentialDecay() throws InputException {
    FlowComparison coarse = FlowComparison.run(toy(), Method.SQRTGD, BigFraction.of(1, 10), INIT, 2, 2);
    FlowComparison fine = FlowComparison.run(toy(), Method.SQRTGD, BigFraction.of(1, 20), INIT, 2, 2);
    double e1 = closedFormError(coarse, false);
    double e2 = closedFormError(fine, false);
    assertTrue(e2 < e1 / 3 && e2 < 2e-3, e1 + " then " + e2);
    // The iterate itself stays O(eta) away from the manifold {y = 0}.
    assertTrue(Math.abs(fine.samples().get(2).iterate()[1]) < 0.1);
  }

  @Test
  void plainGdAndBadHorizonsAreRejected() throws InputException {
    Dynamics d = toy();
    assertThrows(IllegalArgumentException.class,
        () -> FlowComparison.run(d, Method.GD, BigFraction.of(1, 10), INIT, 1, 4));
    assertThrows(IllegalArgumentException.class,
        () -> FlowComparison.run(d, Method.NGD, BigFraction.of(1, 10), INIT, 0, 4));
  }
}

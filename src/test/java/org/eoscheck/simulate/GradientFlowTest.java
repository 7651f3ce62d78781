package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Exprs;
import org.eoscheck.model.CustomModel;
import org.eoscheck.model.ScalarNetwork;
import org.eoscheck.model.TwoLayerNetwork;
import org.junit.jupiter.api.Test;

/** phi by integrating gradient flow against the closed forms and the implicit root. */
class GradientFlowTest {
  private static double odePhi(Dynamics d, double... start) {
    GradientFlow.Limit limit = GradientFlow.limit(d, start, Sharpness.Mode.DENSE);
    assertTrue(limit.converged(), "gradient norm reached " + limit.gradientNorm());
    return limit.sharpness().value();
  }

  @Test
  void scalarNetworkMatchesClosedFormAndImplicitRoot() {
    ScalarNetwork two = new ScalarNetwork(2, Exprs.ONE);
    ScalarNetwork three = new ScalarNetwork(3, Exprs.ONE);
    ScalarNetwork four = new ScalarNetwork(4, Exprs.ONE);
    assertEquals(17.0 / 4, odePhi(new ExprDynamics(two), 2, 0.5), 1e-9);
    assertEquals(4.04188906600158209311, odePhi(new ExprDynamics(three), 1, 1, 2), 1e-9);
    assertEquals(24.9047565050815553650, odePhi(new ExprDynamics(three), 1, 2, 3), 1e-8);
    assertEquals(4.89284914610488827298, odePhi(new ExprDynamics(four), 1, 1, 1, 2), 1e-9);
  }

  @Test
  void twoLayerMatchesSqrtOfFourPhiSquaredPlusP() {
    TwoLayerNetwork net = new TwoLayerNetwork(2, Exprs.ONE);
    double[] x = {0.7, -0.4, 1.3, 0.2};
    ExprDynamics d = new ExprDynamics(net);
    assertEquals(d.gfsSharpness(x), odePhi(d, x), 1e-9);
    double plus = Math.pow(0.7 + 1.3, 2) + Math.pow(-0.4 + 0.2, 2);
    double minus = Math.pow(0.7 - 1.3, 2) + Math.pow(-0.4 - 0.2, 2);
    assertEquals(Math.sqrt(4 + plus * minus), d.gfsSharpness(x), 1e-12);
  }

  @Test
  void simulatorIntegratesFlowWhereThereIsNoClosedForm() throws InputException {
    // The depth-2 chain written as a custom loss has no known phi: the simulator integrates.
    CustomModel custom = new CustomModel(List.of("u", "v"), ExprParser.parse("(u*v - 1)^2/2"));
    Simulator sim = Simulator.of(custom, SimulationOptions.gd(BigFraction.of(1, 10), 3));
    Trajectory t = sim.run(List.of(BigFraction.of(21, 10), BigFraction.of(3, 5)), null);
    assertEquals(4, t.records().size());
    assertEquals(Math.sqrt(Math.pow(4.41 - 0.36, 2) + 4), t.first().phi(), 1e-9);
    assertTrue(t.first().phiTolerance() <= GradientFlow.GRADIENT_TOLERANCE);
    assertTrue(Double.isNaN(t.records().get(1).phi()), "not integrated between first and last");
    // Along GD the balance changes, so phi moves: compare the last one with the closed form.
    double[] w = t.last().theta();
    double b = w[0] * w[0] - w[1] * w[1];
    assertEquals(Math.sqrt(b * b + 4), t.last().phi(), 1e-9);
  }
}

package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.eoscheck.InputException;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.model.CustomModel;
import org.junit.jupiter.api.Test;

/** The limiting flows of Arora, Li, Panigrahi (2022) against closed-form solutions. */
class LimitingFlowTest {
  static Dynamics custom(String loss, String... params) throws InputException {
    return new ExprDynamics(new CustomModel(List.of(params), ExprParser.parse(loss)));
  }

  /** The x with ln x + x^2/2 = g (x > 0), by bisection: independent of the code under test. */
  static double inverseLogPlusHalfSquare(double g) {
    double lo = 1e-300;
    double hi = 100;
    for (int i = 0; i < 2000 && hi - lo > 1e-15 * hi; i++) {
      double mid = (lo + hi) / 2;
      if (Math.log(mid) + mid * mid / 2 < g) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  @Test
  void normalisedGdFlowOnTheToySolvesItsImplicitClosedForm() throws InputException {
    // L = (1 + x^2) y^2: dx/dtau = -x / (2 (1 + x^2)), i.e. ln x + x^2/2 = ln x0 + x0^2/2 - tau/2.
    LimitingFlow flow = new LimitingFlow(custom("(1 + x^2)*y^2", "x", "y"), Method.NGD);
    double[] v = flow.velocity(new double[] {2, 0});
    assertEquals(-2.0 / 10, v[0], 1e-8);
    assertEquals(0, v[1], 1e-12);
    double[] taus = {0, 0.5, 1, 2, 4};
    double[][] path = flow.solve(new double[] {2, 0}, taus);
    for (int j = 0; j < taus.length; j++) {
      double expected = inverseLogPlusHalfSquare(Math.log(2) + 2 - taus[j] / 2);
      assertEquals(expected, path[j][0], 1e-8, "tau = " + taus[j]);
      assertEquals(0, path[j][1], 1e-12);
    }
  }

  @Test
  void sqrtLossFlowOnTheToyIsExponentialDecay() throws InputException {
    LimitingFlow flow = new LimitingFlow(custom("(1 + x^2)*y^2", "x", "y"), Method.SQRTGD);
    double[][] path = flow.solve(new double[] {1.5, 0}, new double[] {1, 3});
    assertEquals(1.5 * Math.exp(-0.5), path[0][0], 1e-8);
    assertEquals(1.5 * Math.exp(-1.5), path[1][0], 1e-8);
  }

  @Test
  void tangentProjectionFollowsACurvedManifold() throws InputException {
    // L = (2 + cos theta)(r - 1)^2 / 2 in Cartesian coordinates: Gamma is the unit circle,
    // lambda_1 = 2 + cos theta, and normalised GD's flow is d theta/dtau = sin theta / (4 (2 + cos
    // theta)), i.e. 2 ln tan(theta/2) + ln sin theta = tau/4 + const.
    Dynamics d = custom("(2 + x/sqrt(x^2 + y^2))*(sqrt(x^2 + y^2) - 1)^2/2", "x", "y");
    LimitingFlow flow = new LimitingFlow(d, Method.NGD);
    double theta0 = 1;
    double[][] path = flow.solve(new double[] {Math.cos(theta0), Math.sin(theta0)},
        new double[] {2, 6});
    double c = potential(theta0);
    assertEquals(c + 0.5, potential(Math.atan2(path[0][1], path[0][0])), 1e-7);
    assertEquals(c + 1.5, potential(Math.atan2(path[1][1], path[1][0])), 1e-7);
    assertEquals(1, Math.hypot(path[1][0], path[1][1]), 1e-8, "stays on the circle");
  }

  private static double potential(double theta) {
    return 2 * Math.log(Math.tan(theta / 2)) + Math.log(Math.sin(theta));
  }

  @Test
  void plainGdHasNoSuchFlow() throws InputException {
    Dynamics d = custom("(1 + x^2)*y^2", "x", "y");
    assertThrows(IllegalArgumentException.class, () -> new LimitingFlow(d, Method.GD));
  }
}

package org.eoscheck.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eoscheck.expr.Expr;
import org.eoscheck.model.Model;
import org.eoscheck.model.ModelSpec;
import org.eoscheck.model.ScalarNetwork;
import org.eoscheck.model.TwoLayerNetwork;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/**
 * The sharpness phi of the gradient-flow solution (Model.gfsSharpness and the derive items) against
 * (1) the reference values of shared/maths.md and (2) gradient flow integrated to convergence
 * with Dormand-Prince 8(5,3), followed by the top eigenvalue of the Hessian at the limit.
 */
class GradientFlowSolutionTest {
  /** Doubles, with gfsShift by bisection on (-min u, infinity) where prod (u_i + delta) increases. */
  static final Evaluation.Arithmetic<Double> WITH_SHIFT =
      Evaluation.withShift(Evaluation.DOUBLE, GradientFlowSolutionTest::bisection);

  static double bisection(List<Double> squares, double target) {
    double lo = -squares.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double hi = Math.max(1, lo + 1);
    while (p(squares, hi) < target) {
      hi = lo + 2 * (hi - lo);
    }
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (mid == lo || mid == hi) {
        break;
      }
      if (p(squares, mid) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private static double p(List<Double> squares, double delta) {
    double r = 1;
    for (double u : squares) {
      r *= u + delta;
    }
    return r;
  }

  private static double phi(Model m, double... theta) {
    Map<String, Double> point = new HashMap<>();
    for (int i = 0; i < theta.length; i++) {
      point.put(m.parameters().get(i), theta[i]);
    }
    return Evaluation.evaluate(m.gfsSharpness().orElseThrow(), point, WITH_SHIFT);
  }

  private static ScalarNetwork scalar(int depth) {
    return new ScalarNetwork(depth, Expr.num(1));
  }

  @Test
  void referenceValuesOfMathsMd() {
    assertEquals(17.0 / 4, phi(scalar(2), 2, 0.5), 1e-14);
    assertEquals(Math.sqrt(13), phi(scalar(2), 2, 1), 1e-14);
    assertEquals(4.04188906600158209311, phi(scalar(3), 1, 1, 2), 1e-12);
    assertEquals(24.9047565050815553650, phi(scalar(3), 1, 2, 3), 1e-11);
    assertEquals(4.89284914610488827298, phi(scalar(4), 1, 1, 1, 2), 1e-12);
    // Beneventano-Woodworth reference run: d = 1, Phi = 1, a0 = 2, b0 = 0.1
    assertEquals(4.463194, phi(new TwoLayerNetwork(1, Expr.num(1)), 2, 0.1), 5e-7);
  }

  /** Gradient flow of the model from theta0 to time t, its Hessian's top eigenvalue at the end. */
  private static double[] flow(Model m, double[] theta0, double t) {
    List<String> names = m.parameters();
    List<Expr> gradient = m.gradient();
    OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
      public int getDimension() {
        return names.size();
      }

      public double[] computeDerivatives(double time, double[] y) {
        Map<String, Double> point = point(names, y);
        double[] dy = new double[y.length];
        for (int i = 0; i < y.length; i++) {
          dy[i] = -Evaluation.approximate(gradient.get(i), point);
        }
        return dy;
      }
    };
    DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-12, 10, 1e-9, 1e-9);
    return integrator.integrate(ode, new ODEState(0, theta0.clone()), t).getPrimaryState();
  }

  private static Map<String, Double> point(List<String> names, double[] y) {
    Map<String, Double> point = new HashMap<>();
    for (int i = 0; i < y.length; i++) {
      point.put(names.get(i), y[i]);
    }
    return point;
  }

  private static double topEigenvalue(Model m, double[] theta) {
    List<List<Expr>> h = m.hessian();
    int n = h.size();
    double[][] a = new double[n][n];
    Map<String, Double> point = point(m.parameters(), theta);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = Evaluation.approximate(h.get(i).get(j), point);
      }
    }
    return Arrays.stream(new EigenDecompositionSymmetric(new Array2DRowRealMatrix(a)).getEigenvalues())
        .max().orElseThrow();
  }

  @Test
  void phiIsTheSharpnessWhereGradientFlowEnds() {
    List<double[]> scalarStarts = List.of(new double[] {2, 0.5}, new double[] {0.3, 1.7},
        new double[] {1, 1, 2}, new double[] {1, 2, 3}, new double[] {-1, -2, 0.5},
        new double[] {0.5, 0.7, 1.3}, new double[] {1, 1, 1, 2}, new double[] {0.6, 1.2, 0.9, 1.5});
    for (double[] start : scalarStarts) {
      ScalarNetwork m = scalar(start.length);
      double[] end = flow(m, start, 60);
      assertEquals(1, Evaluation.approximate(m.product().orElseThrow(), point(m.parameters(), end)),
          1e-7, Arrays.toString(start));
      assertEquals(topEigenvalue(m, end), phi(m, start), 1e-6 * phi(m, start), Arrays.toString(start));
      // every w_i^2 moved by the same delta*
      double delta = end[0] * end[0] - start[0] * start[0];
      for (int i = 1; i < start.length; i++) {
        assertEquals(delta, end[i] * end[i] - start[i] * start[i], 1e-7);
      }
    }
    TwoLayerNetwork two = new TwoLayerNetwork(2, Expr.num(1));
    for (double[] start : List.of(new double[] {2, 0.5, 0.1, -0.3}, new double[] {0.2, 0.4, 1.5, -0.7},
        new double[] {1, 1, 1, 1.5})) {
      double[] end = flow(two, start, 60);
      assertEquals(topEigenvalue(two, end), phi(two, start), 1e-6 * phi(two, start));
    }
  }

  @Test
  void derivedLimitsMatchTheFlow() {
    // two-layer: a(inf) + b(inf) = (a + b)/sqrt(z), a(inf) - b(inf) = sqrt(z) (a - b)
    Derivation d = DerivationTest.derive(DerivationTest.twoLayer(2, null));
    Expr z = d.item("gfs").orElseThrow().value("z").orElseThrow().expr().orElseThrow();
    double[] start = {2, 0.5, 0.1, -0.3};
    double[] end = flow(d.model(), start, 60);
    double zValue = Evaluation.approximate(z, point(d.model().parameters(), start));
    for (int i = 0; i < 2; i++) {
      assertEquals((start[i] + start[i + 2]) / Math.sqrt(zValue), end[i] + end[i + 2], 1e-7);
      assertEquals(Math.sqrt(zValue) * (start[i] - start[i + 2]), end[i] - end[i + 2], 1e-7);
    }
    // scalar depth 2: delta* in closed form; depth 3: the gfsShift of the derivation
    for (ModelSpec spec : List.of(DerivationTest.scalar(2, null), DerivationTest.scalar(3, null))) {
      Derivation s = DerivationTest.derive(spec);
      Expr delta = s.item("gfs").orElseThrow().value("delta*").orElseThrow().expr().orElseThrow();
      double[] w = spec.depth() == 2 ? new double[] {0.3, 1.7} : new double[] {0.5, 0.7, 1.3};
      double[] limit = flow(s.model(), w, 60);
      double value = Evaluation.evaluate(delta, point(s.model().parameters(), w), WITH_SHIFT);
      assertEquals(limit[0] * limit[0] - w[0] * w[0], value, 1e-7, spec.toString());
      assertTrue(Math.abs(value) > 1e-3, "a nontrivial shift");
    }
  }
}

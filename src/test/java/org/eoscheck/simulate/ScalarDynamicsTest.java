package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.eoscheck.expr.Exprs;
import org.eoscheck.model.ScalarNetwork;
import org.junit.jupiter.api.Test;

class ScalarDynamicsTest {
  private static ScalarDynamics scalar(int depth) {
    ScalarNetwork net = new ScalarNetwork(depth, Exprs.ONE);
    return new ScalarDynamics(depth, 1, net.parameters());
  }

  private static double[] randomPoint(SplittableRandom random, int depth) {
    double[] w = new double[depth];
    for (int i = 0; i < depth; i++) {
      w[i] = random.nextGaussian() * (random.nextInt(4) == 0 ? 0.3 : 1.2);
    }
    return w;
  }

  @Test
  void gdMapIsTheClosedForm() {
    // shared/maths.md 1: w_i+ = w_i - eta (pi - 1) pi / w_i.
    SplittableRandom random = new SplittableRandom(3);
    for (int depth = 1; depth <= 8; depth++) {
      ScalarDynamics d = scalar(depth);
      for (int trial = 0; trial < 50; trial++) {
        double[] w = randomPoint(random, depth);
        double eta = random.nextDouble(0.01, 1);
        double pi = 1;
        for (double wi : w) {
          pi *= wi;
        }
        double[] next = new double[depth];
        Method.GD.step(d, eta, w, new double[depth], next);
        for (int i = 0; i < depth; i++) {
          double expected = w[i] - eta * (pi - 1) * pi / w[i];
          assertEquals(expected, next[i], 1e-12 * (1 + Math.abs(expected)));
        }
      }
    }
  }

  @Test
  void derivativesAgreeWithTheSymbolicModel() {
    SplittableRandom random = new SplittableRandom(5);
    for (int depth = 1; depth <= 6; depth++) {
      ScalarNetwork net = new ScalarNetwork(depth, Exprs.ONE);
      ScalarDynamics fast = scalar(depth);
      ExprDynamics symbolic = new ExprDynamics(net);
      for (int trial = 0; trial < 30; trial++) {
        double[] w = randomPoint(random, depth);
        if (trial == 0) {
          w[depth - 1] = 0; // cofactors need no division
        }
        assertEquals(symbolic.loss(w), fast.loss(w), 1e-13);
        assertEquals(symbolic.residual(w), fast.residual(w), 1e-13);
        double[] g1 = new double[depth];
        double[] g2 = new double[depth];
        symbolic.gradient(w, g1);
        fast.gradient(w, g2);
        double[][] h1 = symbolic.hessian(w);
        double[][] h2 = fast.hessian(w);
        double[] v = randomPoint(random, depth);
        double[] hv = new double[depth];
        fast.hessianTimes(w, v, hv);
        for (int i = 0; i < depth; i++) {
          assertEquals(g1[i], g2[i], 1e-12 * (1 + Math.abs(g1[i])));
          double expected = 0;
          for (int j = 0; j < depth; j++) {
            assertEquals(h1[i][j], h2[i][j], 1e-12 * (1 + Math.abs(h1[i][j])));
            expected += h1[i][j] * v[j];
          }
          assertEquals(expected, hv[i], 1e-11 * (1 + Math.abs(expected)));
        }
        if (depth >= 2 && w[depth - 1] != 0) {
          assertEquals(symbolic.gfsSharpness(w), fast.gfsSharpness(w),
              1e-11 * fast.gfsSharpness(w));
        }
      }
    }
  }

  @Test
  void structuredSharpnessIsTheTopEigenvalue() {
    SplittableRandom random = new SplittableRandom(17);
    int cases = 0;
    int negativeAlpha = 0;
    for (int depth = 1; depth <= 10; depth++) {
      ScalarDynamics d = scalar(depth);
      for (int trial = 0; trial < 300; trial++) {
        double[] w = randomPoint(random, depth);
        if (trial % 5 == 0 && depth >= 2) {
          // ties |w_i| = |w_j| (the balanced initialisations) give repeated poles
          w[1] = (trial % 10 == 0 ? -1 : 1) * w[0];
        }
        double pi = 1;
        for (double wi : w) {
          pi *= wi;
        }
        if (pi * (2 * pi - 1) < 0) {
          negativeAlpha++;
        }
        double dense = Sharpness.dense(d.hessian(w));
        double structured = d.structuredSharpness(w);
        double scale = 0;
        for (double[] row : d.hessian(w)) {
          for (double x : row) {
            scale = Math.max(scale, Math.abs(x));
          }
        }
        assertEquals(dense, structured, 1e-10 * (scale + 1), "at " + java.util.Arrays.toString(w));
        cases++;
      }
    }
    assertTrue(negativeAlpha > 100, "the alpha < 0 branch is exercised: " + negativeAlpha);
    assertEquals(3000, cases);
  }

  @Test
  void structuredSharpnessNeedsNonzeroWeights() {
    ScalarDynamics d = scalar(3);
    double[] w = {1, 0, 2};
    assertTrue(Double.isNaN(d.structuredSharpness(w)));
    // Sharpness.of falls back to the dense Hessian: H = q q^T + r Hess(pi) with q = (0, 2, 0),
    // r = -1, Hess(pi) has (1,3) entry w_2 = 0, (1,2) entry w_3 = 2, (2,3) entry w_1 = 1.
    Sharpness.Estimate e = Sharpness.of(d, w, Sharpness.Mode.AUTO);
    assertEquals(Sharpness.Mode.DENSE, e.method());
    double[][] h = {{0, -2, 0}, {-2, 4, -1}, {0, -1, 0}};
    assertEquals(Sharpness.dense(h), e.value(), 1e-12);
  }

  @Test
  void gfsSharpnessReferenceValues() {
    assertEquals(17.0 / 4, scalar(2).gfsSharpness(new double[] {2, 0.5}), 1e-14);
    assertEquals(Math.sqrt(13), scalar(2).gfsSharpness(new double[] {2, 1}), 1e-14);
    assertEquals(4.04188906600158209311, scalar(3).gfsSharpness(new double[] {1, 1, 2}), 4e-15);
    assertEquals(24.9047565050815553650, scalar(3).gfsSharpness(new double[] {-1, 2, 3}), 2e-14);
    assertEquals(4.89284914610488827298, scalar(4).gfsSharpness(new double[] {1, 1, 1, 2}), 4e-15);
    // Target y: phi scales with the GF limit, y^2 sum 1/s_i^2 with prod s_i = y.
    ScalarDynamics two = new ScalarDynamics(2, 3, java.util.List.of("w1", "w2"));
    assertEquals(Math.sqrt(9 + 4 * 9), two.gfsSharpness(new double[] {2, 1}), 1e-13);
  }

  @Test
  void atAMinimiserSharpnessIsSumOfInverseSquares() {
    // shared/maths.md 1: on {pi = 1} the sharpness is sum 1/w_i^2 = phi.
    double[] w = {2, 0.25, 2};
    ScalarDynamics d = scalar(3);
    double expected = 1 / 4.0 + 16 + 1 / 4.0;
    assertEquals(expected, d.structuredSharpness(w), 1e-12);
    assertEquals(expected, d.gfsSharpness(w), 1e-12);
  }
}

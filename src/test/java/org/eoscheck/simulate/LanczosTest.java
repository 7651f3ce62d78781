package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.eoscheck.model.LinearNetwork;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.junit.jupiter.api.Test;

class LanczosTest {
  private static double[][] randomSymmetric(SplittableRandom random, int n) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double x = random.nextGaussian();
        a[i][j] = x;
        a[j][i] = x;
      }
    }
    return a;
  }

  private static Lanczos.Operator times(double[][] a) {
    return (v, out) -> {
      for (int i = 0; i < a.length; i++) {
        out[i] = Lanczos.dot(a[i], v);
      }
    };
  }

  @Test
  void topEigenvalueOfRandomSymmetricMatrices() {
    SplittableRandom random = new SplittableRandom(23);
    for (int trial = 0; trial < 20; trial++) {
      int n = 5 + random.nextInt(60);
      double[][] a = randomSymmetric(random, n);
      double[] eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(a)).getEigenvalues();
      double top = Double.NEGATIVE_INFINITY;
      for (double e : eig) {
        top = Math.max(top, e);
      }
      Lanczos.Result r = Lanczos.top(times(a), n, 1e-10, n, trial);
      assertEquals(top, r.value(), 1e-8 * Math.max(1, Math.abs(top)), "n = " + n);
      // Some eigenvalue lies within the residual norm of the Ritz value.
      double nearest = Double.POSITIVE_INFINITY;
      for (double e : eig) {
        nearest = Math.min(nearest, Math.abs(e - r.value()));
      }
      assertTrue(nearest <= r.residual() + 1e-12, nearest + " > " + r.residual());
      assertTrue(r.steps() <= n);
    }
  }

  @Test
  void earlyStopReportsAnHonestTolerance() {
    SplittableRandom random = new SplittableRandom(29);
    double[][] a = randomSymmetric(random, 80);
    Lanczos.Result r = Lanczos.top(times(a), 80, 1e-10, 6, 1);
    assertEquals(6, r.steps());
    double[] eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(a)).getEigenvalues();
    double nearest = Double.POSITIVE_INFINITY;
    for (double e : eig) {
      nearest = Math.min(nearest, Math.abs(e - r.value()));
    }
    assertTrue(r.residual() > 1e-6, "six steps do not converge on 80 random eigenvalues");
    assertTrue(nearest <= r.residual() + 1e-12);
  }

  @Test
  void hessianOfALinearNetworkAndOfATanhNetwork() {
    LinearNetwork net = new LinearNetwork(List.of(2, 3, 2), LinearNetwork.identityTarget(List.of(2, 3, 2)));
    List<Dynamics> models = List.of(new ExprDynamics(net),
        TanhNetwork.synthetic(List.of(2, 5, 3, 1), 12, 4));
    SplittableRandom random = new SplittableRandom(31);
    for (Dynamics d : models) {
      for (int trial = 0; trial < 5; trial++) {
        double[] x = d.randomPoint(random, 1);
        Sharpness.Estimate dense = Sharpness.of(d, x, Sharpness.Mode.DENSE);
        Sharpness.Estimate lanczos = Sharpness.of(d, x, Sharpness.Mode.LANCZOS);
        assertEquals(Sharpness.Mode.LANCZOS, lanczos.method());
        assertEquals(dense.value(), lanczos.value(), 1e-8 * Math.max(1, Math.abs(dense.value())),
            d.description());
      }
    }
  }

  /** lambda_max of a tanh network with 185 parameters: Lanczos on batched products vs dense. */
  @Test
  void topEigenvalueOfATanhNetworkHessianAgreesWithTheDenseSolve() {
    TanhNetwork net = TanhNetwork.synthetic(List.of(5, 12, 8, 1), 40, 3);
    assertEquals(185, net.dimension());
    SplittableRandom random = new SplittableRandom(37);
    for (int trial = 0; trial < 3; trial++) {
      double[] x = net.randomPoint(random, 1 + trial);
      double dense = Sharpness.dense(net.hessian(x));
      Lanczos.Result r = Lanczos.top(net.hessianAt(x), net.dimension(), Sharpness.LANCZOS_TOLERANCE,
          300, trial);
      assertEquals(dense, r.value(), 1e-9 * Math.max(1, Math.abs(dense)));
      assertTrue(r.residual() <= 1e-9 * Math.max(1, Math.abs(dense)), "residual " + r.residual());
    }
  }

  /**
   * Reorthogonalisation: a vector with a component along the basis above sqrt(eps) of its norm
   * comes out orthogonal to working precision; one below that level is left as it is.
   */
  @Test
  void reorthogonalisationRemovesComponentsAboveSemiOrthogonality() {
    SplittableRandom random = new SplittableRandom(41);
    int n = 500;
    int k = 6;
    double[][] q = new double[k][];
    for (int j = 0; j < k; j++) { // an orthonormal basis by Gram-Schmidt, twice
      q[j] = random.doubles(n, -1, 1).toArray();
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < j; i++) {
          double c = Lanczos.dot(q[i], q[j]);
          for (int t = 0; t < n; t++) {
            q[j][t] -= c * q[i][t];
          }
        }
      }
      double norm = Lanczos.norm(q[j]);
      for (int t = 0; t < n; t++) {
        q[j][t] /= norm;
      }
    }
    for (double along : new double[] {0.9, 1e-5}) {
      double[] w = random.doubles(n, -1, 1).toArray();
      for (int j = 0; j < k; j++) { // the component to remove, w = r + along * sum_j q_j
        double c = Lanczos.dot(q[j], w);
        for (int t = 0; t < n; t++) {
          w[t] += (along - c) * q[j][t];
        }
      }
      double[] before = w.clone();
      double norm = Lanczos.orthogonalise(q, k - 1, w);
      assertEquals(Lanczos.norm(w), norm, 1e-12 * norm);
      for (int j = 0; j < k; j++) {
        assertTrue(Math.abs(Lanczos.dot(q[j], w)) <= 1e-14 * norm, along + ": q_" + j + " . w = "
            + Lanczos.dot(q[j], w));
      }
      assertTrue(norm < Lanczos.norm(before), "the components were removed");
    }
    // Below sqrt(eps) |w| the vector is kept: semi-orthogonality suffices.
    double[] w = random.doubles(n, -1, 1).toArray();
    for (int j = 0; j < k; j++) {
      double c = Lanczos.dot(q[j], w);
      for (int t = 0; t < n; t++) {
        w[t] -= c * q[j][t];
      }
    }
    for (int t = 0; t < n; t++) {
      w[t] += 1e-12 * q[0][t];
    }
    double[] kept = w.clone();
    Lanczos.orthogonalise(q, k - 1, w);
    org.junit.jupiter.api.Assertions.assertArrayEquals(kept, w);
  }
}

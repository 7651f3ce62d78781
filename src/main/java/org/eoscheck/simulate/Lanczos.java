package org.eoscheck.simulate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * The largest eigenvalue of a symmetric operator given only by its products A v (e.g. exact
 * Hessian-vector products), by the Lanczos process with full reorthogonalisation.
 *
 * <p>After k steps the Ritz value theta_k (top eigenvalue of the tridiagonal T_k) comes with the
 * residual norm |A y - theta_k y| = beta_k |s_k| of its Ritz vector y; for symmetric A some
 * eigenvalue lies within that distance of theta_k (Parlett, The Symmetric Eigenvalue Problem,
 * Thm 11.4.1), which is the tolerance reported. From a random start the Ritz value approaches
 * lambda_max from below.
 */
public final class Lanczos {
  /** A symmetric linear map R^n -> R^n. */
  @FunctionalInterface
  public interface Operator {
    void apply(double[] v, double[] out);
  }

  /** The top Ritz value, the residual norm of its Ritz vector, and the number of steps taken. */
  public record Result(double value, double residual, int steps) {}

  private Lanczos() {}

  /**
   * Runs until the residual norm is at most {@code tolerance * max(1, |theta|)}, the Krylov space
   * is invariant, or {@code maxSteps} (at most n) steps; the start vector is drawn from
   * {@code seed}.
   */
  public static Result top(Operator a, int n, double tolerance, int maxSteps, long seed) {
    int kMax = Math.min(Math.max(1, maxSteps), n);
    double[][] q = new double[kMax + 1][];
    double[] alpha = new double[kMax];
    double[] beta = new double[kMax];
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    scale(v, 1 / norm(v));
    q[0] = v;
    double[] w = new double[n];
    Result best = new Result(Double.NaN, Double.POSITIVE_INFINITY, 0);
    for (int k = 0; k < kMax; k++) {
      a.apply(q[k], w);
      alpha[k] = dot(w, q[k]);
      // Full reorthogonalisation (twice is enough): w -= Q (Q^T w).
      for (int pass = 0; pass < 2; pass++) {
        for (int j = 0; j <= k; j++) {
          axpy(-dot(w, q[j]), q[j], w);
        }
      }
      beta[k] = norm(w);
      double[] main = Arrays.copyOf(alpha, k + 1);
      double[] secondary = Arrays.copyOf(beta, k);
      EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(main, secondary);
      int top = argMax(eig.getEigenvalues());
      double theta = eig.getEigenvalue(top);
      double lastComponent = eig.getEigenvector(top).getEntry(k);
      double residual = Math.abs(beta[k] * lastComponent);
      best = new Result(theta, residual, k + 1);
      boolean invariant = beta[k] <= 1e-14 * Math.max(1, Math.abs(theta));
      if (invariant || residual <= tolerance * Math.max(1, Math.abs(theta)) || k + 1 == kMax) {
        return best;
      }
      q[k + 1] = w.clone();
      scale(q[k + 1], 1 / beta[k]);
    }
    return best;
  }

  private static int argMax(double[] x) {
    int best = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i] > x[best]) {
        best = i;
      }
    }
    return best;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static void axpy(double c, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += c * x[i];
    }
  }

  private static void scale(double[] x, double c) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= c;
    }
  }
}

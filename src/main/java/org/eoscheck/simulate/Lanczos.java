package org.eoscheck.simulate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * The largest eigenvalue of a symmetric operator given only by its products A v (e.g. exact
 * Hessian-vector products), by the Lanczos process, its basis kept semi-orthogonal by
 * reorthogonalisation where needed ({@link #orthogonalise}).
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

  /** sqrt(eps): the level of semi-orthogonality kept between basis vectors. */
  private static final double SEMI_ORTHOGONAL = Math.sqrt(Math.ulp(1.0));

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
      // The three-term recurrence, then full reorthogonalisation against the whole basis.
      axpy(-alpha[k], q[k], w);
      if (k > 0) {
        axpy(-beta[k - 1], q[k - 1], w);
      }
      beta[k] = orthogonalise(q, k, w);
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

  /**
   * Reorthogonalisation of w against q_0..q_k: the inner products h = Q^T w are measured at every
   * step; when each |h_j| is at most sqrt(eps) |w|, the next basis vector w / |w| keeps the basis
   * semi-orthogonal, which suffices for Ritz values and residual bounds as accurate as with full
   * orthogonality (Simon, "The Lanczos algorithm with partial reorthogonalization", Math. Comp.
   * 42 (1984)), and w is left as it is. Otherwise classical Gram-Schmidt, w -= Q h, repeated once
   * when the pass removed more than 1 - 1/sqrt 2 of |w| ("twice is enough": Daniel, Gragg,
   * Kaufman and Stewart, Math. Comp. 30 (1976), the criterion of ARPACK's dsaitr). Called after
   * the three-term recurrence. Returns |w|.
   */
  static double orthogonalise(double[][] q, int k, double[] w) {
    int n = w.length;
    double before = norm(w);
    double[][] minusH = new double[1][k + 1];
    double[][] row = {w};
    for (int pass = 0; pass < 2; pass++) {
      DenseProducts.times(k + 1, n, q, w, minusH[0]);
      double largest = 0;
      for (int j = 0; j <= k; j++) {
        largest = Math.max(largest, Math.abs(minusH[0][j]));
        minusH[0][j] = -minusH[0][j];
      }
      if (pass == 0 && largest <= SEMI_ORTHOGONAL * before) {
        return before;
      }
      DenseProducts.multiplyAdd(1, k + 1, n, minusH, false, q, row);
      double after = norm(w);
      if (after > before / Math.sqrt(2)) {
        return after;
      }
      before = after;
    }
    return before;
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

  /** a . b, with four partial sums (independent additions, which the processor overlaps). */
  static double dot(double[] a, double[] b) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < a.length; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    for (; i < a.length; i++) {
      s0 += a[i] * b[i];
    }
    return (s0 + s1) + (s2 + s3);
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

package org.eoscheck.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A training loss L(theta) in double precision: what a GD simulation needs of a model. Exact
 * (symbolic) models are adapted by {@link ExprDynamics}; families with known structure have fast
 * hand-written implementations ({@link ScalarDynamics}, {@link TanhNetwork}). Implementations are
 * immutable and thread-safe.
 */
public interface Dynamics {
  /** One line for humans. */
  String description();

  /** Parameter names, in order: the coordinates of theta. */
  List<String> parameters();

  default int dimension() {
    return parameters().size();
  }

  /** A random initial point: theta ~ N(0, scale^2 I) unless the model knows better. */
  default double[] randomPoint(SplittableRandom random, double scale) {
    double[] theta = new double[dimension()];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = scale * random.nextGaussian();
    }
    return theta;
  }

  /** L(theta). */
  double loss(double[] theta);

  /** grad L(theta), written to {@code out}. */
  void gradient(double[] theta, double[] out);

  /** The exact Hessian-vector product Hess L(theta) v, written to {@code out}. */
  void hessianTimes(double[] theta, double[] v, double[] out);

  /**
   * v -> Hess L(theta) v at a fixed theta (copied), for many products at one point (Lanczos, the
   * dense Hessian); a model may do the work that does not depend on v once. Not thread-safe.
   */
  default Lanczos.Operator hessianAt(double[] theta) {
    double[] at = theta.clone();
    return (v, out) -> hessianTimes(at, v, out);
  }

  /** Hess L(theta) as a dense symmetric matrix (by default from its products with e_1..e_n). */
  default double[][] hessian(double[] theta) {
    Lanczos.Operator product = hessianAt(theta);
    int n = dimension();
    double[][] h = new double[n][n];
    double[] e = new double[n];
    double[] column = new double[n];
    for (int j = 0; j < n; j++) {
      e[j] = 1;
      product.apply(e, column);
      e[j] = 0;
      for (int i = 0; i < n; i++) {
        h[i][j] = column[i];
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double m = (h[i][j] + h[j][i]) / 2;
        h[i][j] = m;
        h[j][i] = m;
      }
    }
    return h;
  }

  /** Whether {@link #residual} is defined (models with an end-to-end product). */
  default boolean hasResidual() {
    return false;
  }

  /** pi(theta) - target, or NaN. */
  default double residual(double[] theta) {
    return Double.NaN;
  }

  /** Whether {@link #gfsSharpness} has a closed form or an implicit-root form. */
  default boolean hasGfsSharpness() {
    return false;
  }

  /** The sharpness of the gradient-flow solution from theta, or NaN where not known. */
  default double gfsSharpness(double[] theta) {
    return Double.NaN;
  }

  /** How {@link #gfsSharpness} is computed, for the output ("closed form ..."), or "". */
  default String gfsSharpnessMethod() {
    return "";
  }

  /** lambda_max(Hess L(theta)) from the model's structure, or NaN where there is none. */
  default double structuredSharpness(double[] theta) {
    return Double.NaN;
  }

  /** How {@link #structuredSharpness} works, or "" where there is none. */
  default String structuredSharpnessMethod() {
    return "";
  }
}

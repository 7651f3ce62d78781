package org.eoscheck.simulate;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * The sharpness lambda_max(Hess L(theta)) of a {@link Dynamics}, by one of three methods: the
 * model's structure (closed forms, e.g. the secular equation of the scalar network), a dense
 * symmetric eigen-solve of the exact Hessian (Hipparchus), or Lanczos on exact Hessian-vector
 * products (for larger models, with its residual norm as the tolerance).
 */
public final class Sharpness {
  /** How to compute lambda_max. */
  public enum Mode {
    /** Structure when the model has one, else dense up to {@link #DENSE_LIMIT} parameters, else Lanczos. */
    AUTO,
    STRUCTURED,
    DENSE,
    LANCZOS;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Dense eigen-solves are used up to this many parameters in {@link Mode#AUTO}. */
  public static final int DENSE_LIMIT = 64;
  /** Relative residual tolerance of Lanczos. */
  public static final double LANCZOS_TOLERANCE = 1e-10;

  /** lambda_max, its tolerance (Lanczos residual norm; 0 for the direct methods), the method. */
  public record Estimate(double value, double tolerance, Mode method) {}

  private Sharpness() {}

  /** The method {@code mode} resolves to for {@code d}. */
  public static Mode resolve(Dynamics d, Mode mode) {
    if (mode != Mode.AUTO) {
      return mode;
    }
    if (!d.structuredSharpnessMethod().isEmpty()) {
      return Mode.STRUCTURED;
    }
    return d.dimension() <= DENSE_LIMIT ? Mode.DENSE : Mode.LANCZOS;
  }

  /** A line describing the resolved method, for the output. */
  public static String describe(Dynamics d, Mode mode) {
    switch (resolve(d, mode)) {
      case STRUCTURED:
        return "structured: " + d.structuredSharpnessMethod() + " (dense eigen-solve where it is undefined)";
      case DENSE:
        return "dense symmetric eigen-solve of the exact Hessian (Hipparchus)";
      default:
        return "Lanczos on exact Hessian-vector products (Ritz residual norm in the sharpness_tol"
            + " column)";
    }
  }

  public static Estimate of(Dynamics d, double[] theta, Mode mode) {
    for (double t : theta) {
      if (!Double.isFinite(t)) {
        return new Estimate(Double.NaN, Double.NaN, resolve(d, mode));
      }
    }
    Mode m = resolve(d, mode);
    switch (m) {
      case STRUCTURED: {
        double s = d.structuredSharpness(theta);
        if (!Double.isNaN(s)) {
          return new Estimate(s, 0, m);
        }
        if (d.structuredSharpnessMethod().isEmpty()) {
          throw new IllegalArgumentException(d.description() + " has no structured sharpness");
        }
        return new Estimate(dense(d.hessian(theta)), 0, Mode.DENSE);
      }
      case DENSE:
        return new Estimate(dense(d.hessian(theta)), 0, m);
      default: {
        Lanczos.Result r = Lanczos.top(d.hessianAt(theta), d.dimension(),
            LANCZOS_TOLERANCE, 300, 20230723L);
        return new Estimate(r.value(), r.residual(), m);
      }
    }
  }

  /** The largest eigenvalue of a symmetric matrix. */
  public static double dense(double[][] h) {
    for (double[] row : h) {
      for (double x : row) {
        if (!Double.isFinite(x)) {
          return Double.NaN;
        }
      }
    }
    double[] eigenvalues = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(h, false))
        .getEigenvalues();
    double max = Double.NEGATIVE_INFINITY;
    for (double e : eigenvalues) {
      max = Math.max(max, e);
    }
    return max;
  }
}

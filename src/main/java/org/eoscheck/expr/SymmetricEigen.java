package org.eoscheck.expr;

/**
 * Eigenvalues of a small symmetric matrix in doubles by the cyclic Jacobi method: estimates, NOT
 * bounds (the kernel's SymmetricSpectrum uses the eigenvector only as a witness it checks; the
 * double evaluator uses the value for eigmax and eigmin).
 */
public final class SymmetricEigen {
  private SymmetricEigen() {}

  /** The top (or bottom) eigenvalue of a symmetric matrix in doubles (not a bound), or NaN. */
  public static double extreme(double[] upper, boolean top) {
    int n = Fn.matrixOrder(upper.length);
    double[][] m = new double[n][n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        m[i][j] = top ? upper[k] : -upper[k];
        m[j][i] = m[i][j];
        k++;
      }
    }
    SymmetricEigen.Pair e = SymmetricEigen.top(m);
    return e == null ? Double.NaN : top ? e.value() : -e.value();
  }

  /** An eigenvalue and a unit eigenvector. */
  public record Pair(double value, double[] vector) {}

  /** A top eigenpair (|v| = 1), or null when the entries are not finite. */
  public static Pair top(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][];
    double[][] q = new double[n][n];
    for (int i = 0; i < n; i++) {
      a[i] = matrix[i].clone();
      q[i][i] = 1;
    }
    for (int sweep = 0; sweep < 60; sweep++) {
      double off = 0;
      double all = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          all += a[i][j] * a[i][j];
          if (i != j) {
            off += a[i][j] * a[i][j];
          }
        }
      }
      if (off <= 1e-32 * all || off == 0) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int r = p + 1; r < n; r++) {
          if (a[p][r] == 0) {
            continue;
          }
          double theta = (a[r][r] - a[p][p]) / (2 * a[p][r]);
          double t = Math.signum(theta == 0 ? 1 : theta)
              / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akr = a[k][r];
            a[k][p] = c * akp - s * akr;
            a[k][r] = s * akp + c * akr;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double ark = a[r][k];
            a[p][k] = c * apk - s * ark;
            a[r][k] = s * apk + c * ark;
          }
          for (int k = 0; k < n; k++) {
            double qkp = q[k][p];
            double qkr = q[k][r];
            q[k][p] = c * qkp - s * qkr;
            q[k][r] = s * qkp + c * qkr;
          }
        }
      }
    }
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (a[i][i] > a[best][best]) {
        best = i;
      }
    }
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = q[k][best];
      if (!Double.isFinite(v[k])) {
        return null;
      }
    }
    return Double.isFinite(a[best][best]) ? new Pair(a[best][best], v) : null;
  }
}

package org.eoscheck.simulate;

/**
 * Dense matrix products for the batched passes of {@link TanhNetwork}: C += A B with the rows of
 * B and C as separate arrays, the inner loop running along a row ({@code c[j] += a0 b0[j] + a1
 * b1[j] + a2 b2[j] + a3 b3[j]}), four rows of B per sweep of a row of C. Written so the JIT
 * compiles the inner loop to SIMD instructions: on Java 17 it does so only when every array in
 * the loop is indexed by the loop variable alone (rows stored at an offset inside one long array
 * were measured 3 times slower, unvectorised), hence row arrays rather than one flat block.
 */
final class DenseProducts {
  /**
   * Rows of C updated per group of four rows of B: the four rows and the block of C stay in the
   * L1 cache while the block is swept (about 20% faster than row by row, measured at 300 x 256).
   */
  private static final int ROWS = 8;

  private DenseProducts() {}

  /**
   * C += A B for C m x n (rows {@code c[i]}, their first n entries), B k x n (rows {@code b[p]})
   * and A m x k: A(i, p) = a[i][p], or with {@code transposeA} A(i, p) = a[p][i] (then C +=
   * a^T B).
   */
  static void multiplyAdd(int m, int k, int n, double[][] a, boolean transposeA, double[][] b,
      double[][] c) {
    for (int i0 = 0; i0 < m; i0 += ROWS) {
      int i1 = Math.min(m, i0 + ROWS);
      int p = 0;
      for (; p + 3 < k; p += 4) {
        double[] b0 = b[p];
        double[] b1 = b[p + 1];
        double[] b2 = b[p + 2];
        double[] b3 = b[p + 3];
        for (int i = i0; i < i1; i++) {
          double a0 = entry(a, transposeA, i, p);
          double a1 = entry(a, transposeA, i, p + 1);
          double a2 = entry(a, transposeA, i, p + 2);
          double a3 = entry(a, transposeA, i, p + 3);
          double[] ci = c[i];
          for (int j = 0; j < n; j++) {
            ci[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
          }
        }
      }
      for (; p < k; p++) {
        double[] b0 = b[p];
        for (int i = i0; i < i1; i++) {
          double a0 = entry(a, transposeA, i, p);
          double[] ci = c[i];
          for (int j = 0; j < n; j++) {
            ci[j] += a0 * b0[j];
          }
        }
      }
    }
  }

  private static double entry(double[][] a, boolean transposeA, int i, int p) {
    return transposeA ? a[p][i] : a[i][p];
  }

  /**
   * y = A x for A m x n given by rows {@code a[i]} (their first n entries): four rows per sweep
   * of x, each with its own partial sum.
   */
  static void times(int m, int n, double[][] a, double[] x, double[] y) {
    int i = 0;
    for (; i + 3 < m; i += 4) {
      double[] a0 = a[i];
      double[] a1 = a[i + 1];
      double[] a2 = a[i + 2];
      double[] a3 = a[i + 3];
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int j = 0; j < n; j++) {
        double xj = x[j];
        s0 += a0[j] * xj;
        s1 += a1[j] * xj;
        s2 += a2[j] * xj;
        s3 += a3[j] * xj;
      }
      y[i] = s0;
      y[i + 1] = s1;
      y[i + 2] = s2;
      y[i + 3] = s3;
    }
    for (; i < m; i++) {
      y[i] = Lanczos.dot(a[i], x);
    }
  }

  /** The transpose of the first rows x cols entries of {@code a} into {@code out} (cols x rows). */
  static void transpose(int rows, int cols, double[][] a, double[][] out) {
    for (int i = 0; i < rows; i++) {
      double[] ai = a[i];
      for (int j = 0; j < cols; j++) {
        out[j][i] = ai[j];
      }
    }
  }

  /** Sets the first rows x cols entries of {@code c} to 0. */
  static void clear(int rows, int cols, double[][] c) {
    for (int i = 0; i < rows; i++) {
      java.util.Arrays.fill(c[i], 0, cols, 0);
    }
  }
}

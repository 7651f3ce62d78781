package org.eoscheck.simulate;

/**
 * Dense matrix products on contiguous row-major {@code double[]} blocks, for the batched passes
 * of {@link TanhNetwork}: C += A B with the inner loop running along a row of B and of C
 * ({@code c[j] += a0 b0[j] + a1 b1[j] + a2 b2[j] + a3 b3[j]}), a form the JIT compiles to SIMD
 * instructions; four rows of B per sweep of C keep loads and stores of C to a quarter.
 */
final class DenseProducts {
  private DenseProducts() {}

  /**
   * C += A B for C m x n (rows of length n at {@code cOff}), B k x n (rows of length n at
   * {@code bOff}), and A m x k read with strides: A(i, p) = a[aOff + i aRow + p aCol] (so A^T of
   * a row-major block is {@code aRow = 1, aCol = its row length}).
   */
  static void multiplyAdd(int m, int k, int n, double[] a, int aOff, int aRow, int aCol,
      double[] b, int bOff, double[] c, int cOff) {
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * aRow;
      int ci = cOff + i * n;
      int p = 0;
      for (; p + 3 < k; p += 4) {
        double a0 = a[ai + p * aCol];
        double a1 = a[ai + (p + 1) * aCol];
        double a2 = a[ai + (p + 2) * aCol];
        double a3 = a[ai + (p + 3) * aCol];
        int b0 = bOff + p * n;
        int b1 = b0 + n;
        int b2 = b1 + n;
        int b3 = b2 + n;
        for (int j = 0; j < n; j++) {
          c[ci + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
        }
      }
      for (; p < k; p++) {
        double a0 = a[ai + p * aCol];
        int b0 = bOff + p * n;
        for (int j = 0; j < n; j++) {
          c[ci + j] += a0 * b[b0 + j];
        }
      }
    }
  }

  /** The transpose of the rows x cols block {@code a} (row-major) into {@code out} (cols x rows). */
  static void transpose(int rows, int cols, double[] a, double[] out) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[j * rows + i] = a[i * cols + j];
      }
    }
  }
}

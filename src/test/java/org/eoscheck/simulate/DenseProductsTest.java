package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseProductsTest {
  @Test
  void multiplyAddIsTheMatrixProductWithStridesAndOffsets() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 40; trial++) {
      int m = 1 + random.nextInt(9);
      int k = 1 + random.nextInt(11); // k mod 4 takes every value: the unrolled loop and its tail
      int n = 1 + random.nextInt(13);
      boolean transposed = random.nextBoolean();
      // A(i, p) given by rows (m x k), or as the transpose of a k x m matrix; rows longer than used.
      double[][] a = matrix(random, transposed ? k : m, (transposed ? m : k) + random.nextInt(3));
      double[][] b = matrix(random, k, n + random.nextInt(3));
      double[][] c = matrix(random, m, n + random.nextInt(3));
      double[][] expected = new double[m][];
      for (int i = 0; i < m; i++) {
        expected[i] = c[i].clone();
        for (int j = 0; j < n; j++) {
          for (int p = 0; p < k; p++) {
            expected[i][j] += (transposed ? a[p][i] : a[i][p]) * b[p][j];
          }
        }
      }
      DenseProducts.multiplyAdd(m, k, n, a, transposed, b, c);
      for (int i = 0; i < m; i++) {
        assertArrayEquals(expected[i], c[i], 1e-13, "row " + i + " of trial " + trial);
      }
    }
  }

  private static double[][] matrix(SplittableRandom random, int rows, int cols) {
    double[][] x = new double[rows][];
    for (int i = 0; i < rows; i++) {
      x[i] = random.doubles(cols).toArray();
    }
    return x;
  }

  @Test
  void transposeSwapsRowsAndColumns() {
    double[][] t = new double[3][2];
    DenseProducts.transpose(2, 3, new double[][] {{1, 2, 3}, {4, 5, 6}}, t);
    assertArrayEquals(new double[] {1, 4}, t[0]);
    assertArrayEquals(new double[] {2, 5}, t[1]);
    assertArrayEquals(new double[] {3, 6}, t[2]);
  }
}

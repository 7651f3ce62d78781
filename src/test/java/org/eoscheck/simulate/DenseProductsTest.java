package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
      int aOff = random.nextInt(5);
      int bOff = random.nextInt(5);
      int cOff = random.nextInt(5);
      double[] a = random.doubles(aOff + m * k).toArray();
      double[] b = random.doubles(bOff + k * n).toArray();
      double[] c = random.doubles(cOff + m * n).toArray();
      // A(i, p) stored row-major (m x k), or as the transpose of a row-major k x m block.
      int aRow = transposed ? 1 : k;
      int aCol = transposed ? m : 1;
      double[] expected = c.clone();
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          for (int p = 0; p < k; p++) {
            expected[cOff + i * n + j] += a[aOff + i * aRow + p * aCol] * b[bOff + p * n + j];
          }
        }
      }
      DenseProducts.multiplyAdd(m, k, n, a, aOff, aRow, aCol, b, bOff, c, cOff);
      for (int q = 0; q < c.length; q++) {
        assertEquals(expected[q], c[q], 1e-13, "entry " + q + " of trial " + trial);
      }
    }
  }

  @Test
  void transposeSwapsRowsAndColumns() {
    double[] a = {1, 2, 3, 4, 5, 6}; // 2 x 3
    double[] t = new double[6];
    DenseProducts.transpose(2, 3, a, t);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, t);
  }
}

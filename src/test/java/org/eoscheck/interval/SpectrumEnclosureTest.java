package org.eoscheck.interval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.eoscheck.expr.SymmetricEigen;
import org.junit.jupiter.api.Test;

/**
 * The prover's eigmax / eigmin over double intervals (the kernel's SymmetricSpectrum) contains the
 * extreme eigenvalues of sampled member matrices, and is not wide for narrow boxes.
 */
class SpectrumEnclosureTest {
  @Test
  void randomIntervalMatricesContainTheEigenvaluesOfTheirMembers() {
    Random r = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int n = 2 + r.nextInt(3);
      int m = n * (n + 1) / 2;
      Interval[] box = new Interval[m];
      for (int k = 0; k < m; k++) {
        double mid = 4 * r.nextDouble() - 2;
        double rad = trial % 2 == 0 ? 0 : 0.1 * r.nextDouble();
        box[k] = new Interval(mid - rad, mid + rad);
      }
      Interval top = SpectrumEnclosure.enclose(box, true);
      Interval bottom = SpectrumEnclosure.enclose(box, false);
      if (trial % 2 == 0) {
        assertTrue(top.width() < 1e-9 && bottom.width() < 1e-9, top + " " + bottom);
      }
      for (int s = 0; s < 20; s++) {
        double[] upper = new double[m];
        for (int k = 0; k < m; k++) {
          upper[k] = box[k].lo() + r.nextDouble() * (box[k].hi() - box[k].lo());
        }
        double t = SymmetricEigen.extreme(upper, true);
        double b = SymmetricEigen.extreme(upper, false);
        double tol = 1e-12;
        assertTrue(top.lo() - tol <= t && t <= top.hi() + tol, t + " not in " + top);
        assertTrue(bottom.lo() - tol <= b && b <= bottom.hi() + tol, b + " not in " + bottom);
      }
    }
  }
}

package org.eoscheck.simulate;

import java.util.Arrays;
import java.util.List;

/**
 * The reference for {@link TanhNetwork}'s batched passes: its former implementation, one sample
 * at a time (forward pass, backpropagation and Pearlmutter's R-operator on vectors), kept here to
 * test the matrix form against.
 */
final class PerSampleTanhNetwork {
  private final int[] widths;
  private final double[][] inputs;
  private final double[][] targets;
  private final int[] offsets;

  PerSampleTanhNetwork(TanhNetwork net) {
    List<Integer> w = net.widths();
    widths = w.stream().mapToInt(Integer::intValue).toArray();
    inputs = net.inputs();
    targets = net.targets();
    offsets = new int[widths.length - 1];
    int o = 0;
    for (int l = 1; l < widths.length; l++) {
      offsets[l - 1] = o;
      o += widths[l] * widths[l - 1] + widths[l];
    }
  }

  double loss(double[] theta) {
    return pass(theta, null, null, null);
  }

  void gradient(double[] theta, double[] out) {
    pass(theta, null, out, null);
  }

  void hessianTimes(double[] theta, double[] v, double[] out) {
    pass(theta, v, new double[theta.length], out);
  }

  private double pass(double[] theta, double[] v, double[] grad, double[] hv) {
    int layers = widths.length - 1;
    int n = inputs.length;
    if (grad != null) {
      Arrays.fill(grad, 0);
    }
    if (hv != null) {
      Arrays.fill(hv, 0);
    }
    double loss = 0;
    double[][] a = new double[layers + 1][];
    double[][] ra = new double[layers + 1][];
    for (int k = 0; k < n; k++) {
      a[0] = inputs[k];
      ra[0] = new double[widths[0]];
      for (int l = 1; l <= layers; l++) {
        int o = offsets[l - 1];
        int rows = widths[l];
        int cols = widths[l - 1];
        a[l] = new double[rows];
        ra[l] = new double[rows];
        for (int i = 0; i < rows; i++) {
          double z = theta[o + rows * cols + i];
          double rz = v == null ? 0 : v[o + rows * cols + i];
          for (int j = 0; j < cols; j++) {
            z += theta[o + i * cols + j] * a[l - 1][j];
            if (v != null) {
              rz += v[o + i * cols + j] * a[l - 1][j] + theta[o + i * cols + j] * ra[l - 1][j];
            }
          }
          boolean hidden = l < layers;
          a[l][i] = hidden ? Math.tanh(z) : z;
          ra[l][i] = hidden ? (1 - a[l][i] * a[l][i]) * rz : rz;
        }
      }
      double[] delta = new double[widths[layers]];
      double[] rDelta = new double[widths[layers]];
      for (int i = 0; i < delta.length; i++) {
        double e = a[layers][i] - targets[k][i];
        loss += e * e / (2 * n);
        delta[i] = e / n;
        rDelta[i] = ra[layers][i] / n;
      }
      if (grad == null) {
        continue;
      }
      for (int l = layers; l >= 1; l--) {
        int o = offsets[l - 1];
        int rows = widths[l];
        int cols = widths[l - 1];
        double[] e = new double[cols];
        double[] re = new double[cols];
        for (int i = 0; i < rows; i++) {
          grad[o + rows * cols + i] += delta[i];
          if (hv != null) {
            hv[o + rows * cols + i] += rDelta[i];
          }
          for (int j = 0; j < cols; j++) {
            int p = o + i * cols + j;
            grad[p] += delta[i] * a[l - 1][j];
            e[j] += theta[p] * delta[i];
            if (hv != null) {
              hv[p] += rDelta[i] * a[l - 1][j] + delta[i] * ra[l - 1][j];
              re[j] += v[p] * delta[i] + theta[p] * rDelta[i];
            }
          }
        }
        if (l > 1) {
          double[] next = new double[cols];
          double[] rNext = new double[cols];
          for (int j = 0; j < cols; j++) {
            double s = 1 - a[l - 1][j] * a[l - 1][j];
            next[j] = e[j] * s;
            rNext[j] = re[j] * s - 2 * e[j] * a[l - 1][j] * ra[l - 1][j];
          }
          delta = next;
          rDelta = rNext;
        }
      }
    }
    return loss;
  }
}

package org.eoscheck.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small fully connected tanh network on synthetic regression data, for experiments beyond
 * scalar networks: widths n_0, ..., n_L, layers z_l = W_l a_{l-1} + b_l with a_l = tanh(z_l) for
 * l < L and a linear output a_L = z_L, loss L = (1 / 2N) sum_k |a_L(x_k) - y_k|^2.
 *
 * <p>Data from a seed: x_k ~ N(0, I), y_k,j = sin(2 u_j . x_k) with u_j ~ N(0, I / n_0).
 * Gradient by backpropagation; exact Hessian-vector products by Pearlmutter's R-operator (forward
 * mode over backpropagation), in the same pass. Parameters are named like the linear networks:
 * {@code W<l>_<i>_<j>} for row i, column j of W_l, and {@code b<l>_<i>} (all 1-based).
 */
public final class TanhNetwork implements Dynamics {
  private final int[] widths;
  private final double[][] inputs;
  private final double[][] targets;
  private final List<String> names;
  /** Offset of W_l (row-major) in theta; b_l follows it. Index l - 1. */
  private final int[] offsets;
  private final long dataSeed;

  private TanhNetwork(int[] widths, double[][] inputs, double[][] targets, long dataSeed) {
    this.widths = widths;
    this.inputs = inputs;
    this.targets = targets;
    this.dataSeed = dataSeed;
    List<String> n = new ArrayList<>();
    offsets = new int[widths.length - 1];
    for (int l = 1; l < widths.length; l++) {
      offsets[l - 1] = n.size();
      for (int i = 1; i <= widths[l]; i++) {
        for (int j = 1; j <= widths[l - 1]; j++) {
          n.add("W" + l + "_" + i + "_" + j);
        }
      }
      for (int i = 1; i <= widths[l]; i++) {
        n.add("b" + l + "_" + i);
      }
    }
    names = List.copyOf(n);
  }

  /** The network with widths {@code widths} on {@code samples} points drawn from {@code seed}. */
  public static TanhNetwork synthetic(List<Integer> widths, int samples, long seed) {
    if (widths.size() < 2 || widths.stream().anyMatch(w -> w < 1) || samples < 1) {
      throw new IllegalArgumentException("need at least two positive widths and one sample");
    }
    int[] w = widths.stream().mapToInt(Integer::intValue).toArray();
    int in = w[0];
    int out = w[w.length - 1];
    SplittableRandom random = new SplittableRandom(seed);
    double[][] u = new double[out][in];
    for (double[] row : u) {
      for (int j = 0; j < in; j++) {
        row[j] = random.nextGaussian() / Math.sqrt(in);
      }
    }
    double[][] x = new double[samples][in];
    double[][] y = new double[samples][out];
    for (int k = 0; k < samples; k++) {
      for (int j = 0; j < in; j++) {
        x[k][j] = random.nextGaussian();
      }
      for (int i = 0; i < out; i++) {
        y[k][i] = Math.sin(2 * Lanczos.dot(u[i], x[k]));
      }
    }
    return new TanhNetwork(w, x, y, seed);
  }

  public List<Integer> widths() {
    return java.util.Arrays.stream(widths).boxed().toList();
  }

  /** The inputs x_k (copies). */
  public double[][] inputs() {
    return copy(inputs);
  }

  /** The targets y_k (copies). */
  public double[][] targets() {
    return copy(targets);
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  @Override
  public String description() {
    return "tanh network, widths " + widths() + ", " + inputs.length
        + " synthetic samples (data seed " + dataSeed + ")";
  }

  @Override
  public List<String> parameters() {
    return names;
  }

  /** LeCun initialisation times {@code scale}: W_l ~ N(0, scale^2 / n_{l-1}), b_l = 0. */
  @Override
  public double[] randomPoint(SplittableRandom random, double scale) {
    double[] theta = new double[names.size()];
    for (int l = 1; l < widths.length; l++) {
      int o = offsets[l - 1];
      double sd = scale / Math.sqrt(widths[l - 1]);
      for (int k = 0; k < widths[l] * widths[l - 1]; k++) {
        theta[o + k] = sd * random.nextGaussian();
      }
    }
    return theta;
  }

  @Override
  public double loss(double[] theta) {
    return pass(theta, null, null, null);
  }

  @Override
  public void gradient(double[] theta, double[] out) {
    pass(theta, null, out, null);
  }

  @Override
  public void hessianTimes(double[] theta, double[] v, double[] out) {
    pass(theta, v, new double[theta.length], out);
  }

  /**
   * Forward and, if {@code grad} is given, backward pass over all samples; with {@code v}, also
   * the R-operator passes giving Hess L v in {@code hv}. Returns the loss.
   */
  private double pass(double[] theta, double[] v, double[] grad, double[] hv) {
    int layers = widths.length - 1;
    int n = inputs.length;
    if (grad != null) {
      java.util.Arrays.fill(grad, 0);
    }
    if (hv != null) {
      java.util.Arrays.fill(hv, 0);
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

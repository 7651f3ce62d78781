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
 * mode over backpropagation), both batched: each layer of each pass is one matrix product over
 * all samples ({@link Pass}). Parameters are named like the linear networks:
 * {@code W<l>_<i>_<j>} for row i, column j of W_l, and {@code b<l>_<i>} (all 1-based).
 */
public final class TanhNetwork implements Dynamics {
  private final int[] widths;
  private final double[][] inputs;
  private final double[][] targets;
  private final int samples;
  /** The inputs as columns X^T (n_0 x N, row-major) and as rows X (N x n_0); targets Y^T. */
  private final double[] inputColumns;
  private final double[] inputRows;
  private final double[] targetColumns;
  private final List<String> names;
  /** Offset of W_l (row-major) in theta; b_l follows it. Index l - 1. */
  private final int[] offsets;
  private final long dataSeed;

  private TanhNetwork(int[] widths, double[][] inputs, double[][] targets, long dataSeed) {
    this.widths = widths;
    this.inputs = inputs;
    this.targets = targets;
    this.dataSeed = dataSeed;
    samples = inputs.length;
    inputRows = new double[samples * widths[0]];
    for (int k = 0; k < samples; k++) {
      System.arraycopy(inputs[k], 0, inputRows, k * widths[0], widths[0]);
    }
    inputColumns = new double[inputRows.length];
    DenseProducts.transpose(samples, widths[0], inputRows, inputColumns);
    int out = widths[widths.length - 1];
    double[] targetRows = new double[samples * out];
    for (int k = 0; k < samples; k++) {
      System.arraycopy(targets[k], 0, targetRows, k * out, out);
    }
    targetColumns = new double[targetRows.length];
    DenseProducts.transpose(samples, out, targetRows, targetColumns);
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
    return new Pass(theta, false).loss;
  }

  @Override
  public void gradient(double[] theta, double[] out) {
    new Pass(theta, true).gradient(out);
  }

  @Override
  public void hessianTimes(double[] theta, double[] v, double[] out) {
    new Pass(theta, true).apply(v, out);
  }

  /** Hess L(theta) as an operator: the forward and backward passes at theta are done once. */
  @Override
  public Lanczos.Operator hessianAt(double[] theta) {
    return new Pass(theta, true);
  }

  /**
   * The passes over the whole batch at one point theta, the samples as columns: A_l = tanh(Z_l),
   * Z_l = W_l A_{l-1} + b_l 1^T (A_0 = X^T, n_l x N), the errors Delta_l = dL/dZ_l (Delta_L =
   * (A_L - Y^T) / N, Delta_{l-1} = E_l o (1 - A_{l-1}^2) with E_l = W_l^T Delta_l), and the
   * gradient dL/dW_l = Delta_l A_{l-1}^T, dL/db_l = Delta_l 1. As an operator, Pearlmutter's
   * R-operator (the directional derivative R{.} = d/dt .(theta + t v) at t = 0) on the same
   * matrices gives Hess L v: R{Z_l} = V_l A_{l-1} + W_l R{A_{l-1}} + c_l 1^T, R{A_l} =
   * (1 - A_l^2) o R{Z_l}, R{Delta_L} = R{A_L} / N, R{E_l} = V_l^T Delta_l + W_l^T R{Delta_l},
   * R{Delta_{l-1}} = R{E_l} o (1 - A_{l-1}^2) - 2 E_l o A_{l-1} o R{A_{l-1}}, and (Hess L v)
   * for W_l is R{Delta_l} A_{l-1}^T + Delta_l R{A_{l-1}}^T, for b_l R{Delta_l} 1. Each product
   * is a matrix product over the batch ({@link DenseProducts}); R{A_0} = 0. As an operator the
   * pass keeps scratch space: one thread at a time.
   */
  private final class Pass implements Lanczos.Operator {
    private final double[] theta;
    private final int layers = widths.length - 1;
    private final int n = samples;
    /** A_l (n_l x N), l = 0..L. */
    private final double[][] a = new double[layers + 1][];
    /** A_l^T (N x n_l), l = 0..L-1: the right factors of the weight gradients. */
    private final double[][] aRows = new double[layers][];
    /** Delta_l (n_l x N), l = 1..L, and E_l (n_{l-1} x N), l = 2..L; null without backward. */
    private final double[][] delta = new double[layers + 1][];
    private final double[][] e = new double[layers + 1][];
    private final double loss;
    /** Scratch of the R-operator: R{A_l}, R{Delta_l}, R{E}, R{A}^T. */
    private double[][] ra;
    private double[][] rDelta;
    private double[] re;
    private double[] raRows;

    Pass(double[] theta, boolean backward) {
      this.theta = theta.clone();
      a[0] = inputColumns;
      aRows[0] = inputRows;
      for (int l = 1; l <= layers; l++) {
        int rows = widths[l];
        int cols = widths[l - 1];
        int o = offsets[l - 1];
        double[] z = new double[rows * n];
        for (int i = 0; i < rows; i++) {
          java.util.Arrays.fill(z, i * n, (i + 1) * n, theta[o + rows * cols + i]);
        }
        DenseProducts.multiplyAdd(rows, cols, n, theta, o, cols, 1, a[l - 1], 0, z, 0);
        if (l < layers) {
          for (int q = 0; q < z.length; q++) {
            z[q] = Math.tanh(z[q]);
          }
          if (backward) {
            aRows[l] = new double[z.length];
            DenseProducts.transpose(rows, n, z, aRows[l]);
          }
        }
        a[l] = z;
      }
      double sum = 0;
      double[] out = a[layers];
      double[] d = new double[out.length];
      for (int q = 0; q < out.length; q++) {
        double r = out[q] - targetColumns[q];
        sum += r * r;
        d[q] = r / n;
      }
      loss = sum / (2.0 * n);
      if (!backward) {
        return;
      }
      delta[layers] = d;
      for (int l = layers; l > 1; l--) {
        int rows = widths[l];
        int cols = widths[l - 1];
        double[] el = new double[cols * n];
        DenseProducts.multiplyAdd(cols, rows, n, theta, offsets[l - 1], 1, cols, delta[l], 0, el, 0);
        e[l] = el;
        double[] below = new double[el.length];
        double[] act = a[l - 1];
        for (int q = 0; q < el.length; q++) {
          below[q] = el[q] * (1 - act[q] * act[q]);
        }
        delta[l - 1] = below;
      }
    }

    void gradient(double[] out) {
      for (int l = layers; l >= 1; l--) {
        weightProducts(l, delta[l], null, out);
      }
    }

    /**
     * Writes D A_{l-1}^T (+ delta_l R{A_{l-1}}^T when {@code ra} is given) to the block of W_l
     * in {@code out}, and D 1 to that of b_l.
     */
    private void weightProducts(int l, double[] dl, double[] raBelow, double[] out) {
      int rows = widths[l];
      int cols = widths[l - 1];
      int o = offsets[l - 1];
      java.util.Arrays.fill(out, o, o + rows * cols, 0);
      DenseProducts.multiplyAdd(rows, n, cols, dl, 0, n, 1, aRows[l - 1], 0, out, o);
      if (raBelow != null) {
        DenseProducts.transpose(cols, n, raBelow, raRows);
        DenseProducts.multiplyAdd(rows, n, cols, delta[l], 0, n, 1, raRows, 0, out, o);
      }
      for (int i = 0; i < rows; i++) {
        double s = 0;
        for (int k = i * n; k < (i + 1) * n; k++) {
          s += dl[k];
        }
        out[o + rows * cols + i] = s;
      }
    }

    @Override
    public void apply(double[] v, double[] out) {
      if (ra == null) {
        ra = new double[layers + 1][];
        rDelta = new double[layers + 1][];
        int widest = 0;
        for (int l = 1; l <= layers; l++) {
          ra[l] = new double[widths[l] * n];
          rDelta[l] = new double[widths[l] * n];
          widest = Math.max(widest, widths[l]);
        }
        re = new double[widest * n];
        raRows = new double[widest * n];
      }
      for (int l = 1; l <= layers; l++) {
        int rows = widths[l];
        int cols = widths[l - 1];
        int o = offsets[l - 1];
        double[] rz = ra[l];
        for (int i = 0; i < rows; i++) {
          java.util.Arrays.fill(rz, i * n, (i + 1) * n, v[o + rows * cols + i]);
        }
        DenseProducts.multiplyAdd(rows, cols, n, v, o, cols, 1, a[l - 1], 0, rz, 0);
        if (l > 1) {
          DenseProducts.multiplyAdd(rows, cols, n, theta, o, cols, 1, ra[l - 1], 0, rz, 0);
        }
        if (l < layers) {
          double[] act = a[l];
          for (int q = 0; q < rz.length; q++) {
            rz[q] *= 1 - act[q] * act[q];
          }
        }
      }
      double[] top = rDelta[layers];
      for (int q = 0; q < top.length; q++) {
        top[q] = ra[layers][q] / n;
      }
      for (int l = layers; l >= 1; l--) {
        weightProducts(l, rDelta[l], l > 1 ? ra[l - 1] : null, out);
        if (l == 1) {
          break;
        }
        int rows = widths[l];
        int cols = widths[l - 1];
        int o = offsets[l - 1];
        java.util.Arrays.fill(re, 0, cols * n, 0);
        DenseProducts.multiplyAdd(cols, rows, n, v, o, 1, cols, delta[l], 0, re, 0);
        DenseProducts.multiplyAdd(cols, rows, n, theta, o, 1, cols, rDelta[l], 0, re, 0);
        double[] act = a[l - 1];
        double[] rAct = ra[l - 1];
        double[] el = e[l];
        double[] below = rDelta[l - 1];
        for (int q = 0; q < cols * n; q++) {
          below[q] = re[q] * (1 - act[q] * act[q]) - 2 * el[q] * act[q] * rAct[q];
        }
      }
    }
  }
}

package org.eoscheck.simulate;

import java.util.ArrayList;
import java.util.Arrays;
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
  /** The inputs as columns X^T (n_0 x N) and the targets as columns Y^T (n_L x N). */
  private final double[][] inputColumns;
  private final double[][] targetColumns;
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
    inputColumns = new double[widths[0]][samples];
    DenseProducts.transpose(samples, widths[0], inputs, inputColumns);
    targetColumns = new double[widths[widths.length - 1]][samples];
    DenseProducts.transpose(samples, widths[widths.length - 1], targets, targetColumns);
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
    return Arrays.stream(widths).boxed().toList();
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
   * The passes over the whole batch at one point theta, the samples as columns: A_l = tanh(Z_l)
   * (l < L; A_L = Z_L), Z_l = W_l A_{l-1} + b_l 1^T (A_0 = X^T, n_l x N), the errors Delta_l = dL/dZ_l (Delta_L =
   * (A_L - Y^T) / N, Delta_{l-1} = E_l o (1 - A_{l-1}^2) with E_l = W_l^T Delta_l), and the
   * gradient dL/dW_l = Delta_l A_{l-1}^T, dL/db_l = Delta_l 1. As an operator, Pearlmutter's
   * R-operator (the directional derivative R{.} = d/dt .(theta + t v) at t = 0, v made of V_l
   * and c_l in the places of W_l and b_l) on the same
   * matrices gives Hess L v: R{Z_l} = V_l A_{l-1} + W_l R{A_{l-1}} + c_l 1^T, R{A_l} =
   * (1 - A_l^2) o R{Z_l}, R{Delta_L} = R{A_L} / N, R{E_l} = V_l^T Delta_l + W_l^T R{Delta_l},
   * R{Delta_{l-1}} = R{E_l} o (1 - A_{l-1}^2) - 2 E_l o A_{l-1} o R{A_{l-1}}, and (Hess L v)
   * for W_l is R{Delta_l} A_{l-1}^T + Delta_l R{A_{l-1}}^T, for b_l R{Delta_l} 1. Each product
   * is a matrix product over the batch ({@link DenseProducts}); R{A_0} = 0. As an operator the
   * pass keeps scratch space: one thread at a time. The matrices are arrays of rows (see
   * {@link DenseProducts}).
   */
  private final class Pass implements Lanczos.Operator {
    private final int layers = widths.length - 1;
    private final int n = samples;
    /** W_l (n_l x n_{l-1}), l = 1..L. */
    private final double[][][] w = new double[layers + 1][][];
    /** A_l (n_l x N), l = 0..L. */
    private final double[][][] a = new double[layers + 1][][];
    /** A_l^T (N x n_l), l = 0..L-1: the right factors of the weight gradients. */
    private final double[][][] aRows = new double[layers][][];
    /** Delta_l (n_l x N), l = 1..L, and E_l (n_{l-1} x N), l = 2..L; null without backward. */
    private final double[][][] delta = new double[layers + 1][][];
    private final double[][][] e = new double[layers + 1][][];
    private final double loss;
    /**
     * Scratch of the R-operator, per layer: V_l, R{A_l}, R{Delta_l}, R{E_l}, R{A_{l-1}}^T and a
     * block of the shape of W_l.
     */
    private double[][][] vw;
    private double[][][] ra;
    private double[][][] rDelta;
    private double[][][] re;
    private double[][][] raRows;
    private double[][][] block;

    Pass(double[] theta, boolean backward) {
      a[0] = inputColumns;
      aRows[0] = inputs;
      for (int l = 1; l <= layers; l++) {
        int rows = widths[l];
        int cols = widths[l - 1];
        w[l] = weights(theta, l, new double[rows][cols]);
        double[][] z = new double[rows][n];
        for (int i = 0; i < rows; i++) {
          Arrays.fill(z[i], theta[offsets[l - 1] + rows * cols + i]);
        }
        DenseProducts.multiplyAdd(rows, cols, n, w[l], false, a[l - 1], z);
        if (l < layers) {
          for (double[] zi : z) {
            for (int k = 0; k < n; k++) {
              zi[k] = Math.tanh(zi[k]);
            }
          }
          if (backward) {
            aRows[l] = new double[n][rows];
            DenseProducts.transpose(rows, n, z, aRows[l]);
          }
        }
        a[l] = z;
      }
      double sum = 0;
      int outputs = widths[layers];
      double[][] d = new double[outputs][n];
      for (int i = 0; i < outputs; i++) {
        for (int k = 0; k < n; k++) {
          double r = a[layers][i][k] - targetColumns[i][k];
          sum += r * r;
          d[i][k] = r / n;
        }
      }
      loss = sum / (2.0 * n);
      if (!backward) {
        return;
      }
      delta[layers] = d;
      for (int l = layers; l > 1; l--) {
        int cols = widths[l - 1];
        e[l] = new double[cols][n];
        DenseProducts.multiplyAdd(cols, widths[l], n, w[l], true, delta[l], e[l]);
        delta[l - 1] = new double[cols][n];
        for (int j = 0; j < cols; j++) {
          double[] act = a[l - 1][j];
          for (int k = 0; k < n; k++) {
            delta[l - 1][j][k] = e[l][j][k] * (1 - act[k] * act[k]);
          }
        }
      }
    }

    /** The block of W_l in {@code theta}, copied to {@code to} (n_l x n_{l-1}). */
    private double[][] weights(double[] theta, int l, double[][] to) {
      int cols = widths[l - 1];
      for (int i = 0; i < to.length; i++) {
        System.arraycopy(theta, offsets[l - 1] + i * cols, to[i], 0, cols);
      }
      return to;
    }

    void gradient(double[] out) {
      for (int l = layers; l >= 1; l--) {
        weightProducts(l, delta[l], null, new double[widths[l]][widths[l - 1]], null, out);
      }
    }

    /**
     * Writes D A_{l-1}^T (plus Delta_l R{A_{l-1}}^T when {@code raBelow} is given, its transpose
     * going to {@code raBelowRows}) to the block of W_l in {@code out}, and D 1 to that of b_l;
     * {@code g} is scratch of the shape of W_l.
     */
    private void weightProducts(int l, double[][] dl, double[][] raBelow, double[][] g,
        double[][] raBelowRows, double[] out) {
      int rows = widths[l];
      int cols = widths[l - 1];
      int o = offsets[l - 1];
      DenseProducts.clear(rows, cols, g);
      DenseProducts.multiplyAdd(rows, n, cols, dl, false, aRows[l - 1], g);
      if (raBelow != null) {
        DenseProducts.transpose(cols, n, raBelow, raBelowRows);
        DenseProducts.multiplyAdd(rows, n, cols, delta[l], false, raBelowRows, g);
      }
      for (int i = 0; i < rows; i++) {
        System.arraycopy(g[i], 0, out, o + i * cols, cols);
        double s = 0;
        for (double x : dl[i]) {
          s += x;
        }
        out[o + rows * cols + i] = s;
      }
    }

    @Override
    public void apply(double[] v, double[] out) {
      if (ra == null) {
        vw = new double[layers + 1][][];
        ra = new double[layers + 1][][];
        rDelta = new double[layers + 1][][];
        re = new double[layers + 1][][];
        raRows = new double[layers + 1][][];
        block = new double[layers + 1][][];
        for (int l = 1; l <= layers; l++) {
          vw[l] = new double[widths[l]][widths[l - 1]];
          block[l] = new double[widths[l]][widths[l - 1]];
          ra[l] = new double[widths[l]][n];
          rDelta[l] = new double[widths[l]][n];
          re[l] = new double[widths[l - 1]][n];
          raRows[l] = new double[n][widths[l - 1]];
        }
      }
      for (int l = 1; l <= layers; l++) {
        int rows = widths[l];
        int cols = widths[l - 1];
        weights(v, l, vw[l]);
        double[][] rz = ra[l];
        for (int i = 0; i < rows; i++) {
          Arrays.fill(rz[i], v[offsets[l - 1] + rows * cols + i]);
        }
        DenseProducts.multiplyAdd(rows, cols, n, vw[l], false, a[l - 1], rz);
        if (l > 1) {
          DenseProducts.multiplyAdd(rows, cols, n, w[l], false, ra[l - 1], rz);
        }
        if (l < layers) {
          for (int i = 0; i < rows; i++) {
            double[] act = a[l][i];
            double[] r = rz[i];
            for (int k = 0; k < n; k++) {
              r[k] *= 1 - act[k] * act[k];
            }
          }
        }
      }
      for (int i = 0; i < widths[layers]; i++) {
        for (int k = 0; k < n; k++) {
          rDelta[layers][i][k] = ra[layers][i][k] / n;
        }
      }
      for (int l = layers; l >= 1; l--) {
        weightProducts(l, rDelta[l], l > 1 ? ra[l - 1] : null, block[l], raRows[l], out);
        if (l == 1) {
          break;
        }
        int rows = widths[l];
        int cols = widths[l - 1];
        DenseProducts.clear(cols, n, re[l]);
        DenseProducts.multiplyAdd(cols, rows, n, vw[l], true, delta[l], re[l]);
        DenseProducts.multiplyAdd(cols, rows, n, w[l], true, rDelta[l], re[l]);
        for (int j = 0; j < cols; j++) {
          double[] act = a[l - 1][j];
          double[] rAct = ra[l - 1][j];
          double[] el = e[l][j];
          double[] rej = re[l][j];
          double[] below = rDelta[l - 1][j];
          for (int k = 0; k < n; k++) {
            below[k] = rej[k] * (1 - act[k] * act[k]) - 2 * el[k] * act[k] * rAct[k];
          }
        }
      }
    }
  }
}

package org.eoscheck.simulate;

import java.util.List;
import org.eoscheck.expr.CompiledExpr;

/**
 * The depth-D scalar network pi(w) = w_1 ... w_D, L(w) = (pi - y)^2 / 2, in double precision with
 * the closed forms of Kreisler, Nacson, Soudry, Carmon (ICML 2023), all in O(D) or O(D^2):
 *
 * <ul>
 *   <li>gradient r q with r = pi - y and cofactors q_i = prod_{j != i} w_j (prefix and suffix
 *       products: no division, so zero weights are fine);
 *   <li>Hessian q q^T + r Hess(pi), Hess(pi)_ij = prod_{k != i, j} w_k (i != j), 0 on the diagonal;
 *   <li>lambda_max through the structure: with z_i = 1/w_i, Hess L = alpha z z^T + diag(d), where
 *       alpha = pi (pi + r) and d_i = -r pi z_i^2, a diagonal plus rank-one matrix whose top
 *       eigenvalue is the top root of the secular equation 1 + alpha sum_i z_i^2 / (d_i - lambda) = 0;
 *   <li>GF-solution sharpness phi = y^2 sum_i 1/(w_i^2 + delta*) with prod (w_i^2 + delta*) = y^2,
 *       and phi = sqrt((w_1^2 - w_2^2)^2 + 4 y^2) for D = 2.
 * </ul>
 */
public final class ScalarDynamics implements Dynamics {
  private final int depth;
  private final double target;
  private final List<String> names;

  public ScalarDynamics(int depth, double target, List<String> names) {
    if (depth < 1 || names.size() != depth) {
      throw new IllegalArgumentException("depth " + depth + " with " + names.size() + " names");
    }
    this.depth = depth;
    this.target = target;
    this.names = List.copyOf(names);
  }

  public int depth() {
    return depth;
  }

  public double target() {
    return target;
  }

  @Override
  public String description() {
    return "scalar network, depth " + depth + ", target y = " + target;
  }

  @Override
  public List<String> parameters() {
    return names;
  }

  /** Writes q_i = prod_{j != i} w_j to {@code q} and returns pi = prod w_j, without division. */
  public static double cofactors(double[] w, double[] q) {
    int n = w.length;
    double prefix = 1;
    for (int i = 0; i < n; i++) {
      q[i] = prefix;
      prefix *= w[i];
    }
    double suffix = 1;
    for (int i = n - 1; i >= 0; i--) {
      q[i] *= suffix;
      suffix *= w[i];
    }
    return prefix;
  }

  private static double product(double[] w) {
    double p = 1;
    for (double wi : w) {
      p *= wi;
    }
    return p;
  }

  @Override
  public double loss(double[] w) {
    double r = product(w) - target;
    return r * r / 2;
  }

  @Override
  public boolean hasResidual() {
    return true;
  }

  @Override
  public double residual(double[] w) {
    return product(w) - target;
  }

  @Override
  public void gradient(double[] w, double[] out) {
    double r = cofactors(w, out) - target;
    for (int i = 0; i < depth; i++) {
      out[i] *= r;
    }
  }

  @Override
  public void hessianTimes(double[] w, double[] v, double[] out) {
    // (H v)_i = q_i (q . v) + r (d/dt) q_i(w + t v): the directional derivative of the cofactors by
    // the product rule on the prefix and suffix products.
    int n = depth;
    double[] q = new double[n];
    double[] dq = new double[n];
    double prefix = 1;
    double dPrefix = 0;
    for (int i = 0; i < n; i++) {
      q[i] = prefix;
      dq[i] = dPrefix;
      dPrefix = dPrefix * w[i] + prefix * v[i];
      prefix *= w[i];
    }
    double suffix = 1;
    double dSuffix = 0;
    double qv = 0;
    for (int i = n - 1; i >= 0; i--) {
      dq[i] = dq[i] * suffix + q[i] * dSuffix;
      q[i] *= suffix;
      dSuffix = dSuffix * w[i] + suffix * v[i];
      suffix *= w[i];
      qv += q[i] * v[i];
    }
    double r = prefix - target;
    for (int i = 0; i < n; i++) {
      out[i] = q[i] * qv + r * dq[i];
    }
  }

  /** The Hessian q q^T + r Hess(pi) in O(D^2), with Hess(pi)_ij = prod_{k != i, j} w_k. */
  @Override
  public double[][] hessian(double[] w) {
    int n = depth;
    double[] q = new double[n];
    double r = cofactors(w, q) - target;
    double[] prefix = new double[n + 1];
    double[] suffix = new double[n + 1];
    prefix[0] = 1;
    suffix[n] = 1;
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] * w[i];
      suffix[n - 1 - i] = suffix[n - i] * w[n - 1 - i];
    }
    double[][] h = new double[n][n];
    for (int i = 0; i < n; i++) {
      h[i][i] = q[i] * q[i];
      double middle = 1;
      for (int j = i + 1; j < n; j++) {
        double hij = q[i] * q[j] + r * prefix[i] * middle * suffix[j + 1];
        h[i][j] = hij;
        h[j][i] = hij;
        middle *= w[j];
      }
    }
    return h;
  }

  @Override
  public boolean hasGfsSharpness() {
    return true;
  }

  @Override
  public String gfsSharpnessMethod() {
    return depth == 2 ? "closed form sqrt((w1^2 - w2^2)^2 + 4 y^2)"
        : depth == 1 ? "1" : "implicit root delta* of prod (w_i^2 + delta) = y^2 (Newton)";
  }

  @Override
  public double gfsSharpness(double[] w) {
    double t = target * target;
    if (depth == 1) {
      return 1;
    }
    if (depth == 2) {
      double b = w[0] * w[0] - w[1] * w[1];
      return Math.sqrt(b * b + 4 * t);
    }
    double[] v = new double[depth];
    double m = Double.POSITIVE_INFINITY;
    for (int i = 0; i < depth; i++) {
      v[i] = w[i] * w[i];
      m = Math.min(m, v[i]);
    }
    for (int i = 0; i < depth; i++) {
      v[i] -= m;
    }
    double s = CompiledExpr.gfsOffset(v, depth, t, Double.NaN);
    double sum = 0;
    for (int i = 0; i < depth; i++) {
      sum += 1 / (v[i] + s);
    }
    return t * sum;
  }

  @Override
  public String structuredSharpnessMethod() {
    return "secular equation of alpha z z^T + diag(d) (O(D) per iteration)";
  }

  /**
   * The top eigenvalue of alpha z z^T + diag(d), z_i = 1/w_i; NaN when some w_i = 0 or the input
   * is not finite (callers then use the dense Hessian).
   *
   * <p>alpha > 0: lambda = max d + mu with mu > 0 the root of the concave
   * F(mu) = sum_i z_i^2 mu / (mu + g_i) - mu / alpha (g_i = max d - d_i), by Newton from the upper
   * bound mu = alpha |z|^2, which decreases monotonically to the root. alpha < 0: lambda lies in
   * (second distinct d, max d] (interlacing); with mu = max d - lambda the root of the convex
   * increasing G(mu) = mu - |alpha| c_0 + |alpha| sum_{g_k > 0} c_k mu / (g_k - mu), by Newton from
   * a point right of the root. Ties at max d with alpha < 0 give lambda = max d exactly.
   */
  @Override
  public double structuredSharpness(double[] w) {
    int n = depth;
    double pi = product(w);
    if (pi == 0 || !Double.isFinite(pi)) {
      return Double.NaN;
    }
    double r = pi - target;
    double alpha = pi * (pi + r);
    double[] c = new double[n];
    double[] d = new double[n];
    double dMax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double z = 1 / w[i];
      c[i] = z * z;
      d[i] = -r * pi * c[i];
      dMax = Math.max(dMax, d[i]);
    }
    if (!Double.isFinite(dMax)) {
      return Double.NaN;
    }
    double[] g = new double[n];
    double c0 = 0;
    int ties = 0;
    double sumC = 0;
    double gap = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      g[i] = dMax - d[i];
      sumC += c[i];
      if (g[i] == 0) {
        c0 += c[i];
        ties++;
      } else {
        gap = Math.min(gap, g[i]);
      }
    }
    if (alpha > 0) {
      double mu = alpha * sumC;
      for (int iter = 0; iter < 200; iter++) {
        double f = -mu / alpha;
        double df = -1 / alpha;
        for (int i = 0; i < n; i++) {
          double den = mu + g[i];
          f += c[i] * mu / den;
          df += c[i] * g[i] / (den * den);
        }
        double next = mu - f / df;
        if (!(next < mu) || !(next > 0)) {
          break;
        }
        mu = next;
      }
      return dMax + mu;
    }
    if (alpha == 0 || ties > 1) {
      return dMax;
    }
    double a = -alpha;
    double mu = a * c0;
    if (!(mu < gap)) {
      double lo = 0;
      double hi = gap;
      mu = gap / 2;
      for (int iter = 0; iter < 200 && secularG(mu, a, c0, c, g, null) < 0; iter++) {
        lo = mu;
        mu = lo + (hi - lo) / 2;
      }
    }
    double[] slope = new double[1];
    for (int iter = 0; iter < 200; iter++) {
      double next = mu - secularG(mu, a, c0, c, g, slope) / slope[0];
      if (!(next < mu) || !(next > 0)) {
        break;
      }
      mu = next;
    }
    return dMax - mu;
  }

  /** G(mu) for alpha < 0, and G'(mu) into {@code slope[0]} when slope is not null. */
  private static double secularG(double mu, double a, double c0, double[] c, double[] g,
      double[] slope) {
    double f = mu - a * c0;
    double df = 1;
    for (int i = 0; i < c.length; i++) {
      if (g[i] > 0) {
        double den = g[i] - mu;
        f += a * c[i] * mu / den;
        df += a * c[i] * g[i] / (den * den);
      }
    }
    if (slope != null) {
      slope[0] = df;
    }
    return f;
  }
}

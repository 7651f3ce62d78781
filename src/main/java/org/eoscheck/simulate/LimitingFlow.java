package org.eoscheck.simulate;

import java.util.Arrays;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealVector;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * The flow on the manifold Gamma of minimisers that normalised GD and GD on sqrt(L) follow for
 * small step sizes, in the time tau = eta^2 t (Arora, Li, Panigrahi, ICML 2022; shared/maths.md
 * 4):
 * <pre>
 *   normalised GD:  dX/dtau = -(1/4) P_T(X) grad log lambda_1(Hess L(X)),
 *   GD on sqrt(L):  dX/dtau = -(1/8) P_T(X) grad lambda_1(Hess L(X)),
 * </pre>
 * from X(0) = Phi(theta_0), the limit of gradient flow from the initial point. P_T(X) is the
 * orthogonal projection on the tangent space of Gamma, which at a minimiser is the kernel of
 * Hess L(X) (eigenvalues of modulus at most {@link #RANK_TOLERANCE} lambda_1 count as zero). By
 * first-order perturbation theory grad lambda_1 = (v . d_k Hess L(X) v)_k with v the top unit
 * eigenvector (lambda_1 must be simple); the third derivatives d_k (Hess L v) come from central
 * differences of the exact Hessian-vector products. Integrated with Dormand-Prince 8(5,3)
 * (Hipparchus). Dense linear algebra: meant for models with few parameters.
 *
 * <p>Test cases with closed forms: L = (1 + x^2) y^2 (Gamma = {y = 0}, lambda_1 = 2 (1 + x^2))
 * gives dx/dtau = -x / (2 (1 + x^2)) for normalised GD and dx/dtau = -x/2 on sqrt(L).
 */
public final class LimitingFlow {
  /** Hessian eigenvalues of modulus at most this times lambda_1 span the tangent space. */
  public static final double RANK_TOLERANCE = 1e-6;
  private static final double ODE_TOLERANCE = 1e-12;
  private static final int MAX_EVALUATIONS = 1_000_000;
  /** Relative step of the central differences, about the cube root of the machine epsilon. */
  private static final double DIFFERENCE_STEP = Math.cbrt(Math.ulp(1.0));

  private final Dynamics dynamics;
  private final Method method;

  /** The limiting flow of {@code method} (normalised GD or GD on sqrt(L)) on {@code dynamics}. */
  public LimitingFlow(Dynamics dynamics, Method method) {
    if (!exists(method)) {
      throw new IllegalArgumentException("the limiting flow on the minimisers is known for"
          + " normalised GD (ngd) and GD on sqrt(L) (sqrtgd), not for " + method.label());
    }
    this.dynamics = dynamics;
    this.method = method;
  }

  /** Whether {@code method} has a limiting flow here: normalised GD and GD on sqrt(L). */
  public static boolean exists(Method method) {
    return method == Method.NGD || method == Method.SQRTGD;
  }

  /** The right-hand side, as text. */
  public String formula() {
    return method == Method.NGD ? "dX/dtau = -(1/4) P_T grad log lambda_1(Hess L(X))"
        : "dX/dtau = -(1/8) P_T grad lambda_1(Hess L(X))";
  }

  /** dX/dtau at {@code x} (NaN where lambda_1 is not positive). */
  public double[] velocity(double[] x) {
    int n = dynamics.dimension();
    EigenDecompositionSymmetric eigen =
        new EigenDecompositionSymmetric(new Array2DRowRealMatrix(dynamics.hessian(x), false));
    double[] values = eigen.getEigenvalues();
    int top = 0;
    for (int i = 1; i < n; i++) {
      if (values[i] > values[top]) {
        top = i;
      }
    }
    double lambda1 = values[top];
    double[] v = eigen.getEigenvector(top).toArray();
    double[] u = new double[n];
    if (!(lambda1 > 0)) {
      Arrays.fill(u, Double.NaN);
      return u;
    }
    double[] plus = new double[n];
    double[] minus = new double[n];
    double scale = method == Method.NGD ? -1 / (4 * lambda1) : -1.0 / 8;
    for (int k = 0; k < n; k++) {
      double[] xp = x.clone();
      double[] xm = x.clone();
      double h = DIFFERENCE_STEP * Math.max(1, Math.abs(x[k]));
      xp[k] += h;
      xm[k] -= h;
      dynamics.hessianTimes(xp, v, plus);
      dynamics.hessianTimes(xm, v, minus);
      double d = 0;
      for (int i = 0; i < n; i++) {
        d += v[i] * (plus[i] - minus[i]);
      }
      u[k] = scale * d / (xp[k] - xm[k]);
    }
    // P_T: remove the components along the eigenvectors of non-zero eigenvalues.
    for (int i = 0; i < n; i++) {
      if (Math.abs(values[i]) > RANK_TOLERANCE * lambda1) {
        RealVector w = eigen.getEigenvector(i);
        double c = 0;
        for (int j = 0; j < n; j++) {
          c += w.getEntry(j) * u[j];
        }
        for (int j = 0; j < n; j++) {
          u[j] -= c * w.getEntry(j);
        }
      }
    }
    return u;
  }

  /**
   * X(tau_j) for the non-decreasing times {@code taus} (all >= 0) from X(0) = {@code x0}; rows of
   * NaN from where the integration fails.
   */
  public double[][] solve(double[] x0, double[] taus) {
    int n = dynamics.dimension();
    OrdinaryDifferentialEquation flow = GradientFlow.autonomous(n, this::velocity);
    double[][] out = new double[taus.length][];
    double[] y = x0.clone();
    double t = 0;
    for (int j = 0; j < taus.length; j++) {
      if (y != null && taus[j] > t) {
        DormandPrince853Integrator ode =
            new DormandPrince853Integrator(1e-12, taus[j] - t, ODE_TOLERANCE, ODE_TOLERANCE);
        ode.setMaxEvaluations(MAX_EVALUATIONS);
        try {
          y = ode.integrate(flow, new ODEState(t, y), taus[j]).getPrimaryState();
          t = taus[j];
        } catch (MathIllegalStateException e) {
          y = null;
        }
      }
      if (y == null) {
        out[j] = new double[n];
        Arrays.fill(out[j], Double.NaN);
      } else {
        out[j] = y.clone();
      }
    }
    return out;
  }
}

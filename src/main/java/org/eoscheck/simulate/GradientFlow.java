package org.eoscheck.simulate;

import java.util.function.UnaryOperator;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * The gradient-flow solution (GFS) by numerical integration of d theta/dt = -grad L(theta) with the
 * Dormand-Prince 8(5,3) integrator (Hipparchus), in time windows of doubling length until
 * |grad L| falls below a tolerance or the time or evaluation budget is spent; its sharpness is then
 * lambda_max(Hess L) at the end point. Used where a model has no closed form for the GF-solution
 * sharpness phi; the gradient norm reached is reported with it, since the limit is only approached.
 */
public final class GradientFlow {
  /** Stop when |grad L| is at most this. */
  public static final double GRADIENT_TOLERANCE = 1e-11;
  /** Give up after this much flow time. */
  public static final double MAX_TIME = 1e7;
  /** Give up after this many gradient evaluations. */
  public static final int MAX_EVALUATIONS = 300_000;
  private static final double ODE_TOLERANCE = 1e-13;

  /**
   * The end point, its sharpness and the method used for it, the gradient norm reached (the
   * tolerance of the figure), the flow time, and the number of gradient evaluations.
   */
  public record Limit(double[] point, Sharpness.Estimate sharpness, double gradientNorm,
      double time, int evaluations) {
    public boolean converged() {
      return gradientNorm <= GRADIENT_TOLERANCE;
    }
  }

  private GradientFlow() {}

  /** The autonomous system dy/dt = rhs(y) in R^n, for the Hipparchus integrators. */
  static OrdinaryDifferentialEquation autonomous(int n, UnaryOperator<double[]> rhs) {
    return new OrdinaryDifferentialEquation() {
      @Override
      public int getDimension() {
        return n;
      }

      @Override
      public double[] computeDerivatives(double t, double[] y) {
        return rhs.apply(y);
      }
    };
  }

  public static Limit limit(Dynamics d, double[] start, Sharpness.Mode mode) {
    int n = d.dimension();
    OrdinaryDifferentialEquation flow = autonomous(n, y -> {
      double[] g = new double[n];
      d.gradient(y, g);
      for (int i = 0; i < n; i++) {
        g[i] = -g[i];
      }
      return g;
    });
    double[] y = start.clone();
    double t = 0;
    double window = 1;
    int evaluations = 0;
    double[] g = new double[n];
    d.gradient(y, g);
    double norm = Lanczos.norm(g);
    while (norm > GRADIENT_TOLERANCE && t < MAX_TIME && evaluations < MAX_EVALUATIONS
        && Double.isFinite(norm)) {
      DormandPrince853Integrator ode =
          new DormandPrince853Integrator(1e-14, window, ODE_TOLERANCE, ODE_TOLERANCE);
      ode.setMaxEvaluations(MAX_EVALUATIONS - evaluations);
      try {
        y = ode.integrate(flow, new ODEState(t, y), t + window).getPrimaryState();
      } catch (MathIllegalStateException e) {
        break; // step size underflow or evaluation budget: report what was reached
      } finally {
        evaluations += ode.getEvaluations();
      }
      t += window;
      window *= 2;
      d.gradient(y, g);
      norm = Lanczos.norm(g);
    }
    return new Limit(y, Sharpness.of(d, y, mode), norm, t, evaluations);
  }
}

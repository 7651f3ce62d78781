package org.eoscheck.simulate;

import java.util.List;
import java.util.Locale;
import org.eoscheck.expr.Expr;
import org.eoscheck.model.Model;

/**
 * The update rule: plain GD, normalised GD, or GD on sqrt(L) (Arora, Li, Panigrahi, ICML 2022).
 * In double precision the step is computed from the numeric gradient; in high precision from the
 * model's symbolic maps {@link Model#gdStep()}, {@link Model#ngdStep()}, {@link Model#sqrtGdStep()}.
 */
public enum Method {
  /** theta - eta grad L. */
  GD,
  /** theta - eta grad L / |grad L| (no move where grad L = 0). */
  NGD,
  /** theta - eta grad L / (2 sqrt L), GD on sqrt(L) (no move where L = 0). */
  SQRTGD;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The formula, for the output. */
  public String formula() {
    switch (this) {
      case GD:
        return "theta - eta grad L";
      case NGD:
        return "theta - eta grad L / |grad L|";
      default:
        return "theta - eta grad L / (2 sqrt(L))";
    }
  }

  /**
   * One step from {@code theta} into {@code out} ({@code out} may not alias theta); {@code grad}
   * receives grad L(theta). Returns |grad L(theta)|.
   */
  public double step(Dynamics d, double eta, double[] theta, double[] grad, double[] out) {
    d.gradient(theta, grad);
    double norm = Lanczos.norm(grad);
    double scale;
    switch (this) {
      case GD:
        scale = eta;
        break;
      case NGD:
        scale = norm == 0 ? 0 : eta / norm;
        break;
      default: {
        double loss = d.loss(theta);
        scale = loss == 0 ? 0 : eta / (2 * Math.sqrt(loss));
      }
    }
    for (int i = 0; i < theta.length; i++) {
      out[i] = theta[i] - scale * grad[i];
    }
    return norm;
  }

  /** The step as expressions of the model (in the parameters and {@link Model#ETA}). */
  public List<Expr> map(Model model) {
    switch (this) {
      case GD:
        return model.gdStep();
      case NGD:
        return model.ngdStep();
      default:
        return model.sqrtGdStep();
    }
  }
}

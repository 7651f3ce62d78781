package org.eoscheck.simulate;

import java.util.Locale;

/** How a GD run ended. */
public enum Outcome {
  /** Steps became smaller than the tolerance: a fixed point (critical point) was reached. */
  CONVERGED,
  /**
   * theta_t returned to theta_{t-2} within the tolerance while theta_{t-1} differs by more than its
   * square root: a 2-cycle.
   */
  PERIOD_TWO,
  /** The step budget ran out with the iterates finite and bounded. */
  BOUNDED,
  /** A coordinate or the loss became non-finite or exceeded {@link Simulator#DIVERGENCE_BOUND}. */
  DIVERGED;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

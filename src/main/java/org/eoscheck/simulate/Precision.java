package org.eoscheck.simulate;

import java.util.Locale;

/** The arithmetic of a trajectory: IEEE double, or BigDecimal with a fixed number of digits. */
public enum Precision {
  DOUBLE,
  /** BigDecimal with a {@link java.math.MathContext} of the chosen number of significant digits. */
  EXACT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package org.eoscheck.expr;

import java.util.Arrays;
import java.util.Optional;

/** The elementary functions of the expression language, with their arity (-1: one or more). */
public enum Fn {
  SQRT("sqrt", 1),
  ABS("abs", 1),
  MIN("min", -1),
  MAX("max", -1),
  EXP("exp", 1),
  LOG("log", 1),
  SIN("sin", 1),
  COS("cos", 1),
  TANH("tanh", 1);

  private final String label;
  private final int arity;

  Fn(String label, int arity) {
    this.label = label;
    this.arity = arity;
  }

  public String label() {
    return label;
  }

  /** The number of arguments, or -1 for one or more. */
  public int arity() {
    return arity;
  }

  public static Optional<Fn> byLabel(String label) {
    return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst();
  }
}

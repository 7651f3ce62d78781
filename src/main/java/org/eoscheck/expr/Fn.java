package org.eoscheck.expr;

import java.util.Arrays;
import java.util.Optional;

/**
 * The elementary functions of the expression language, with their arity (-1: one or more).
 * {@code eigmax} and {@code eigmin} take the upper triangle of a symmetric n x n matrix, row by
 * row (h_11, h_12, ..., h_1n, h_22, ..., h_nn: n(n+1)/2 arguments), and mean its top and bottom
 * eigenvalue; the lemma language's lambdaMax(x) and lambdaMin(x) elaborate to them.
 */
public enum Fn {
  SQRT("sqrt", 1),
  ABS("abs", 1),
  MIN("min", -1),
  MAX("max", -1),
  EXP("exp", 1),
  LOG("log", 1),
  SIN("sin", 1),
  COS("cos", 1),
  TANH("tanh", 1),
  EIGMAX("eigmax", -1),
  EIGMIN("eigmin", -1);

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

  /** Whether {@code count} arguments fit: eigmax and eigmin need a triangular number. */
  public boolean accepts(int count) {
    if (this == EIGMAX || this == EIGMIN) {
      return matrixOrder(count) > 0;
    }
    return arity >= 0 ? count == arity : count > 0;
  }

  /** n with n(n+1)/2 = count, or -1 if count is not such a number. */
  public static int matrixOrder(int count) {
    for (int n = 1; n * (n + 1) / 2 <= count; n++) {
      if (n * (n + 1) / 2 == count) {
        return n;
      }
    }
    return -1;
  }

  public static Optional<Fn> byLabel(String label) {
    return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst();
  }
}

package org.eoscheck.interval;

import java.util.List;
import org.eoscheck.expr.Expr;

/**
 * Compiles an {@link Expr} into its natural interval extension: every node is replaced by the
 * corresponding sound operation of {@link Interval}, so the result of the compiled function on a
 * box contains the expression's value at every point of the box (inclusion theorem of interval
 * arithmetic). Variables are resolved to box indices at compile time and common subexpressions
 * are evaluated once; {@link Expr.GfsShift} is enclosed by {@link GfsShiftEnclosure}.
 */
public final class IntervalCompiler {
  private IntervalCompiler() {}

  /**
   * The natural interval extension of {@code e}; {@code box[i]} is the interval of
   * {@code vars.get(i)}.
   *
   * @throws IllegalArgumentException if {@code e} has a variable not in {@code vars} or an
   *     unresolved {@link Expr.Apply}
   */
  public static IntervalFunction compile(Expr e, List<String> vars) {
    IntervalProgram program = IntervalProgram.compile(List.of(e), vars);
    return box -> program.run(box, program.newSlots(), 0, 0);
  }
}

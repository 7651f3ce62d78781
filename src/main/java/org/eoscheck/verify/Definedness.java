package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Fn;

/**
 * Where an expression is defined: the conjunction of its guards. a/b needs b != 0, x^(-k) needs
 * x != 0, sqrt(a) needs a >= 0, log(a) needs a > 0, gfsShift(t, u...) needs t > 0. An expression
 * is defined on a box when every guard certainly holds there; a claim is only ever proved on a box
 * where it is defined.
 */
public final class Definedness {
  /** What a guard requires of its expression. */
  public enum Requirement {
    NONZERO,
    NONNEGATIVE,
    POSITIVE
  }

  /** One condition for definedness: {@code expr} satisfies {@code requirement}. */
  public record Guard(Expr expr, Requirement requirement) {}

  private Definedness() {}

  /** The guards of every sub-expression of {@code e}, without repetition. */
  public static List<Guard> guards(Expr e) {
    Set<Guard> out = new LinkedHashSet<>();
    collect(e, out);
    return new ArrayList<>(out);
  }

  private static void collect(Expr e, Set<Guard> out) {
    for (Expr c : Exprs.children(e)) {
      collect(c, out);
    }
    if (e instanceof Expr.Div d) {
      out.add(new Guard(d.den(), Requirement.NONZERO));
    } else if (e instanceof Expr.Pow p && p.exponent() < 0) {
      out.add(new Guard(p.base(), Requirement.NONZERO));
    } else if (e instanceof Expr.Call c && c.fn() == Fn.SQRT) {
      out.add(new Guard(c.args().get(0), Requirement.NONNEGATIVE));
    } else if (e instanceof Expr.Call c && c.fn() == Fn.LOG) {
      out.add(new Guard(c.args().get(0), Requirement.POSITIVE));
    } else if (e instanceof Expr.GfsShift g) {
      out.add(new Guard(g.target(), Requirement.POSITIVE));
    }
  }
}

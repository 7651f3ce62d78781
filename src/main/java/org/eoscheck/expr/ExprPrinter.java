package org.eoscheck.expr;

import java.util.stream.Collectors;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr.Add;
import org.eoscheck.expr.Expr.Apply;
import org.eoscheck.expr.Expr.Call;
import org.eoscheck.expr.Expr.Div;
import org.eoscheck.expr.Expr.GfsShift;
import org.eoscheck.expr.Expr.Mul;
import org.eoscheck.expr.Expr.Neg;
import org.eoscheck.expr.Expr.Num;
import org.eoscheck.expr.Expr.Pow;
import org.eoscheck.expr.Expr.Var;

/** Prints expressions as infix text of the lemma language, parenthesised by precedence. */
public final class ExprPrinter {
  private static final int SUM = 1;
  private static final int PRODUCT = 2;
  private static final int UNARY = 3;
  private static final int POWER = 4;
  private static final int ATOM = 5;

  private ExprPrinter() {}

  public static String print(Expr e) {
    return print(e, 0);
  }

  /**
   * Text with each distinct gfsShift(...) subterm named once ({@code delta}, or {@code delta1},
   * {@code delta2}, ... when there are several; a name the expression already uses is skipped),
   * for reading long residuals: {@code text} uses the names, {@code where} defines them in order.
   */
  public record Named(String text, java.util.List<String> where) {}

  public static Named printNamed(Expr e) {
    Naming n = naming(e);
    return new Named(print(Exprs.replace(e, n.names()::get)), n.where());
  }

  /** A relation with the gfsShift subterms of both sides named once (as {@link #printNamed}). */
  public static Named printNamed(Relation r) {
    Naming n = naming(new Add(java.util.List.of(r.lhs(), r.rhs())));
    return new Named(print(Exprs.replace(r.lhs(), n.names()::get)) + " " + r.op().symbol() + " "
        + print(Exprs.replace(r.rhs(), n.names()::get)), n.where());
  }

  private record Naming(java.util.Map<Expr, Expr> names, java.util.List<String> where) {}

  private static Naming naming(Expr e) {
    java.util.List<Expr> shifts = Exprs.distinct(e, x -> x instanceof GfsShift);
    java.util.Set<String> used = Exprs.variables(e);
    java.util.Map<Expr, Expr> names = new java.util.LinkedHashMap<>();
    java.util.List<String> where = new java.util.ArrayList<>();
    int k = 0;
    for (Expr g : shifts) {
      String name;
      do {
        k++;
        name = shifts.size() == 1 && k == 1 ? "delta" : "delta" + k;
      } while (used.contains(name));
      names.put(g, new Var(name));
      where.add(name + " = " + print(g));
    }
    return new Naming(names, java.util.List.copyOf(where));
  }

  /** An exact rational as text: "3", "-3", "3/4". */
  public static String rational(BigFraction q) {
    // BigFraction may carry the sign in the denominator (3/7 divided by -2/5 is 15/-14).
    java.math.BigInteger num = q.getDenominator().signum() < 0 ? q.getNumerator().negate() : q.getNumerator();
    java.math.BigInteger den = q.getDenominator().abs();
    return den.equals(java.math.BigInteger.ONE) ? num.toString() : num + "/" + den;
  }

  private static String print(Expr e, int context) {
    int own = precedence(e);
    String s = e.accept(new Expr.Visitor<String>() {
      public String num(Num n) {
        return rational(n.value());
      }

      public String var(Var v) {
        return v.name();
      }

      public String add(Add a) {
        StringBuilder b = new StringBuilder(print(a.terms().get(0), SUM));
        for (Expr t : a.terms().subList(1, a.terms().size())) {
          if (t instanceof Neg n) {
            b.append(" - ").append(print(n.arg(), PRODUCT));
          } else if (t instanceof Num c && c.value().signum() < 0) {
            b.append(" - ").append(print(new Num(c.value().negate()), PRODUCT));
          } else {
            b.append(" + ").append(print(t, SUM));
          }
        }
        return b.toString();
      }

      public String mul(Mul m) {
        return m.factors().stream().map(f -> print(f, PRODUCT + 1)).collect(Collectors.joining("*"));
      }

      public String neg(Neg n) {
        return "-" + print(n.arg(), POWER);
      }

      public String div(Div d) {
        return print(d.num(), PRODUCT) + "/" + print(d.den(), PRODUCT + 1);
      }

      public String pow(Pow p) {
        return print(p.base(), ATOM) + "^"
            + (p.exponent() < 0 ? "(" + p.exponent() + ")" : Integer.toString(p.exponent()));
      }

      public String call(Call c) {
        return c.fn().label() + "(" + list(c.args()) + ")";
      }

      public String gfsShift(GfsShift g) {
        return "gfsShift(" + print(g.target()) + ", " + list(g.squares()) + ")";
      }

      public String apply(Apply a) {
        return a.name() + "(" + list(a.args()) + ")";
      }
    });
    return own < context ? "(" + s + ")" : s;
  }

  private static String list(java.util.List<Expr> args) {
    return args.stream().map(ExprPrinter::print).collect(Collectors.joining(", "));
  }

  private static int precedence(Expr e) {
    if (e instanceof Num n) {
      // a fraction prints with '/', so it binds like a quotient even when negative: x*(-3/4)
      return !n.value().getDenominator().abs().equals(java.math.BigInteger.ONE) ? PRODUCT
          : n.value().signum() < 0 ? UNARY : ATOM;
    }
    if (e instanceof Add) {
      return SUM;
    }
    if (e instanceof Mul || e instanceof Div) {
      return PRODUCT;
    }
    if (e instanceof Neg) {
      return UNARY;
    }
    return e instanceof Pow ? POWER : ATOM;
  }
}

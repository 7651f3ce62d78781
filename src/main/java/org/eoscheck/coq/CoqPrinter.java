package org.eoscheck.coq;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Expr.Call;
import org.eoscheck.expr.Expr.Div;
import org.eoscheck.expr.Expr.Neg;
import org.eoscheck.expr.Expr.Num;
import org.eoscheck.expr.Expr.Pow;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Fn;

/**
 * Prints expressions as Coq terms over R (Reals), parenthesised by Coq's precedences (+ - at 50,
 * * / at 40, unary - at 35, ^ at 30 with a nat exponent): rationals as (p/q), x^(-n) as
 * (1 / x^n), log as ln, abs as Rabs, min and max as nested Rmin and Rmax, tanh as
 * {@code eos_tanh} (defined in every exported file). Variables print as {@code names} gives
 * them (a Coq identifier or an already parenthesised term). gfsShift has no Coq counterpart
 * here: printing it throws {@link Unsupported}.
 *
 * <p>{@link #obligations} lists where an expression must be defined, as Coq propositions: a
 * divisor is not 0, a square root's argument is &gt;= 0, a logarithm's is &gt; 0 (Coq's
 * division, sqrt and ln are total, so definedness is stated, not implied).
 */
final class CoqPrinter {
  private static final int SUM = 1;
  private static final int PRODUCT = 2;
  private static final int UNARY = 3;
  private static final int POWER = 4;
  private static final int ATOM = 5;

  /** An expression Coq's libraries (or this exporter) cannot state; the message names what. */
  static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message);
    }
  }

  private final Map<String, String> names;

  /** {@code names}: the Coq term of each variable (a variable not named prints as itself). */
  CoqPrinter(Map<String, String> names) {
    this.names = names;
  }

  String print(Expr e) throws Unsupported {
    try {
      return print(e, 0);
    } catch (UncheckedUnsupported u) {
      throw new Unsupported(u.getMessage());
    }
  }

  /** The definedness obligations of {@code e} (the class comment), without repetitions. */
  List<String> obligations(Expr e) throws Unsupported {
    List<String> out = new ArrayList<>();
    for (Expr x : Exprs.distinct(e, x -> !Exprs.total(x))) {
      String o = null;
      if (x instanceof Div d && !(d.den() instanceof Num n && n.value().signum() != 0)) {
        o = print(d.den()) + " <> 0";
      } else if (x instanceof Pow p && p.exponent() < 0) {
        o = print(p.base()) + " <> 0";
      } else if (x instanceof Call c && c.fn() == Fn.SQRT) {
        o = "0 <= " + print(c.args().get(0));
      } else if (x instanceof Call c && c.fn() == Fn.LOG) {
        o = "0 < " + print(c.args().get(0));
      } else if (x instanceof Expr.GfsShift) {
        throw new Unsupported("gfsShift (the gradient-flow shift of phi at depth >= 3)");
      }
      if (o != null && !out.contains(o)) {
        out.add(o);
      }
    }
    return out;
  }

  /** An exact rational as a Coq real: 3, (-3), (3/4), (-(3/4)). */
  static String rational(BigFraction q) {
    BigInteger num = q.getNumerator();
    BigInteger den = q.getDenominator();
    if (den.signum() < 0) {
      num = num.negate();
      den = den.negate();
    }
    String abs = den.equals(BigInteger.ONE) ? num.abs().toString() : "(" + num.abs() + "/" + den + ")";
    return num.signum() < 0 ? "(-" + abs + ")" : abs;
  }

  private static final class UncheckedUnsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedUnsupported(String message) {
      super(message);
    }
  }

  private String print(Expr e, int context) {
    int own = precedence(e);
    String s = e.accept(new Expr.Visitor<String>() {
      public String num(Num n) {
        return rational(n.value());
      }

      public String var(Expr.Var v) {
        return names.getOrDefault(v.name(), v.name());
      }

      public String add(Expr.Add a) {
        StringBuilder b = new StringBuilder(print(a.terms().get(0), SUM));
        for (Expr t : a.terms().subList(1, a.terms().size())) {
          if (t instanceof Neg n) {
            b.append(" - ").append(print(n.arg(), PRODUCT));
          } else {
            b.append(" + ").append(print(t, PRODUCT));
          }
        }
        return b.toString();
      }

      public String mul(Expr.Mul m) {
        return m.factors().stream().map(f -> print(f, PRODUCT)).collect(Collectors.joining(" * "));
      }

      public String neg(Neg n) {
        return "- " + print(n.arg(), POWER);
      }

      public String div(Div d) {
        return print(d.num(), PRODUCT) + " / " + print(d.den(), ATOM);
      }

      public String pow(Pow p) {
        String power = print(p.base(), ATOM) + " ^ " + Math.abs(p.exponent());
        return p.exponent() < 0 ? "1 / " + power : power;
      }

      public String call(Call c) {
        List<String> args = c.args().stream().map(a -> print(a, ATOM)).toList();
        return switch (c.fn()) {
          case SQRT -> "sqrt " + args.get(0);
          case ABS -> "Rabs " + args.get(0);
          case EXP -> "exp " + args.get(0);
          case LOG -> "ln " + args.get(0);
          case SIN -> "sin " + args.get(0);
          case COS -> "cos " + args.get(0);
          case TANH -> "eos_tanh " + args.get(0);
          case MIN, MAX -> nested(c.fn() == Fn.MIN ? "Rmin" : "Rmax", args);
          case EIGMAX, EIGMIN -> throw new UncheckedUnsupported(c.fn().label()
              + " (an eigenvalue of a matrix larger than 2 x 2)");
        };
      }

      public String gfsShift(Expr.GfsShift g) {
        throw new UncheckedUnsupported("gfsShift (the gradient-flow shift of phi at depth >= 3)");
      }

      public String apply(Expr.Apply a) {
        throw new UncheckedUnsupported("the unresolved call " + a.name());
      }
    });
    return own < context ? "(" + s + ")" : s;
  }

  private static String nested(String fn, List<String> args) {
    String out = args.get(args.size() - 1);
    for (int i = args.size() - 2; i >= 0; i--) {
      out = "(" + fn + " " + args.get(i) + " " + out + ")";
    }
    return out;
  }

  private int precedence(Expr e) {
    if (e instanceof Num n) {
      return ATOM; // rational() parenthesises every non-integer and every negative
    }
    if (e instanceof Expr.Var v) {
      return ATOM; // a name's term is an identifier or parenthesised
    }
    if (e instanceof Expr.Add) {
      return SUM;
    }
    if (e instanceof Expr.Mul || e instanceof Div) {
      return PRODUCT;
    }
    if (e instanceof Neg) {
      return UNARY;
    }
    if (e instanceof Pow p) {
      return p.exponent() < 0 ? PRODUCT : POWER;
    }
    return e instanceof Call c && c.fn() != Fn.MIN && c.fn() != Fn.MAX ? UNARY : ATOM;
  }
}

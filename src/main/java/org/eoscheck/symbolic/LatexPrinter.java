package org.eoscheck.symbolic;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
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
import org.eoscheck.expr.Relation;

/**
 * Prints an {@link Expr} as LaTeX math (no surrounding dollars), for pasting into a paper. Names
 * follow the papers' notation: {@code w3} is w_{3}, {@code eta} is \eta, {@code W2_1_2} (entry (1, 2)
 * of layer 2) is W^{(2)}_{1,2}; gfsShift is \delta^{*}.
 */
public final class LatexPrinter {
  private static final int SUM = 1;
  private static final int PRODUCT = 2;
  private static final int UNARY = 3;
  private static final int POWER = 4;
  private static final int ATOM = 5;
  private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon",
      "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma",
      "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi",
      "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega");
  private static final Pattern INDEXED = Pattern.compile("([A-Za-z]+)([0-9]*)((?:_[A-Za-z0-9]+)*)");

  private LatexPrinter() {}

  public static String print(Expr e) {
    return print(e, 0);
  }

  public static String print(Relation r) {
    String op = switch (r.op()) {
      case LE -> " \\le ";
      case LT -> " < ";
      case GE -> " \\ge ";
      case GT -> " > ";
      case EQ -> " = ";
    };
    return print(r.lhs()) + op + print(r.rhs());
  }

  /** A parameter or symbol name in LaTeX: w3 -> w_{3}, eta -> \eta, W2_1_2 -> W^{(2)}_{1,2}. */
  public static String name(String name) {
    Matcher m = INDEXED.matcher(name);
    if (!m.matches()) {
      return "\\mathit{" + name.replace("_", "\\_") + "}";
    }
    String stem = m.group(1);
    String digits = m.group(2);
    String rest = m.group(3);
    String base = GREEK.contains(stem) ? "\\" + stem : stem.length() == 1 ? stem
        : "\\mathit{" + stem + "}";
    if (rest.isEmpty()) {
      return digits.isEmpty() ? base : base + "_{" + digits + "}";
    }
    String subscript = String.join(",", List.of(rest.substring(1).split("_")));
    return digits.isEmpty() ? base + "_{" + subscript + "}"
        : base + "^{(" + digits + ")}_{" + subscript + "}";
  }

  /** An exact rational: 3, -3, \frac{3}{4}, -\frac{3}{4}. */
  public static String rational(BigFraction q) {
    if (q.getDenominator().abs().equals(BigInteger.ONE)) {
      return q.getNumerator().multiply(BigInteger.valueOf(q.getDenominator().signum())).toString();
    }
    return (q.signum() < 0 ? "-" : "") + "\\frac{" + q.getNumerator().abs() + "}{"
        + q.getDenominator().abs() + "}";
  }

  private static String print(Expr e, int context) {
    String s = e.accept(new Expr.Visitor<String>() {
      public String num(Num n) {
        return rational(n.value());
      }

      public String var(Var v) {
        return name(v.name());
      }

      public String add(Add a) {
        StringBuilder b = new StringBuilder(print(a.terms().get(0), SUM));
        for (Expr t : a.terms().subList(1, a.terms().size())) {
          if (t instanceof Neg n) {
            b.append(" - ").append(print(n.arg(), PRODUCT));
          } else if (t instanceof Num c && c.value().signum() < 0) {
            b.append(" - ").append(rational(c.value().negate()));
          } else {
            b.append(" + ").append(print(t, SUM));
          }
        }
        return b.toString();
      }

      public String mul(Mul m) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < m.factors().size(); i++) {
          Expr f = m.factors().get(i);
          String text = print(f, PRODUCT + 1);
          if (i > 0) {
            b.append(Character.isDigit(text.charAt(0)) || text.startsWith("-") ? " \\cdot " : " ");
          }
          b.append(text);
        }
        return b.toString();
      }

      public String neg(Neg n) {
        return "-" + print(n.arg(), PRODUCT); // -a b means -(a b)
      }

      public String div(Div d) {
        return "\\frac{" + print(d.num()) + "}{" + print(d.den()) + "}";
      }

      public String pow(Pow p) {
        String base = print(p.base(), ATOM);
        boolean fraction = p.base() instanceof Div
            || p.base() instanceof Num n && !n.value().getDenominator().abs().equals(BigInteger.ONE);
        if (fraction || p.base() instanceof Call c && c.fn() != org.eoscheck.expr.Fn.ABS) {
          base = "\\left(" + base + "\\right)";
        }
        return base + "^{" + p.exponent() + "}";
      }

      public String call(Call c) {
        List<Expr> args = c.args();
        return switch (c.fn()) {
          case SQRT -> "\\sqrt{" + print(args.get(0)) + "}";
          case ABS -> "\\left|" + print(args.get(0)) + "\\right|";
          case MIN, MAX, EXP, LOG, SIN, COS, TANH -> "\\" + c.fn().label() + "\\left(" + list(args)
              + "\\right)";
          case EIGMAX, EIGMIN -> "\\lambda_{\\" + (c.fn() == org.eoscheck.expr.Fn.EIGMAX ? "max" : "min")
              + "}\\left(" + list(args) + "\\right)";
        };
      }

      public String gfsShift(GfsShift g) {
        return "\\delta^{*}\\!\\left(" + print(g.target()) + ";\\, " + list(g.squares()) + "\\right)";
      }

      public String apply(Apply a) {
        return builtIn(a);
      }
    });
    return precedence(e) < context ? "\\left(" + s + "\\right)" : s;
  }

  /**
   * The lemma language's built-ins in the papers' notation: phi(x) is \\varphi(x), gd(x) is
   * GD(x), lambdaMax(x) is \\lambda_{\\max}(\\nabla^2 L(x)), coord(x, i) is (x)_i, ...; other names
   * print as operators.
   */
  private static String builtIn(Apply a) {
    // indices written with index notation ("2 + 1") print as their value
    List<Expr> args = a.args().stream().map(org.eoscheck.expr.Exprs::simplify).toList();
    String x = args.isEmpty() ? "" : print(args.get(0));
    String hess = "\\nabla^{2} L\\left(" + x + "\\right)";
    String call = switch (a.name()) {
      case "phi" -> "\\varphi";
      case "loss" -> "L";
      case "gd" -> "\\mathrm{GD}";
      case "ngd" -> "\\mathrm{NGD}";
      case "sqrtgd" -> "\\mathrm{GD}_{\\sqrt{L}}";
      case "residual" -> "\\varepsilon";
      case "prod" -> "\\pi";
      default -> null;
    };
    if (call != null && args.size() == 1) {
      return call + "\\left(" + x + "\\right)";
    }
    return switch (a.name()) {
      case "lambdaMax" -> "\\lambda_{\\max}\\left(" + hess + "\\right)";
      case "lambdaMin" -> "\\lambda_{\\min}\\left(" + hess + "\\right)";
      case "gdJacobianDet" -> "\\det\\left(I - \\eta\\, " + hess + "\\right)";
      case "coord" -> "\\left(" + x + "\\right)_{" + print(args.get(1)) + "}";
      case "balance" -> "\\left(\\left(" + x + "\\right)_{" + print(args.get(1)) + "}^{2} - \\left("
          + x + "\\right)_{" + print(args.get(2)) + "}^{2}\\right)";
      case "hessian" -> "\\left(" + hess + "\\right)_{" + print(args.get(1)) + ","
          + print(args.get(2)) + "}";
      default -> "\\operatorname{" + a.name() + "}\\left(" + list(args) + "\\right)";
    };
  }

  private static String list(List<Expr> args) {
    return args.stream().map(LatexPrinter::print).collect(Collectors.joining(", "));
  }

  private static int precedence(Expr e) {
    if (e instanceof Num n) {
      return n.value().signum() < 0 ? UNARY : ATOM;
    }
    if (e instanceof Add) {
      return SUM;
    }
    if (e instanceof Mul) {
      return PRODUCT;
    }
    if (e instanceof Neg) {
      return UNARY;
    }
    if (e instanceof Div) {
      return ATOM; // \frac is self-delimiting (a power of it is bracketed in pow)
    }
    return e instanceof Pow ? POWER : ATOM;
  }
}

package org.eoscheck.expr;

import static org.eoscheck.expr.Exprs.ONE;
import static org.eoscheck.expr.Exprs.ZERO;

import java.util.ArrayList;
import java.util.List;
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

/**
 * Exact symbolic differentiation on {@link Expr}, by the usual rules. It is deliberately
 * independent of the computer-algebra system so that gradients, Hessians and GD maps used by the
 * prover are obtained by a short, auditable procedure; results are lightly simplified.
 */
public final class Derivative {
  private Derivative() {}

  /** d e / d var. */
  public static Expr of(Expr e, String var) {
    return Exprs.simplify(raw(e, var));
  }

  /** The gradient of {@code e} with respect to {@code vars}, in order. */
  public static List<Expr> gradient(Expr e, List<String> vars) {
    return vars.stream().map(v -> of(e, v)).toList();
  }

  /** The Hessian matrix of {@code e} with respect to {@code vars} (symmetric, row-major). */
  public static List<List<Expr>> hessian(Expr e, List<String> vars) {
    List<Expr> g = gradient(e, vars);
    List<List<Expr>> h = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < vars.size(); j++) {
        row.add(j < i ? h.get(j).get(i) : of(g.get(i), vars.get(j)));
      }
      h.add(row);
    }
    return h;
  }

  private static Expr raw(Expr e, String x) {
    if (!Exprs.variables(e).contains(x)) {
      return ZERO;
    }
    return e.accept(new Expr.Visitor<Expr>() {
      public Expr num(Num n) {
        return ZERO;
      }

      public Expr var(Var v) {
        return v.name().equals(x) ? ONE : ZERO;
      }

      public Expr add(Add a) {
        return new Add(a.terms().stream().map(t -> raw(t, x)).toList());
      }

      public Expr mul(Mul m) {
        List<Expr> terms = new ArrayList<>();
        List<Expr> fs = m.factors();
        for (int i = 0; i < fs.size(); i++) {
          List<Expr> product = new ArrayList<>(fs);
          product.set(i, raw(fs.get(i), x));
          terms.add(new Mul(product));
        }
        return new Add(terms);
      }

      public Expr neg(Neg n) {
        return new Neg(raw(n.arg(), x));
      }

      public Expr div(Div d) {
        if (!Exprs.variables(d.den()).contains(x)) {
          return new Div(raw(d.num(), x), d.den());
        }
        return new Div(
            Expr.sub(Expr.mul(raw(d.num(), x), d.den()), Expr.mul(d.num(), raw(d.den(), x))),
            new Pow(d.den(), 2));
      }

      public Expr pow(Pow p) {
        return Expr.mul(Num.of(p.exponent()), new Pow(p.base(), p.exponent() - 1), raw(p.base(), x));
      }

      public Expr call(Call c) {
        return Derivative.call(c, x);
      }

      public Expr gfsShift(GfsShift g) {
        return shift(g, x);
      }

      public Expr apply(Apply a) {
        throw new IllegalArgumentException("cannot differentiate unresolved " + a.name());
      }
    });
  }

  private static Expr call(Call c, String x) {
    Expr u = c.args().get(0);
    Expr du = raw(u, x);
    switch (c.fn()) {
      case SQRT:
        return new Div(du, Expr.mul(Num.of(2), c));
      case ABS:
        return Expr.mul(new Div(u, c), du);
      case EXP:
        return Expr.mul(c, du);
      case LOG:
        return new Div(du, u);
      case SIN:
        return Expr.mul(new Call(Fn.COS, List.of(u)), du);
      case COS:
        return new Neg(Expr.mul(new Call(Fn.SIN, List.of(u)), du));
      case TANH:
        return Expr.mul(Expr.sub(ONE, new Pow(c, 2)), du);
      case MIN:
      case MAX:
        return extremum(c, x);
      default:
        throw new IllegalArgumentException(
            c.fn().label() + " is not differentiable; rewrite the expression without it");
    }
  }

  /**
   * max(a, b) = (a + b + |a - b|)/2 and min(a, b) = (a + b - |a - b|)/2, so where a != b
   * d max(a, b) = (da + db)/2 + s (da - db)/2 and d min(a, b) = (da + db)/2 - s (da - db)/2 with
   * s = (a - b)/|a - b|, which is undefined on the kink a = b: the derivative, and the GD step
   * built from it, is defined exactly where the function is differentiable along the formula.
   * More arguments fold from the left: max(a, b, c) = max(max(a, b), c).
   */
  private static Expr extremum(Call c, String x) {
    List<Expr> args = c.args();
    if (args.size() == 1) {
      return raw(args.get(0), x);
    }
    Expr a = args.size() == 2 ? args.get(0) : new Call(c.fn(), args.subList(0, args.size() - 1));
    Expr b = args.get(args.size() - 1);
    Expr da = raw(a, x);
    Expr db = raw(b, x);
    Expr diff = Expr.sub(a, b);
    Expr sign = new Div(diff, new Call(Fn.ABS, List.of(diff)));
    Expr half = Num.of(1, 2);
    Expr jump = Expr.mul(half, sign, Expr.sub(da, db));
    Expr mean = Expr.mul(half, Expr.add(da, db));
    return c.fn() == Fn.MAX ? Expr.add(mean, jump) : Expr.sub(mean, jump);
  }

  /**
   * Implicit differentiation of delta* defined by F = prod_i (u_i + delta) - t = 0:
   * d delta / dx = -(dF/dx) / (dF/d delta), with dF/d delta = sum_i prod_{j != i} (u_j + delta) > 0.
   */
  private static Expr shift(GfsShift g, String x) {
    List<Expr> shifted = g.squares().stream().map(u -> (Expr) new Add(List.of(u, g))).toList();
    List<Expr> dFdx = new ArrayList<>();
    List<Expr> dFdDelta = new ArrayList<>();
    for (int i = 0; i < shifted.size(); i++) {
      List<Expr> others = new ArrayList<>(shifted);
      others.remove(i);
      Expr rest = others.isEmpty() ? ONE : new Mul(others);
      dFdDelta.add(rest);
      dFdx.add(Expr.mul(raw(g.squares().get(i), x), rest));
    }
    dFdx.add(new Neg(raw(g.target(), x)));
    return new Neg(new Div(new Add(dFdx), new Add(dFdDelta)));
  }
}

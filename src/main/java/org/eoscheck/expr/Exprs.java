package org.eoscheck.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
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

/** Structural operations on expressions: substitution, free variables, light simplification. */
public final class Exprs {
  public static final Num ZERO = new Num(BigFraction.ZERO);
  public static final Num ONE = new Num(BigFraction.ONE);

  private Exprs() {}

  /** Rebuilds {@code e} with {@code f} applied to each direct child. */
  public static Expr mapChildren(Expr e, UnaryOperator<Expr> f) {
    return e.accept(new Expr.Visitor<Expr>() {
      public Expr num(Num n) {
        return n;
      }

      public Expr var(Var v) {
        return v;
      }

      public Expr add(Add a) {
        return new Add(a.terms().stream().map(f).toList());
      }

      public Expr mul(Mul m) {
        return new Mul(m.factors().stream().map(f).toList());
      }

      public Expr neg(Neg n) {
        return new Neg(f.apply(n.arg()));
      }

      public Expr div(Div d) {
        return new Div(f.apply(d.num()), f.apply(d.den()));
      }

      public Expr pow(Pow p) {
        return new Pow(f.apply(p.base()), p.exponent());
      }

      public Expr call(Call c) {
        return new Call(c.fn(), c.args().stream().map(f).toList());
      }

      public Expr gfsShift(GfsShift g) {
        return new GfsShift(g.squares().stream().map(f).toList(), f.apply(g.target()));
      }

      public Expr apply(Apply a) {
        return new Apply(a.name(), a.args().stream().map(f).toList(), a.column());
      }
    });
  }

  /** The direct children of {@code e}. */
  public static List<Expr> children(Expr e) {
    List<Expr> out = new ArrayList<>();
    mapChildren(e, c -> {
      out.add(c);
      return c;
    });
    return out;
  }

  public static Expr substitute(Expr e, Map<String, ? extends Expr> values) {
    return replace(e, x -> x instanceof Var v ? values.get(v.name()) : null);
  }

  /** e with names[i] replaced by values[i] (the lists have the same length). */
  public static Expr substitute(Expr e, List<String> names, List<? extends Expr> values) {
    Map<String, Expr> sub = new java.util.LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      sub.put(names.get(i), values.get(i));
    }
    return substitute(e, sub);
  }

  /**
   * e with every subterm for which {@code rule} gives a replacement (non-null) replaced, top-down:
   * a replaced subterm is not entered.
   */
  public static Expr replace(Expr e, java.util.function.Function<Expr, Expr> rule) {
    Expr r = rule.apply(e);
    return r != null ? r : mapChildren(e, c -> replace(c, rule));
  }

  /** The distinct nodes of e satisfying {@code test}, in order of first occurrence. */
  public static List<Expr> distinct(Expr e, java.util.function.Predicate<Expr> test) {
    Set<Expr> out = new LinkedHashSet<>();
    collectMatching(e, test, out);
    return List.copyOf(out);
  }

  private static void collectMatching(Expr e, java.util.function.Predicate<Expr> test, Set<Expr> out) {
    if (test.test(e)) {
      out.add(e);
    }
    for (Expr c : children(e)) {
      collectMatching(c, test, out);
    }
  }

  /** Free variables in order of first occurrence. */
  public static Set<String> variables(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, Set<String> out) {
    if (e instanceof Var v) {
      out.add(v.name());
    }
    for (Expr c : children(e)) {
      collect(c, out);
    }
  }

  /** Whether {@code e} contains a node satisfying {@code test}. */
  public static boolean contains(Expr e, java.util.function.Predicate<Expr> test) {
    if (test.test(e)) {
      return true;
    }
    for (Expr c : children(e)) {
      if (contains(c, test)) {
        return true;
      }
    }
    return false;
  }

  /** The number of nodes of the tree. */
  public static int size(Expr e) {
    int n = 1;
    for (Expr c : children(e)) {
      n += size(c);
    }
    return n;
  }

  /**
   * A light, domain-preserving simplification: constant folding, flattening of sums and products,
   * and removal of neutral elements. The result is defined at exactly the points where the input
   * is, and equal to it there: it never divides by a non-constant nor cancels factors, and a
   * subterm is dropped ({@code 0*E -> 0}, {@code E^0 -> 1}) only when it is {@link #total}
   * (defined everywhere); otherwise {@code 0*E} keeps E, so its definedness guards stay.
   */
  public static Expr simplify(Expr e) {
    Expr s = mapChildren(e, Exprs::simplify);
    if (s instanceof Add a) {
      return simplifySum(a.terms());
    }
    if (s instanceof Mul m) {
      return simplifyProduct(m.factors());
    }
    if (s instanceof Neg n) {
      return n.arg() instanceof Num c ? new Num(c.value().negate())
          : n.arg() instanceof Neg inner ? inner.arg() : n;
    }
    if (s instanceof Div d && d.den() instanceof Num b && !isZero(b)) {
      return simplifyProduct(List.of(new Num(b.value().reciprocal()), d.num()));
    }
    if (s instanceof Pow p) {
      if (p.exponent() == 0 && total(p.base())) {
        return ONE;
      }
      if (p.exponent() == 1) {
        return p.base();
      }
      if (p.base() instanceof Num c && (p.exponent() > 0 || !isZero(c))) {
        return new Num(c.value().pow(p.exponent()));
      }
      if (p.base() instanceof Pow q && p.exponent() > 0 && q.exponent() > 0) {
        return new Pow(q.base(), p.exponent() * q.exponent());
      }
    }
    return s;
  }

  private static Expr simplifySum(List<Expr> terms) {
    List<Expr> out = new ArrayList<>();
    BigFraction constant = BigFraction.ZERO;
    for (Expr t : terms) {
      for (Expr u : t instanceof Add a ? a.terms() : List.of(t)) {
        if (u instanceof Num c) {
          constant = constant.add(c.value());
        } else {
          out.add(u);
        }
      }
    }
    if (!constant.equals(BigFraction.ZERO) || out.isEmpty()) {
      out.add(new Num(constant));
    }
    return out.size() == 1 ? out.get(0) : new Add(out);
  }

  private static Expr simplifyProduct(List<Expr> factors) {
    List<Expr> out = new ArrayList<>();
    BigFraction constant = BigFraction.ONE;
    for (Expr f : factors) {
      for (Expr u : f instanceof Mul m ? m.factors() : List.of(f)) {
        if (u instanceof Num c) {
          constant = constant.multiply(c.value());
        } else if (u instanceof Neg n) {
          constant = constant.negate();
          out.add(n.arg());
        } else {
          out.add(u);
        }
      }
    }
    if (constant.equals(BigFraction.ZERO)) {
      // 0 * E is 0 where E is defined: keep the factors that may be undefined somewhere.
      List<Expr> partial = out.stream().filter(u -> !total(u)).toList();
      if (partial.isEmpty()) {
        return ZERO;
      }
      List<Expr> kept = new ArrayList<>();
      kept.add(ZERO);
      kept.addAll(partial);
      return new Mul(kept);
    }
    if (out.isEmpty()) {
      return new Num(constant);
    }
    Expr product = out.size() == 1 ? out.get(0) : new Mul(out);
    if (constant.equals(BigFraction.ONE)) {
      return product;
    }
    if (constant.equals(BigFraction.ONE.negate())) {
      return new Neg(product);
    }
    List<Expr> withConstant = new ArrayList<>();
    withConstant.add(new Num(constant));
    withConstant.addAll(out);
    return new Mul(withConstant);
  }

  /**
   * Whether {@code e} is defined at every real point: no division or negative power of a
   * non-constant (or of the constant 0), no sqrt or log, no gfsShift, no unresolved call.
   * Polynomials, abs, min, max, exp, sin, cos and tanh of total expressions are total.
   */
  public static boolean total(Expr e) {
    return !contains(e, x -> x instanceof Div d && !(d.den() instanceof Num n && !isZero(n))
        || x instanceof Pow p && p.exponent() < 0 && !(p.base() instanceof Num n && !isZero(n))
        || x instanceof Call c && (c.fn() == Fn.SQRT || c.fn() == Fn.LOG)
        || x instanceof GfsShift || x instanceof Apply);
  }

  public static boolean isZero(Expr e) {
    return e instanceof Num n && n.value().signum() == 0;
  }
}

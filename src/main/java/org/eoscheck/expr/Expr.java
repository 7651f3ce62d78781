package org.eoscheck.expr;

import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * A real-valued expression over named real variables: the one representation shared by the
 * models, the lemma language, the evaluators (double, interval, certified) and the SMT encoder.
 *
 * <p>Constants are exact rationals. Besides field operations, integer powers and a few
 * elementary functions, there is one implicit quantity, {@link GfsShift}: the shift delta* of the
 * gradient-flow solution of a scalar network (Kreisler et al. 2023), defined as the unique root of
 * prod_i (u_i + delta) = t with delta > -min_i u_i.
 *
 * <p>{@link Apply} is an unresolved call by name, produced by the parser; the lemma elaborator
 * replaces it by model built-ins. Evaluators reject it.
 */
public sealed interface Expr
    permits Expr.Num, Expr.Var, Expr.Add, Expr.Mul, Expr.Neg, Expr.Div, Expr.Pow, Expr.Call,
        Expr.GfsShift, Expr.Apply {

  /** Dispatch on the kind of node; adding a node kind breaks every visitor at compile time. */
  <R> R accept(Visitor<R> visitor);

  /** One method per kind of node. */
  interface Visitor<R> {
    R num(Num e);

    R var(Var e);

    R add(Add e);

    R mul(Mul e);

    R neg(Neg e);

    R div(Div e);

    R pow(Pow e);

    R call(Call e);

    R gfsShift(GfsShift e);

    R apply(Apply e);
  }

  /** An exact rational constant. */
  record Num(BigFraction value) implements Expr {
    /** Normalises the sign into the numerator (BigFraction may keep it in the denominator). */
    public Num {
      if (value.getDenominator().signum() < 0) {
        value = BigFraction.of(value.getNumerator().negate(), value.getDenominator().negate());
      }
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.num(this);
    }

    public static Num of(long n) {
      return new Num(BigFraction.of(n));
    }

    public static Num of(long p, long q) {
      return new Num(BigFraction.of(p, q));
    }
  }

  /** A named real variable (a parameter, the step size eta, a model symbol such as y). */
  record Var(String name) implements Expr {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.var(this);
    }
  }

  /** A sum of at least one term. */
  record Add(List<Expr> terms) implements Expr {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.add(this);
    }

    public Add {
      terms = List.copyOf(terms);
    }
  }

  /** A product of at least one factor. */
  record Mul(List<Expr> factors) implements Expr {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.mul(this);
    }

    public Mul {
      factors = List.copyOf(factors);
    }
  }

  record Neg(Expr arg) implements Expr {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.neg(this);
    }
  }

  record Div(Expr num, Expr den) implements Expr {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.div(this);
    }
  }

  /** base^exponent for an integer exponent (negative means 1/base^-exponent). */
  record Pow(Expr base, int exponent) implements Expr {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.pow(this);
    }
  }

  /** An elementary function applied to its arguments. */
  record Call(Fn fn, List<Expr> args) implements Expr {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.call(this);
    }

    public Call {
      args = List.copyOf(args);
      if (args.size() != fn.arity() && fn.arity() >= 0) {
        throw new IllegalArgumentException(fn.label() + " takes " + fn.arity() + " argument(s)");
      }
      if (fn.arity() < 0 && args.isEmpty()) {
        throw new IllegalArgumentException(fn.label() + " takes at least one argument");
      }
      if (!fn.accepts(args.size())) {
        throw new IllegalArgumentException(fn.label() + " takes the upper triangle of a symmetric"
            + " matrix: 1, 3, 6, 10, ... arguments, not " + args.size());
      }
    }
  }

  /**
   * delta*: the unique real delta with u_i + delta > 0 for all i and prod_i (u_i + delta) = target,
   * for u_i >= 0 and target > 0 (p(delta) = prod (u_i + delta) increases from 0 to infinity on
   * (-min u, infinity)). With u_i = w_i^2 and target = y^2, the gradient-flow solution of the scalar
   * network has s_i^2 = w_i^2 + delta* (Kreisler, Nacson, Soudry, Carmon 2023; shared/maths.md 1).
   */
  record GfsShift(List<Expr> squares, Expr target) implements Expr {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.gfsShift(this);
    }

    public GfsShift {
      squares = List.copyOf(squares);
      if (squares.isEmpty()) {
        throw new IllegalArgumentException("GfsShift needs at least one square");
      }
    }
  }

  /** An unresolved call by name (parser output), with its column in the source text. */
  record Apply(String name, List<Expr> args, int column) implements Expr {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.apply(this);
    }

    public Apply {
      args = List.copyOf(args);
    }
  }

  // ---- convenience constructors, used throughout (they do no simplification) ----

  static Expr num(long n) {
    return Num.of(n);
  }

  static Expr var(String name) {
    return new Var(name);
  }

  static Expr add(Expr... terms) {
    return new Add(List.of(terms));
  }

  static Expr sub(Expr a, Expr b) {
    return new Add(List.of(a, new Neg(b)));
  }

  static Expr mul(Expr... factors) {
    return new Mul(List.of(factors));
  }

  static Expr div(Expr a, Expr b) {
    return new Div(a, b);
  }

  static Expr pow(Expr base, int exponent) {
    return new Pow(base, exponent);
  }

  static Expr sqrt(Expr arg) {
    return new Call(Fn.SQRT, List.of(arg));
  }

  /** The expression with every variable named in {@code values} replaced. */
  default Expr substitute(Map<String, ? extends Expr> values) {
    return Exprs.substitute(this, values);
  }

  /** Infix text in the lemma language; {@link ExprParser#parse} reads it back to an equal tree. */
  default String text() {
    return ExprPrinter.print(this);
  }
}

package org.eoscheck.symbolic;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
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
import org.eoscheck.expr.Fn;

/**
 * Point evaluation of an {@link Expr} over a chosen {@link Arithmetic}: exact rationals (to check the
 * answers of the computer-algebra system at random rational points) or doubles (a sanity check for
 * expressions with transcendental functions). It is a checking aid for the symbolic layer, not a
 * sound kernel: proofs go through the interval and SMT back ends.
 */
public final class Evaluation {
  private Evaluation() {}

  /** Raised when an expression has no value in the chosen arithmetic (e.g. sqrt(2) exactly). */
  public static final class NotRepresentable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotRepresentable(String message) {
      super(message);
    }
  }

  /** The operations an evaluator needs; partial operations throw {@link ArithmeticException}. */
  public interface Arithmetic<T> {
    T constant(BigFraction q);

    T add(T a, T b);

    T multiply(T a, T b);

    T negate(T a);

    T divide(T a, T b);

    T power(T a, int exponent);

    T call(Fn fn, List<T> args);

    /** delta*: prod_i (u_i + delta) = target with u_i + delta > 0 (see {@link Expr.GfsShift}). */
    default T gfsShift(List<T> squares, T target) {
      throw new NotRepresentable("gfsShift has no value in this arithmetic");
    }
  }

  /**
   * Exact rational arithmetic: sqrt only of perfect squares, abs, min, max; no transcendental
   * function and no gfsShift. Division by zero throws {@link ArithmeticException}.
   */
  public static final Arithmetic<BigFraction> EXACT = new Arithmetic<>() {
    public BigFraction constant(BigFraction q) {
      return q;
    }

    public BigFraction add(BigFraction a, BigFraction b) {
      return a.add(b);
    }

    public BigFraction multiply(BigFraction a, BigFraction b) {
      return a.multiply(b);
    }

    public BigFraction negate(BigFraction a) {
      return a.negate();
    }

    public BigFraction divide(BigFraction a, BigFraction b) {
      if (b.signum() == 0) {
        throw new ArithmeticException("division by zero");
      }
      return a.divide(b);
    }

    public BigFraction power(BigFraction a, int k) {
      if (k < 0 && a.signum() == 0) {
        throw new ArithmeticException("division by zero");
      }
      return a.pow(k);
    }

    public BigFraction call(Fn fn, List<BigFraction> args) {
      switch (fn) {
        case ABS:
          return args.get(0).abs();
        case MIN:
          return args.stream().reduce((a, b) -> a.compareTo(b) <= 0 ? a : b).orElseThrow();
        case MAX:
          return args.stream().reduce((a, b) -> a.compareTo(b) >= 0 ? a : b).orElseThrow();
        case SQRT:
          return exactSqrt(args.get(0));
        default:
          throw new NotRepresentable(fn.label() + " has no exact rational value");
      }
    }
  };

  /** Double arithmetic; gfsShift is not available (no root finding here). */
  public static final Arithmetic<Double> DOUBLE = new Arithmetic<>() {
    public Double constant(BigFraction q) {
      return q.doubleValue();
    }

    public Double add(Double a, Double b) {
      return a + b;
    }

    public Double multiply(Double a, Double b) {
      return a * b;
    }

    public Double negate(Double a) {
      return -a;
    }

    public Double divide(Double a, Double b) {
      return a / b;
    }

    public Double power(Double a, int k) {
      double r = 1;
      for (int i = 0; i < Math.abs(k); i++) {
        r *= a;
      }
      return k < 0 ? 1 / r : r;
    }

    public Double call(Fn fn, List<Double> args) {
      double x = args.get(0);
      switch (fn) {
        case SQRT:
          return Math.sqrt(x);
        case ABS:
          return Math.abs(x);
        case MIN:
          return args.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        case MAX:
          return args.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        case EXP:
          return Math.exp(x);
        case LOG:
          return Math.log(x);
        case SIN:
          return Math.sin(x);
        case COS:
          return Math.cos(x);
        case TANH:
          return Math.tanh(x);
        default:
          throw new NotRepresentable("unknown function " + fn.label());
      }
    }
  };

  /**
   * Arithmetic in the field Z/p for a prime p &lt; 2^31: the image of the exact rational value under
   * reduction mod p (defined when no denominator met is divisible by p; otherwise
   * {@link ArithmeticException}). A nonzero residue proves the rational value nonzero, at a
   * fraction of the cost of exact rationals on big determinants. No abs, min, max, sqrt.
   */
  public static Arithmetic<Long> modulo(long p) {
    if (p < 3 || p >= (1L << 31) || !BigInteger.valueOf(p).isProbablePrime(40)) {
      throw new IllegalArgumentException("the modulus must be a prime below 2^31");
    }
    BigInteger modulus = BigInteger.valueOf(p);
    return new Arithmetic<>() {
      public Long constant(BigFraction q) {
        long den = q.getDenominator().mod(modulus).longValue();
        return multiply(q.getNumerator().mod(modulus).longValue(), inverse(den));
      }

      public Long add(Long a, Long b) {
        return (a + b) % p;
      }

      public Long multiply(Long a, Long b) {
        return a * b % p;
      }

      public Long negate(Long a) {
        return (p - a) % p;
      }

      public Long divide(Long a, Long b) {
        return multiply(a, inverse(b));
      }

      public Long power(Long a, int k) {
        long r = BigInteger.valueOf(a).modPow(BigInteger.valueOf(Math.abs(k)), modulus).longValue();
        return k < 0 ? inverse(r) : r;
      }

      public Long call(Fn fn, List<Long> args) {
        throw new NotRepresentable(fn.label() + " has no value modulo a prime");
      }

      private long inverse(long a) {
        if (a == 0) {
          throw new ArithmeticException("division by zero modulo " + p);
        }
        return BigInteger.valueOf(a).modInverse(modulus).longValue();
      }
    };
  }

  /** {@code base} with gfsShift computed by {@code shift(squares, target)} (e.g. a root finder). */
  public static <T> Arithmetic<T> withShift(Arithmetic<T> base, BiFunction<List<T>, T, T> shift) {
    return new Arithmetic<>() {
      public T constant(BigFraction q) {
        return base.constant(q);
      }

      public T add(T a, T b) {
        return base.add(a, b);
      }

      public T multiply(T a, T b) {
        return base.multiply(a, b);
      }

      public T negate(T a) {
        return base.negate(a);
      }

      public T divide(T a, T b) {
        return base.divide(a, b);
      }

      public T power(T a, int exponent) {
        return base.power(a, exponent);
      }

      public T call(Fn fn, List<T> args) {
        return base.call(fn, args);
      }

      public T gfsShift(List<T> squares, T target) {
        return shift.apply(squares, target);
      }
    };
  }

  /** The value of {@code e} at {@code point} in arithmetic {@code ar}. */
  public static <T> T evaluate(Expr e, Map<String, T> point, Arithmetic<T> ar) {
    return e.accept(new Expr.Visitor<T>() {
      public T num(Num n) {
        return ar.constant(n.value());
      }

      public T var(Var v) {
        T value = point.get(v.name());
        if (value == null) {
          throw new NotRepresentable("no value for " + v.name());
        }
        return value;
      }

      public T add(Add a) {
        T sum = null;
        for (Expr t : a.terms()) {
          T x = t.accept(this);
          sum = sum == null ? x : ar.add(sum, x);
        }
        return sum;
      }

      public T mul(Mul m) {
        T product = null;
        for (Expr f : m.factors()) {
          T x = f.accept(this);
          product = product == null ? x : ar.multiply(product, x);
        }
        return product;
      }

      public T neg(Neg n) {
        return ar.negate(n.arg().accept(this));
      }

      public T div(Div d) {
        return ar.divide(d.num().accept(this), d.den().accept(this));
      }

      public T pow(Pow p) {
        return ar.power(p.base().accept(this), p.exponent());
      }

      public T call(Call c) {
        List<T> args = new ArrayList<>();
        c.args().forEach(x -> args.add(x.accept(this)));
        return ar.call(c.fn(), args);
      }

      public T gfsShift(GfsShift g) {
        List<T> squares = new ArrayList<>();
        g.squares().forEach(x -> squares.add(x.accept(this)));
        return ar.gfsShift(squares, g.target().accept(this));
      }

      public T apply(Apply a) {
        throw new NotRepresentable("unresolved call " + a.name());
      }
    });
  }

  /** The exact value of {@code e} at a rational point. */
  public static BigFraction exact(Expr e, Map<String, BigFraction> point) {
    return evaluate(e, point, EXACT);
  }

  /** The double value of {@code e} at a point. */
  public static double approximate(Expr e, Map<String, Double> point) {
    return evaluate(e, point, DOUBLE);
  }

  /** sqrt(q) when q is the square of a rational; otherwise {@link NotRepresentable}. */
  public static BigFraction exactSqrt(BigFraction q) {
    if (q.signum() < 0) {
      throw new ArithmeticException("sqrt of a negative number");
    }
    BigInteger p = q.getNumerator().abs();
    BigInteger d = q.getDenominator().abs();
    BigInteger rp = p.sqrt();
    BigInteger rd = d.sqrt();
    if (!rp.multiply(rp).equals(p) || !rd.multiply(rd).equals(d)) {
      throw new NotRepresentable("sqrt(" + q + ") is irrational");
    }
    return BigFraction.of(rp, rd);
  }
}

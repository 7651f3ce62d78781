package org.eoscheck.interval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Fn;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.dfp.DfpMath;

/**
 * Independent reference evaluation for the interval tests: exact rational arithmetic
 * (BigFraction) for + - * / and integer powers, 80-digit decimal arithmetic (Hipparchus Dfp) for
 * the elementary functions, and a BigDecimal bisection for the gfs shift. None of it shares code
 * with the kernel under test. Also random inputs: doubles of every magnitude, intervals, points.
 */
final class Reference {
  private Reference() {}

  static final DfpField FIELD = new DfpField(80);

  /** Relative slack when comparing a bound with an 80-digit value (the value is good to ~1e-75). */
  private static final BigDecimal SLACK = new BigDecimal("1e-60");

  // ---- exact rational evaluation ----

  /** The exact value of {@code e} at the point, or empty where e is undefined. */
  static Optional<BigFraction> exact(Expr e, Map<String, BigFraction> at) {
    try {
      return Optional.of(exactOrThrow(e, at));
    } catch (ArithmeticException undefined) {
      return Optional.empty();
    }
  }

  private static BigFraction exactOrThrow(Expr e, Map<String, BigFraction> at) {
    if (e instanceof Expr.Num n) {
      return n.value();
    }
    if (e instanceof Expr.Var v) {
      return at.get(v.name());
    }
    if (e instanceof Expr.Add a) {
      BigFraction s = BigFraction.ZERO;
      for (Expr t : a.terms()) {
        s = s.add(exactOrThrow(t, at));
      }
      return s;
    }
    if (e instanceof Expr.Mul m) {
      BigFraction p = BigFraction.ONE;
      for (Expr f : m.factors()) {
        p = p.multiply(exactOrThrow(f, at));
      }
      return p;
    }
    if (e instanceof Expr.Neg n) {
      return exactOrThrow(n.arg(), at).negate();
    }
    if (e instanceof Expr.Div d) {
      BigFraction den = exactOrThrow(d.den(), at);
      if (den.signum() == 0) {
        throw new ArithmeticException("division by zero");
      }
      return exactOrThrow(d.num(), at).divide(den);
    }
    if (e instanceof Expr.Pow p) {
      BigFraction b = exactOrThrow(p.base(), at);
      if (p.exponent() == 0) {
        return BigFraction.ONE;
      }
      if (p.exponent() < 0 && b.signum() == 0) {
        throw new ArithmeticException("zero to a negative power");
      }
      return b.pow(p.exponent());
    }
    throw new IllegalArgumentException("no exact evaluation of " + e);
  }

  // ---- high-precision evaluation ----

  /** x to 78 digits (Dfp misreads plain strings longer than its precision). */
  static Dfp dfp(double x) {
    return FIELD.newDfp(new BigDecimal(x).round(new MathContext(78)).toString());
  }

  static Dfp dfp(BigFraction q) {
    MathContext mc = new MathContext(78);
    return FIELD.newDfp(new BigDecimal(q.getNumerator())
        .divide(new BigDecimal(q.getDenominator()), mc).toString());
  }

  /**
   * The value of {@code e} at the point to about 75 digits; empty where e is undefined or where
   * 80 digits cannot tell (an argument of sqrt or log, or a divisor, within 1e-50 of the edge).
   */
  static Optional<Dfp> high(Expr e, Map<String, Dfp> at) {
    try {
      return Optional.of(highOrThrow(e, at));
    } catch (ArithmeticException undefined) {
      return Optional.empty();
    }
  }

  private static final Dfp EDGE = FIELD.newDfp("1e-50");

  private static Dfp highOrThrow(Expr e, Map<String, Dfp> at) {
    if (e instanceof Expr.Num n) {
      return dfp(n.value());
    }
    if (e instanceof Expr.Var v) {
      return at.get(v.name());
    }
    if (e instanceof Expr.Add a) {
      Dfp s = FIELD.getZero();
      for (Expr t : a.terms()) {
        s = s.add(highOrThrow(t, at));
      }
      return s;
    }
    if (e instanceof Expr.Mul m) {
      Dfp p = FIELD.getOne();
      for (Expr f : m.factors()) {
        p = p.multiply(highOrThrow(f, at));
      }
      return p;
    }
    if (e instanceof Expr.Neg n) {
      return highOrThrow(n.arg(), at).negate();
    }
    if (e instanceof Expr.Div d) {
      Dfp den = highOrThrow(d.den(), at);
      if (den.abs().lessThan(EDGE)) {
        throw new ArithmeticException("division by (nearly) zero");
      }
      return highOrThrow(d.num(), at).divide(den);
    }
    if (e instanceof Expr.Pow p) {
      Dfp b = highOrThrow(p.base(), at);
      if (p.exponent() == 0) {
        return FIELD.getOne();
      }
      if (p.exponent() < 0 && b.abs().lessThan(EDGE)) {
        throw new ArithmeticException("zero to a negative power");
      }
      Dfp r = FIELD.getOne();
      for (int i = 0; i < Math.abs(p.exponent()); i++) {
        r = r.multiply(b);
      }
      return p.exponent() < 0 ? FIELD.getOne().divide(r) : r;
    }
    if (e instanceof Expr.Call c) {
      List<Dfp> args = new ArrayList<>();
      for (Expr a : c.args()) {
        args.add(highOrThrow(a, at));
      }
      return call(c.fn(), args);
    }
    if (e instanceof Expr.GfsShift g) {
      List<BigDecimal> u = new ArrayList<>();
      for (Expr s : g.squares()) {
        u.add(decimal(highOrThrow(s, at)));
      }
      BigDecimal t = decimal(highOrThrow(g.target(), at));
      if (t.signum() <= 0) {
        throw new ArithmeticException("non-positive target");
      }
      return FIELD.newDfp(gfsShiftRoot(u, t, 200).toString());
    }
    throw new IllegalArgumentException("no high-precision evaluation of " + e);
  }

  private static Dfp call(Fn fn, List<Dfp> a) {
    Dfp x = a.get(0);
    switch (fn) {
      case SQRT:
        if (x.lessThan(EDGE) && !x.isZero()) {
          throw new ArithmeticException("sqrt of a negative or doubtful number");
        }
        return x.sqrt();
      case ABS:
        return x.abs();
      case EXP:
        return DfpMath.exp(x);
      case LOG:
        if (x.lessThan(EDGE)) {
          throw new ArithmeticException("log of a non-positive or doubtful number");
        }
        return DfpMath.log(x);
      case SIN:
        return DfpMath.sin(x);
      case COS:
        return DfpMath.cos(x);
      case TANH:
        return tanh(x);
      case MIN:
        return a.stream().reduce((p, q) -> p.lessThan(q) ? p : q).orElseThrow();
      case MAX:
        return a.stream().reduce((p, q) -> p.greaterThan(q) ? p : q).orElseThrow();
      default:
        throw new IllegalArgumentException(fn.label());
    }
  }

  /** tanh x: (e^2x - 1) / (e^2x + 1), or its Taylor polynomial x - x^3/3 + 2x^5/15 near 0. */
  static Dfp tanh(Dfp x) {
    if (x.abs().lessThan(FIELD.newDfp("1e-15"))) {
      Dfp x2 = x.multiply(x);
      return x.multiply(FIELD.getOne().subtract(x2.divide(3)).add(x2.multiply(x2).multiply(2).divide(15)));
    }
    Dfp e2 = DfpMath.exp(x.multiply(2));
    return e2.subtract(1).divide(e2.add(1));
  }

  static BigDecimal decimal(Dfp x) {
    return new BigDecimal(x.toString());
  }

  // ---- containment ----

  /** Whether the interval contains the rational q, decided exactly. */
  static boolean contains(Interval iv, BigFraction q) {
    return (iv.lo() == Double.NEGATIVE_INFINITY || BigFraction.from(iv.lo()).compareTo(q) <= 0)
        && (iv.hi() == Double.POSITIVE_INFINITY || BigFraction.from(iv.hi()).compareTo(q) >= 0);
  }

  /** Whether the interval contains v, up to a relative 1e-60 (far below any rounding error). */
  static boolean contains(Interval iv, Dfp v) {
    return contains(iv, decimal(v));
  }

  static boolean contains(Interval iv, BigDecimal v) {
    BigDecimal slack = v.abs().multiply(SLACK);
    return (iv.lo() == Double.NEGATIVE_INFINITY
            || new BigDecimal(iv.lo()).compareTo(v.add(slack)) <= 0)
        && (iv.hi() == Double.POSITIVE_INFINITY
            || new BigDecimal(iv.hi()).compareTo(v.subtract(slack)) >= 0);
  }

  // ---- the gfs shift by bisection ----

  /** prod (u_i + d), exactly. */
  static BigDecimal product(List<BigDecimal> u, BigDecimal d) {
    BigDecimal p = BigDecimal.ONE;
    for (BigDecimal x : u) {
      p = p.multiply(x.add(d));
    }
    return p;
  }

  /** Whether L &lt;= delta*(u, t), decided exactly: L &lt;= -min u, or p(L) &lt;= t. */
  static boolean belowRoot(List<BigDecimal> u, BigDecimal t, BigDecimal l) {
    BigDecimal floor = u.stream().min(BigDecimal::compareTo).orElseThrow().negate();
    return l.compareTo(floor) <= 0 || product(u, l).compareTo(t) <= 0;
  }

  /** Whether U &gt;= delta*(u, t), decided exactly: U &gt; -min u and p(U) &gt;= t. */
  static boolean aboveRoot(List<BigDecimal> u, BigDecimal t, BigDecimal h) {
    BigDecimal floor = u.stream().min(BigDecimal::compareTo).orElseThrow().negate();
    return h.compareTo(floor) > 0 && product(u, h).compareTo(t) >= 0;
  }

  /**
   * delta*(u, t) by bisection on (-min u, t^(1/n) - min u]: {@code iterations} halvings of the
   * bracket, midpoints rounded to 70 digits (any split point keeps the bracket valid).
   */
  static BigDecimal gfsShiftRoot(List<BigDecimal> u, BigDecimal t, int iterations) {
    BigDecimal floor = u.stream().min(BigDecimal::compareTo).orElseThrow().negate();
    BigDecimal lo = floor;
    BigDecimal hi = floor.add(BigDecimal.ONE);
    while (product(u, hi).compareTo(t) < 0) {
      hi = floor.add(hi.subtract(floor).multiply(BigDecimal.valueOf(2)));
    }
    MathContext mc = new MathContext(70, RoundingMode.HALF_EVEN);
    BigDecimal half = new BigDecimal("0.5");
    for (int i = 0; i < iterations; i++) {
      BigDecimal mid = lo.add(hi).multiply(half).round(mc);
      if (mid.compareTo(lo) <= 0 || mid.compareTo(hi) >= 0) {
        break;
      }
      if (product(u, mid).compareTo(t) < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  // ---- random inputs ----

  /** A double drawn from a mixture: small integers, tenths, uniform, any magnitude, extremes. */
  static double randomDouble(Random r) {
    switch (r.nextInt(8)) {
      case 0:
        return r.nextInt(11) - 5;
      case 1:
        return Interval.of(BigFraction.of(r.nextInt(61) - 30, 10)).lo();
      case 2:
      case 3:
        return 6 * r.nextDouble() - 3;
      case 4:
        return (r.nextBoolean() ? 1 : -1) * (1 + r.nextDouble()) * Math.scalb(1.0, r.nextInt(121) - 60);
      case 5:
        return (r.nextBoolean() ? 1 : -1) * (1 + r.nextDouble()) * Math.scalb(1.0, r.nextInt(2000) - 1000);
      case 6:
        return (r.nextBoolean() ? 1 : -1) * Double.MIN_VALUE * (1 + r.nextInt(1000));
      default:
        return 0.5 * (r.nextInt(7) - 3);
    }
  }

  /** A random interval: a point, a thin interval, or the hull of two random doubles. */
  static Interval randomInterval(Random r) {
    double a = randomDouble(r);
    switch (r.nextInt(4)) {
      case 0:
        return Interval.point(a);
      case 1:
        return new Interval(a, a + Math.abs(a) * 1e-3 * r.nextDouble());
      default: {
        double b = randomDouble(r);
        return new Interval(Math.min(a, b), Math.max(a, b));
      }
    }
  }

  /** A random interval inside [-limit, limit]. */
  static Interval randomInterval(Random r, double limit) {
    double a = limit * (2 * r.nextDouble() - 1);
    double b = r.nextInt(5) == 0 ? a : limit * (2 * r.nextDouble() - 1);
    if (r.nextInt(4) == 0) {
      a = Math.rint(a);
      b = Math.rint(b);
    }
    return new Interval(Math.min(a, b), Math.max(a, b));
  }

  /** A double in the interval: an endpoint, 0 if inside, or a random interior point. */
  static double randomPoint(Random r, Interval iv) {
    switch (r.nextInt(5)) {
      case 0:
        return iv.lo();
      case 1:
        return iv.hi();
      case 2:
        if (iv.contains(0)) {
          return 0;
        }
        // fall through
      default: {
        double x = iv.lo() + r.nextDouble() * (iv.hi() - iv.lo());
        if (!Double.isFinite(x)) {
          x = iv.lo() / 2 + r.nextDouble() * (iv.hi() / 2 - iv.lo() / 2) * 2;
        }
        return Math.min(iv.hi(), Math.max(iv.lo(), x));
      }
    }
  }

  // ---- random expressions and boxes ----

  /**
   * A random expression over {@code vars}: sums, differences, products (sometimes with a
   * repeated factor), quotients, integer powers from -3 to 4, and calls of {@code fns}.
   */
  static Expr randomExpr(Random r, int depth, List<String> vars, List<Fn> fns) {
    if (depth == 0 || r.nextInt(5) == 0) {
      if (r.nextInt(10) < 7) {
        return Expr.var(vars.get(r.nextInt(vars.size())));
      }
      return r.nextBoolean() ? Expr.Num.of(r.nextInt(7) - 3) : Expr.Num.of(r.nextInt(21) - 10, 1 + r.nextInt(10));
    }
    int kind = r.nextInt(fns.isEmpty() ? 6 : 8);
    switch (kind) {
      case 0:
        return Expr.add(randomExpr(r, depth - 1, vars, fns), randomExpr(r, depth - 1, vars, fns));
      case 1: {
        Expr a = randomExpr(r, depth - 1, vars, fns);
        return Expr.mul(a, r.nextInt(3) == 0 ? a : randomExpr(r, depth - 1, vars, fns));
      }
      case 2:
        return Expr.sub(randomExpr(r, depth - 1, vars, fns), randomExpr(r, depth - 1, vars, fns));
      case 3:
        return Expr.div(randomExpr(r, depth - 1, vars, fns), randomExpr(r, depth - 1, vars, fns));
      case 4:
        return Expr.pow(randomExpr(r, depth - 1, vars, fns), r.nextInt(8) - 3);
      case 5:
        return new Expr.Neg(randomExpr(r, depth - 1, vars, fns));
      default: {
        Fn fn = fns.get(r.nextInt(fns.size()));
        int arity = fn.arity() < 0 ? 2 : fn.arity();
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
          args.add(randomExpr(r, depth - 1, vars, fns));
        }
        return new Expr.Call(fn, args);
      }
    }
  }

  /** A box with exact rational bounds: tenths, integers or doubles in [-3, 3], some points. */
  static BigFraction[][] randomRationalBox(Random r, int dimension, double width) {
    BigFraction[][] box = new BigFraction[dimension][];
    for (int i = 0; i < dimension; i++) {
      BigFraction lo;
      BigFraction hi;
      switch (r.nextInt(4)) {
        case 0: {
          int k = r.nextInt(61) - 30;
          lo = BigFraction.of(k, 10);
          hi = BigFraction.of(k + 1 + r.nextInt((int) Math.max(1, 10 * width)), 10);
          break;
        }
        case 1:
          lo = BigFraction.of(r.nextInt(7) - 3);
          hi = lo;
          break;
        default: {
          double a = 6 * r.nextDouble() - 3;
          lo = BigFraction.from(a);
          hi = BigFraction.from(a + width * r.nextDouble());
        }
      }
      box[i] = new BigFraction[] {lo, hi};
    }
    return box;
  }

  /** The box [b0, b1] x [b2, b3] x ... */
  static Interval[] box(double... bounds) {
    Interval[] box = new Interval[bounds.length / 2];
    for (int i = 0; i < box.length; i++) {
      box[i] = new Interval(bounds[2 * i], bounds[2 * i + 1]);
    }
    return box;
  }

  static Interval[] intervals(BigFraction[][] box) {
    Interval[] out = new Interval[box.length];
    for (int i = 0; i < box.length; i++) {
      out[i] = Interval.of(box[i][0], box[i][1]);
    }
    return out;
  }

  /** A rational point of the box: each coordinate an endpoint or lo + (hi - lo) * j / 64. */
  static Map<String, BigFraction> randomPoint(Random r, BigFraction[][] box, List<String> vars) {
    Map<String, BigFraction> p = new java.util.HashMap<>();
    for (int i = 0; i < box.length; i++) {
      BigFraction lo = box[i][0];
      BigFraction hi = box[i][1];
      p.put(vars.get(i), lo.add(hi.subtract(lo).multiply(BigFraction.of(r.nextInt(65), 64))));
    }
    return p;
  }

  static Map<String, Dfp> toDfp(Map<String, BigFraction> point) {
    Map<String, Dfp> out = new java.util.HashMap<>();
    point.forEach((k, v) -> out.put(k, dfp(v)));
    return out;
  }
}

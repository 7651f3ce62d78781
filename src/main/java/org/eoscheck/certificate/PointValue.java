package org.eoscheck.certificate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.CertifiedEvaluator.Undefined;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;

/**
 * Evaluation at one exact rational point, for counterexamples. {@link #exact} gives the value
 * when it is rational and found exactly: + - * /, integer powers, abs, min, max; sqrt of the
 * square of a rational; eigmax and eigmin of a rational matrix whose top (bottom) eigenvalue is
 * a rational c (the simplest rational in a 60-digit enclosure), proved by c I - H (H - c I)
 * semidefinite and singular; gfsShift(t; u) whose root delta* is rational. {@link #enclose} falls back
 * on the certified interval evaluator at the point.
 *
 * <p>Definedness is strict: an expression is undefined where any of its sub-expressions is (a
 * divisor 0, a negative power of 0, sqrt of a negative number, log of a non-positive number, a
 * gfsShift target &lt;= 0). {@link CertainlyUndefined} is thrown only when such an argument is
 * known at the point, exactly or by an enclosure that lies outside the domain: it is a proof
 * that the expression is undefined there.
 *
 * <p>gfsShift: on (-min u, oo) the polynomial p(d) = prod_i (u_i + d) increases from 0 to oo, so
 * a rational r &gt; -min u with p(r) = t exactly IS delta*, however it was found. It is looked for
 * as follows: with L the least common multiple of the denominators of the coefficients of the
 * monic p(d) - t, L (p - t) has integer coefficients and leading coefficient L, so a rational
 * root has a denominator dividing L (rational root theorem) and L r is an integer: the integers
 * k next to L delta* (a double estimate for small L, else the certified bracket times L) give
 * the only candidates k / L.
 */
final class PointValue {
  /** Proof that an expression is undefined at the point; the message names the operation. */
  static final class CertainlyUndefined extends Exception {
    private static final long serialVersionUID = 1L;

    CertainlyUndefined(String message) {
      super(message, null, false, false);
    }
  }

  /** Candidates k / L tried for a rational gfsShift root at most (the bracket is narrow). */
  private static final int MAX_ROOT_CANDIDATES = 4;

  private final Map<String, BigFraction> point;
  private final Map<String, Bounds> box = new LinkedHashMap<>();
  private final CertifiedEvaluator evaluator;
  private final Map<Expr, Optional<BigFraction>> memo = new IdentityHashMap<>();
  /** gfsShift values by equality (one shift occurs as several equal objects). */
  private final Map<Expr, Optional<BigFraction>> shifts = new java.util.HashMap<>();

  PointValue(Map<String, BigFraction> point, CertifiedEvaluator evaluator) {
    this.point = point;
    this.evaluator = evaluator;
    point.forEach((v, x) -> box.put(v, Bounds.point(x)));
  }

  /** A certified enclosure of {@code e} at the point: its exact value rounded outward if known. */
  CertifiedInterval enclose(Expr e) throws Undefined, CertainlyUndefined {
    Optional<BigFraction> v = exact(e);
    if (v.isPresent()) {
      return new CertifiedInterval(evaluator.down(v.get()), evaluator.up(v.get()));
    }
    return evaluator.enclose(e, box);
  }

  /**
   * A certified enclosure of a - b given enclosures of a and b: exact if a - b is found exactly,
   * else their difference (no second evaluation of a and b).
   */
  CertifiedInterval difference(Expr aMinusB, CertifiedInterval a, CertifiedInterval b)
      throws CertainlyUndefined {
    Optional<BigFraction> v = exact(aMinusB);
    if (v.isPresent()) {
      return new CertifiedInterval(evaluator.down(v.get()), evaluator.up(v.get()));
    }
    return evaluator.subtract(a, b);
  }

  /** The exact value of {@code e} at the point, or empty when it is not found exactly. */
  Optional<BigFraction> exact(Expr e) throws CertainlyUndefined {
    Optional<BigFraction> v = memo.get(e);
    if (v == null) {
      v = compute(e);
      memo.put(e, v);
    }
    return v;
  }

  private Optional<BigFraction> compute(Expr e) throws CertainlyUndefined {
    if (e instanceof Expr.Num n) {
      return Optional.of(n.value());
    }
    if (e instanceof Expr.Var v) {
      return Optional.ofNullable(point.get(v.name()));
    }
    // every argument first: a domain error anywhere below makes e undefined
    List<Optional<BigFraction>> xs = new ArrayList<>();
    for (Expr c : Exprs.children(e)) {
      xs.add(exact(c));
    }
    if (e instanceof Expr.Div d) {
      Optional<BigFraction> den = exact(d.den());
      if (isZero(d.den(), den)) {
        throw new CertainlyUndefined("division by 0: " + d.den().text() + " = 0");
      }
      return all(xs) ? Optional.of(exact(d.num()).get().divide(den.get())) : Optional.empty();
    }
    if (e instanceof Expr.Pow p) {
      Optional<BigFraction> base = exact(p.base());
      if (p.exponent() < 0 && isZero(p.base(), base)) {
        throw new CertainlyUndefined("negative power of 0: " + p.base().text() + " = 0");
      }
      return base.map(b -> b.pow(p.exponent()));
    }
    if (e instanceof Expr.GfsShift g) {
      Optional<BigFraction> t = exact(g.target());
      if (certainlyBelow(g.target(), t, true)) {
        throw new CertainlyUndefined("gfsShift target <= 0: " + g.target().text());
      }
      List<BigFraction> u = new ArrayList<>();
      for (Expr square : g.squares()) {
        exact(square).ifPresent(u::add);
      }
      if (t.isEmpty() || u.size() < g.squares().size()) {
        return Optional.empty();
      }
      Optional<BigFraction> known = shifts.get(g);
      if (known == null) {
        known = rationalShift(g, u, t.get());
        shifts.put(g, known);
      }
      return known;
    }
    if (e instanceof Expr.Call c) {
      return call(c, xs);
    }
    if (!all(xs)) {
      return Optional.empty();
    }
    if (e instanceof Expr.Neg) {
      return Optional.of(exact(((Expr.Neg) e).arg()).get().negate());
    }
    if (e instanceof Expr.Add) {
      return Optional.of(xs.stream().map(Optional::get).reduce(BigFraction.ZERO, BigFraction::add));
    }
    if (e instanceof Expr.Mul) {
      return Optional.of(xs.stream().map(Optional::get)
          .reduce(BigFraction.ONE, BigFraction::multiply));
    }
    return Optional.empty(); // an unresolved call: never evaluated
  }

  private Optional<BigFraction> call(Expr.Call c, List<Optional<BigFraction>> xs)
      throws CertainlyUndefined {
    Expr arg = c.args().get(0);
    Optional<BigFraction> x = exact(arg);
    switch (c.fn()) {
      case SQRT:
        if (certainlyBelow(arg, x, false)) {
          throw new CertainlyUndefined("sqrt of a negative number: " + arg.text() + " < 0");
        }
        return x.flatMap(PointValue::rationalSqrt);
      case LOG:
        if (certainlyBelow(arg, x, true)) {
          throw new CertainlyUndefined("log of a non-positive number: " + arg.text() + " <= 0");
        }
        return Optional.empty();
      case ABS:
        return x.map(BigFraction::abs);
      case MIN:
        return all(xs) ? xs.stream().map(Optional::get).reduce(PointValue::min) : Optional.empty();
      case MAX:
        return all(xs) ? xs.stream().map(Optional::get).reduce(PointValue::max) : Optional.empty();
      case EIGMAX:
        return all(xs) ? SymmetricSpectrum.exactTop(xs.stream().map(Optional::get).toList())
            : Optional.empty();
      case EIGMIN:
        return all(xs) ? SymmetricSpectrum.exactBottom(xs.stream().map(Optional::get).toList())
            : Optional.empty();
      default:
        return Optional.empty(); // exp, sin, cos, tanh: defined everywhere, not rational here
    }
  }

  private static BigFraction min(BigFraction a, BigFraction b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static BigFraction max(BigFraction a, BigFraction b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static boolean all(List<Optional<BigFraction>> xs) {
    return xs.stream().allMatch(Optional::isPresent);
  }

  /** Whether {@code e} (exact value {@code v} if known) is certainly 0 at the point. */
  private boolean isZero(Expr e, Optional<BigFraction> v) {
    if (v.isPresent()) {
      return v.get().signum() == 0;
    }
    CertifiedInterval x = interval(e);
    return x != null && x.lo().signum() == 0 && x.hi().signum() == 0;
  }

  /** Whether {@code e} is certainly &lt; 0 (or &lt;= 0 if {@code orZero}) at the point. */
  private boolean certainlyBelow(Expr e, Optional<BigFraction> v, boolean orZero) {
    if (v.isPresent()) {
      return orZero ? v.get().signum() <= 0 : v.get().signum() < 0;
    }
    CertifiedInterval x = interval(e);
    return x != null && (orZero ? x.hi().signum() <= 0 : x.hi().signum() < 0);
  }

  /** The certified enclosure of e at the point, or null where the evaluator cannot give one. */
  private CertifiedInterval interval(Expr e) {
    try {
      return evaluator.enclose(e, box);
    } catch (Undefined unknown) {
      return null;
    }
  }

  /** sqrt(q) when q &gt;= 0 is the square of a rational. */
  static Optional<BigFraction> rationalSqrt(BigFraction q) {
    if (q.signum() < 0) {
      return Optional.empty();
    }
    BigInteger n = q.getNumerator().abs();
    BigInteger d = q.getDenominator().abs();
    BigInteger rn = n.sqrt();
    BigInteger rd = d.sqrt();
    return rn.multiply(rn).equals(n) && rd.multiply(rd).equals(d)
        ? Optional.of(BigFraction.of(rn, rd)) : Optional.empty();
  }

  /**
   * delta* in double precision, by bisection on (-min u, -min u + max(t, 1)] where p - t changes
   * sign; only a guess (the candidates it gives are checked exactly); NaN when out of range.
   */
  private static double doubleRoot(List<BigFraction> u, BigFraction t) {
    double[] v = u.stream().mapToDouble(BigFraction::doubleValue).toArray();
    double target = t.doubleValue();
    double a = -java.util.Arrays.stream(v).min().orElse(0);
    double b = a + Math.max(target, 1);
    for (int i = 0; i < 200 && a < b; i++) {
      double m = a + (b - a) / 2;
      if (m <= a || m >= b) {
        break;
      }
      double p = 1;
      for (double x : v) {
        p *= x + m;
      }
      if (p <= target) {
        a = m;
      } else {
        b = m;
      }
    }
    double m = a + (b - a) / 2;
    return Double.isFinite(m) ? m : Double.NaN;
  }

  /** delta* of gfsShift(t; u) when it is rational (see the class comment), else empty. */
  private Optional<BigFraction> rationalShift(Expr.GfsShift g, List<BigFraction> u, BigFraction t) {
    // coefficients c_0..c_D of p(d) - t = prod_i (d + u_i) - t, lowest degree first
    List<BigFraction> c = new ArrayList<>(List.of(BigFraction.ONE));
    for (BigFraction ui : u) {
      List<BigFraction> next = new ArrayList<>();
      for (int k = 0; k <= c.size(); k++) {
        BigFraction shifted = k > 0 ? c.get(k - 1) : BigFraction.ZERO;
        BigFraction scaled = k < c.size() ? c.get(k).multiply(ui) : BigFraction.ZERO;
        next.add(shifted.add(scaled));
      }
      c = next;
    }
    c.set(0, c.get(0).subtract(t));
    BigInteger lcm = BigInteger.ONE;
    for (BigFraction ck : c) {
      BigInteger d = ck.getDenominator().abs();
      lcm = lcm.divide(lcm.gcd(d)).multiply(d);
    }
    List<BigInteger> ks = new ArrayList<>();
    double estimate = doubleRoot(u, t);
    if (lcm.bitLength() <= 40 && Double.isFinite(estimate)) {
      // a double estimate of delta* singles out k = L r up to one unit
      BigInteger k = BigDecimal.valueOf(estimate).multiply(new BigDecimal(lcm))
          .setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
      ks.addAll(List.of(k, k.subtract(BigInteger.ONE), k.add(BigInteger.ONE)));
    } else if (lcm.bitLength() <= 3 * evaluator.digits()) {
      CertifiedInterval bracket = interval(g);
      if (bracket == null) {
        return Optional.empty();
      }
      BigDecimal l = new BigDecimal(lcm);
      BigInteger first = bracket.lo().multiply(l).setScale(0, RoundingMode.CEILING).toBigInteger();
      BigInteger last = bracket.hi().multiply(l).setScale(0, RoundingMode.FLOOR).toBigInteger();
      for (BigInteger k = first; k.compareTo(last) <= 0 && ks.size() < MAX_ROOT_CANDIDATES;
          k = k.add(BigInteger.ONE)) {
        ks.add(k);
      }
    }
    BigFraction floor = u.stream().reduce(PointValue::min).get().negate();
    for (BigInteger k : ks) {
      BigFraction r = BigFraction.of(k, lcm);
      BigFraction p = BigFraction.ONE;
      for (BigFraction ui : u) {
        p = p.multiply(ui.add(r));
      }
      if (r.compareTo(floor) > 0 && p.equals(t)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}

package org.eoscheck.verify;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.Polynomial;
import org.eoscheck.certificate.RationalFunction;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;

/**
 * Exact rational roots of the polynomial pieces of a lemma, one variable at a time: the points
 * where a factor of a claim or hypothesis changes sign or vanishes (equality cases), or where a
 * denominator vanishes (the claim is undefined there).
 *
 * <p>A piece is a numerator or denominator of a factor (of products, powers, quotients, and the
 * arguments of sqrt, log, abs, ... as well) that is a rational function of small size. Fixing
 * every variable but x at rational values leaves a polynomial in x with rational coefficients;
 * scaled to integer coefficients a_n x^n + ... + a_0 (a_0 != 0 once the root 0 is taken out),
 * every rational root p/q in lowest terms has p | a_0 and q | a_n (the rational root theorem), so
 * trying those candidates exactly finds all of them. Degrees 1 and 2 are solved directly.
 */
final class RationalRoots {
  /** Pieces come from sub-expressions of at most this many nodes. */
  private static final int MAX_NODES = 120;
  /** ... and polynomials of at most this many terms. */
  private static final int MAX_TERMS = 400;
  /** Divisors are enumerated for integers below this bound only (trial division to its root). */
  private static final BigInteger MAX_DIVIDEND = BigInteger.TEN.pow(10);
  /** Candidates p/q tried per polynomial at most. */
  private static final int MAX_CANDIDATES = 4000;

  private RationalRoots() {}

  /** The polynomial pieces of {@code e}, without repetition; none for pieces too large. */
  static List<Polynomial> pieces(Expr e) {
    Set<Polynomial> out = new LinkedHashSet<>();
    collect(e, out, Collections.newSetFromMap(new IdentityHashMap<>()));
    out.removeIf(p -> p.terms().keySet().stream().allMatch(m -> m.powers().isEmpty()));
    return List.copyOf(out);
  }

  private static void collect(Expr e, Set<Polynomial> out, Set<Expr> seen) {
    if (e instanceof Expr.Num || e instanceof Expr.Var || !seen.add(e)) {
      return;
    }
    if (!(e instanceof Expr.Add)) {
      for (Expr c : Exprs.children(e)) {
        collect(c, out, seen); // factors, powers' bases, quotients' sides, functions' arguments
      }
      return;
    }
    if (small(e)) {
      try {
        RationalFunction r = RationalFunction.of(e);
        for (Polynomial p : List.of(r.num(), r.den())) {
          if (p.terms().size() <= MAX_TERMS) {
            out.add(p);
          }
        }
        return;
      } catch (Rejected | RuntimeException notRational) {
        // a sum with sqrt, gfsShift, ... inside: look inside its terms (a source of candidates
        // only: nothing here may stop a check)
      }
    }
    for (Expr c : Exprs.children(e)) {
      collect(c, out, seen);
    }
  }

  /** At most {@link #MAX_NODES} nodes (counting stops there) and exponents at most 12. */
  private static boolean small(Expr e) {
    int[] budget = {MAX_NODES};
    return fits(e, budget);
  }

  private static boolean fits(Expr e, int[] budget) {
    if (--budget[0] < 0 || e instanceof Expr.Pow p && Math.abs(p.exponent()) > 12) {
      return false;
    }
    for (Expr c : Exprs.children(e)) {
      if (!fits(c, budget)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The rational roots in [lo, hi] of {@code p} as a polynomial in {@code x}, the other variables
   * at their values in {@code at}; none if p vanishes identically there.
   */
  static List<BigFraction> roots(Polynomial p, String x, Map<String, BigFraction> at,
      BigFraction lo, BigFraction hi) {
    List<BigFraction> c = coefficients(p, x, at);
    if (c == null) {
      return List.of();
    }
    List<BigInteger> a = integral(c);
    List<BigFraction> out = new ArrayList<>();
    int zeros = 0;
    while (zeros < a.size() && a.get(zeros).signum() == 0) {
      zeros++;
    }
    if (zeros == a.size()) {
      return List.of(); // the zero polynomial: no isolated roots
    }
    if (zeros > 0) {
      addIfInside(out, BigFraction.ZERO, lo, hi);
      a = a.subList(zeros, a.size());
    }
    int n = a.size() - 1;
    if (n == 1) {
      addIfInside(out, BigFraction.of(a.get(0).negate(), a.get(1)), lo, hi);
    } else if (n == 2) {
      quadratic(a, lo, hi, out);
    } else if (n > 2) {
      theorem(a, lo, hi, out);
    }
    return out;
  }

  /** Coefficients c_0..c_n in x (others substituted), trailing zeros dropped; null if unknown. */
  private static List<BigFraction> coefficients(Polynomial p, String x,
      Map<String, BigFraction> at) {
    List<BigFraction> c = new ArrayList<>();
    for (Map.Entry<Polynomial.Monomial, BigFraction> t : p.terms().entrySet()) {
      BigFraction coefficient = t.getValue();
      int degree = 0;
      for (Map.Entry<String, Integer> power : t.getKey().powers().entrySet()) {
        if (power.getKey().equals(x)) {
          degree = power.getValue();
        } else {
          BigFraction v = at.get(power.getKey());
          if (v == null) {
            return null;
          }
          coefficient = coefficient.multiply(v.pow(power.getValue()));
        }
      }
      while (c.size() <= degree) {
        c.add(BigFraction.ZERO);
      }
      c.set(degree, c.get(degree).add(coefficient));
    }
    while (!c.isEmpty() && c.get(c.size() - 1).signum() == 0) {
      c.remove(c.size() - 1);
    }
    return c;
  }

  /** The coefficients times the lcm of their denominators, divided by their gcd. */
  private static List<BigInteger> integral(List<BigFraction> c) {
    BigInteger lcm = BigInteger.ONE;
    for (BigFraction x : c) {
      BigInteger d = x.getDenominator().abs();
      lcm = lcm.divide(lcm.gcd(d)).multiply(d);
    }
    List<BigInteger> a = new ArrayList<>();
    BigInteger gcd = BigInteger.ZERO;
    for (BigFraction x : c) {
      BigInteger v = x.getNumerator().multiply(lcm.divide(x.getDenominator())); // exact: den | lcm
      a.add(v);
      gcd = gcd.gcd(v);
    }
    BigInteger g = gcd;
    return g.signum() == 0 ? a : a.stream().map(v -> v.divide(g)).toList();
  }

  /** a_2 x^2 + a_1 x + a_0: the roots (-a_1 +- sqrt(D)) / (2 a_2) when D is a square. */
  private static void quadratic(List<BigInteger> a, BigFraction lo, BigFraction hi,
      List<BigFraction> out) {
    BigInteger d = a.get(1).pow(2)
        .subtract(BigInteger.valueOf(4).multiply(a.get(2)).multiply(a.get(0)));
    if (d.signum() < 0) {
      return;
    }
    BigInteger r = d.sqrt();
    if (!r.multiply(r).equals(d)) {
      return;
    }
    BigInteger twoA = a.get(2).shiftLeft(1);
    addIfInside(out, BigFraction.of(a.get(1).negate().add(r), twoA), lo, hi);
    addIfInside(out, BigFraction.of(a.get(1).negate().subtract(r), twoA), lo, hi);
  }

  /** Candidates +-p/q with p | a_0, q | a_n, tried exactly. */
  private static void theorem(List<BigInteger> a, BigFraction lo, BigFraction hi,
      List<BigFraction> out) {
    List<BigInteger> ps = divisors(a.get(0).abs());
    List<BigInteger> qs = divisors(a.get(a.size() - 1).abs());
    if (ps == null || qs == null || (long) ps.size() * qs.size() > MAX_CANDIDATES) {
      return;
    }
    for (BigInteger q : qs) {
      for (BigInteger p : ps) {
        if (!p.gcd(q).equals(BigInteger.ONE)) {
          continue;
        }
        for (BigInteger signed : List.of(p, p.negate())) {
          BigFraction r = BigFraction.of(signed, q);
          if (lo.compareTo(r) <= 0 && r.compareTo(hi) <= 0 && vanishes(a, signed, q)) {
            out.add(r);
          }
        }
      }
    }
  }

  /** Whether sum_i a_i p^i q^(n-i) = 0, i.e. p/q is a root. */
  private static boolean vanishes(List<BigInteger> a, BigInteger p, BigInteger q) {
    BigInteger sum = BigInteger.ZERO;
    for (int i = a.size() - 1; i >= 0; i--) {
      sum = sum.multiply(p).add(a.get(i).multiply(q.pow(a.size() - 1 - i))); // Horner in p
    }
    return sum.signum() == 0;
  }

  /** The positive divisors of m (m &gt; 0, at most {@link #MAX_DIVIDEND}), else null. */
  private static List<BigInteger> divisors(BigInteger m) {
    if (m.signum() <= 0 || m.compareTo(MAX_DIVIDEND) > 0) {
      return null;
    }
    long n = m.longValueExact();
    List<BigInteger> small = new ArrayList<>();
    List<BigInteger> large = new ArrayList<>();
    for (long d = 1; d * d <= n; d++) {
      if (n % d == 0) {
        small.add(BigInteger.valueOf(d));
        if (d * d != n) {
          large.add(0, BigInteger.valueOf(n / d));
        }
      }
    }
    small.addAll(large);
    return small;
  }

  private static void addIfInside(List<BigFraction> out, BigFraction r, BigFraction lo,
      BigFraction hi) {
    if (lo.compareTo(r) <= 0 && r.compareTo(hi) <= 0 && !out.contains(r)) {
      out.add(r);
    }
  }
}

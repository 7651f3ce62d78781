package org.eoscheck.certificate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Rel;

/**
 * A closed interval [lo, hi] of reals with decimal endpoints, lo &lt;= hi. Produced by
 * {@link CertifiedEvaluator}, it is an enclosure: the exact value of the expression it was
 * computed for, at every point of the box, lies in it. An end may be infinite (on unbounded
 * boxes): {@code lo == null} is -oo, {@code hi == null} is +oo; the values are reals all the
 * same, so in products 0 * (an infinite end) counts as 0 (the end is never attained).
 */
public record CertifiedInterval(BigDecimal lo, BigDecimal hi) {
  public CertifiedInterval {
    if (lo != null && hi != null && lo.compareTo(hi) > 0) {
      throw new IllegalArgumentException("empty interval [" + lo + ", " + hi + "]");
    }
  }

  public static CertifiedInterval point(BigDecimal x) {
    return new CertifiedInterval(x, x);
  }

  /** Whether both ends are finite. */
  public boolean bounded() {
    return lo != null && hi != null;
  }

  public boolean contains(BigFraction x) {
    return (lo == null || exact(lo).compareTo(x) <= 0) && (hi == null || x.compareTo(exact(hi)) <= 0);
  }

  /** The intersection with {@code o}; both enclose the same value, so it is never empty. */
  public CertifiedInterval meet(CertifiedInterval o) {
    return new CertifiedInterval(lo == null ? o.lo : o.lo == null ? lo : lo.max(o.lo),
        hi == null ? o.hi : o.hi == null ? hi : hi.min(o.hi));
  }

  /** -this. */
  public CertifiedInterval negate() {
    return new CertifiedInterval(hi == null ? null : hi.negate(), lo == null ? null : lo.negate());
  }

  /** this + o, the lower end rounded by {@code down} (FLOOR), the upper by {@code up} (CEILING). */
  public CertifiedInterval add(CertifiedInterval o, MathContext down, MathContext up) {
    return new CertifiedInterval(lo == null || o.lo == null ? null : lo.add(o.lo, down),
        hi == null || o.hi == null ? null : hi.add(o.hi, up));
  }

  /**
   * this * o, rounded outward: the least and greatest of the four exact endpoint products,
   * rounded down and up (min_i FLOOR(p_i) = FLOOR(min_i p_i) since rounding is monotone). With
   * infinite ends, a product of ends is 0 if one is 0, else infinite of the sign of the product
   * when one is infinite: the infimum and supremum of {xy} over two intervals of reals.
   */
  public CertifiedInterval multiply(CertifiedInterval o, MathContext down, MathContext up) {
    if (!bounded() || !o.bounded()) {
      return multiplyUnbounded(o, down, up);
    }
    BigDecimal[] p = {lo.multiply(o.lo), lo.multiply(o.hi), hi.multiply(o.lo), hi.multiply(o.hi)};
    BigDecimal min = p[0];
    BigDecimal max = p[0];
    for (BigDecimal x : p) {
      min = min.min(x);
      max = max.max(x);
    }
    return new CertifiedInterval(min.round(down), max.round(up));
  }

  private CertifiedInterval multiplyUnbounded(CertifiedInterval o, MathContext down, MathContext up) {
    boolean minusInfinity = false;
    boolean plusInfinity = false;
    BigDecimal min = null;
    BigDecimal max = null;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        BigDecimal a = i == 0 ? lo : hi;
        BigDecimal b = j == 0 ? o.lo : o.hi;
        int sa = a == null ? (i == 0 ? -1 : 1) : a.signum();
        int sb = b == null ? (j == 0 ? -1 : 1) : b.signum();
        if (sa == 0 || sb == 0) {
          a = BigDecimal.ZERO;
          b = BigDecimal.ZERO;
        } else if (a == null || b == null) {
          minusInfinity |= sa * sb < 0;
          plusInfinity |= sa * sb > 0;
          continue;
        }
        BigDecimal p = a.multiply(b);
        min = min == null ? p : min.min(p);
        max = max == null ? p : max.max(p);
      }
    }
    return new CertifiedInterval(minusInfinity ? null : min.round(down),
        plusInfinity ? null : max.round(up));
  }

  /** The largest |v| over the interval; only for a bounded interval. */
  public BigDecimal magnitude() {
    return lo.abs().max(hi.abs());
  }

  /** Whether every value v in the interval satisfies v rel 0 (rel is GE, GT or EQ). */
  public boolean certainly(Rel rel) {
    switch (rel) {
      case GE:
        return lo != null && lo.signum() >= 0;
      case GT:
        return lo != null && lo.signum() > 0;
      case EQ:
        return bounded() && lo.signum() == 0 && hi.signum() == 0;
      default:
        throw new IllegalArgumentException("sign conditions use >=, > or ==, not " + rel.symbol());
    }
  }

  /** Whether no value v in the interval satisfies v rel 0 (rel is GE, GT or EQ). */
  public boolean certainlyNot(Rel rel) {
    switch (rel) {
      case GE:
        return hi != null && hi.signum() < 0;
      case GT:
        return hi != null && hi.signum() <= 0;
      case EQ:
        return (lo != null && lo.signum() > 0) || (hi != null && hi.signum() < 0);
      default:
        throw new IllegalArgumentException("sign conditions use >=, > or ==, not " + rel.symbol());
    }
  }

  /** A decimal as an exact rational. */
  public static BigFraction exact(BigDecimal d) {
    return d.scale() >= 0
        ? BigFraction.of(d.unscaledValue(), BigInteger.TEN.pow(d.scale()))
        : BigFraction.of(d.unscaledValue().multiply(BigInteger.TEN.pow(-d.scale())));
  }

  @Override
  public String toString() {
    return "[" + (lo == null ? "-oo" : lo) + ", " + (hi == null ? "oo" : hi) + "]";
  }
}

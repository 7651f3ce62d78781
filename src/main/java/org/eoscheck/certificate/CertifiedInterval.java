package org.eoscheck.certificate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Rel;

/**
 * A closed interval [lo, hi] of reals with decimal endpoints, lo &lt;= hi. Produced by
 * {@link CertifiedEvaluator}, it is an enclosure: the exact value of the expression it was
 * computed for, at every point of the box, lies in it.
 */
public record CertifiedInterval(BigDecimal lo, BigDecimal hi) {
  public CertifiedInterval {
    if (lo.compareTo(hi) > 0) {
      throw new IllegalArgumentException("empty interval [" + lo + ", " + hi + "]");
    }
  }

  public static CertifiedInterval point(BigDecimal x) {
    return new CertifiedInterval(x, x);
  }

  public boolean contains(BigFraction x) {
    return exact(lo).compareTo(x) <= 0 && x.compareTo(exact(hi)) <= 0;
  }

  /** The intersection with {@code o}; both enclose the same value, so it is never empty. */
  public CertifiedInterval meet(CertifiedInterval o) {
    return new CertifiedInterval(lo.max(o.lo), hi.min(o.hi));
  }

  /** -this. */
  public CertifiedInterval negate() {
    return new CertifiedInterval(hi.negate(), lo.negate());
  }

  /** this + o, the lower end rounded by {@code down} (FLOOR), the upper by {@code up} (CEILING). */
  public CertifiedInterval add(CertifiedInterval o, MathContext down, MathContext up) {
    return new CertifiedInterval(lo.add(o.lo, down), hi.add(o.hi, up));
  }

  /**
   * this * o, rounded outward: the least and greatest of the four exact endpoint products,
   * rounded down and up (min_i FLOOR(p_i) = FLOOR(min_i p_i) since rounding is monotone).
   */
  public CertifiedInterval multiply(CertifiedInterval o, MathContext down, MathContext up) {
    BigDecimal[] p = {lo.multiply(o.lo), lo.multiply(o.hi), hi.multiply(o.lo), hi.multiply(o.hi)};
    BigDecimal min = p[0];
    BigDecimal max = p[0];
    for (BigDecimal x : p) {
      min = min.min(x);
      max = max.max(x);
    }
    return new CertifiedInterval(min.round(down), max.round(up));
  }

  /** The largest |v| over the interval. */
  public BigDecimal magnitude() {
    return lo.abs().max(hi.abs());
  }

  /** Whether every value v in the interval satisfies v rel 0 (rel is GE, GT or EQ). */
  public boolean certainly(Rel rel) {
    switch (rel) {
      case GE:
        return lo.signum() >= 0;
      case GT:
        return lo.signum() > 0;
      case EQ:
        return lo.signum() == 0 && hi.signum() == 0;
      default:
        throw new IllegalArgumentException("sign conditions use >=, > or ==, not " + rel.symbol());
    }
  }

  /** Whether no value v in the interval satisfies v rel 0 (rel is GE, GT or EQ). */
  public boolean certainlyNot(Rel rel) {
    switch (rel) {
      case GE:
        return hi.signum() < 0;
      case GT:
        return hi.signum() <= 0;
      case EQ:
        return lo.signum() > 0 || hi.signum() < 0;
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
    return "[" + lo + ", " + hi + "]";
  }
}

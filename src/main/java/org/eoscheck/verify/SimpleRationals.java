package org.eoscheck.verify;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * Rationals of small denominator in an interval: where the equality cases of lemmas about integer
 * data tend to lie (1/3 for (3x - 1)^2 > 0, 1 for the balanced minimiser).
 */
final class SimpleRationals {
  private SimpleRationals() {}

  /**
   * The simplest rational in [lo, hi]: the one of least denominator, and of least absolute
   * numerator among those (0 if the interval contains it). By the Stern-Brocot recursion: an
   * integer if one lies in [lo, hi], else n + 1/s with n = floor(lo) and s the simplest rational
   * in [1/(hi - n), 1/(lo - n)].
   */
  static BigFraction simplest(BigFraction lo, BigFraction hi) {
    if (lo.signum() <= 0 && hi.signum() >= 0) {
      return BigFraction.ZERO;
    }
    if (hi.signum() < 0) {
      return simplest(hi.negate(), lo.negate()).negate();
    }
    BigInteger n = floor(lo);
    BigFraction whole = BigFraction.of(n);
    if (whole.equals(lo)) {
      return lo;
    }
    if (whole.add(1).compareTo(hi) <= 0) {
      return whole.add(1);
    }
    BigFraction inner = simplest(BigFraction.ONE.divide(hi.subtract(whole)),
        BigFraction.ONE.divide(lo.subtract(whole)));
    return whole.add(inner.reciprocal());
  }

  /**
   * Up to {@code count} rationals k/q of [lo, hi], the simplest first: the simplest rational,
   * then by increasing denominator q &lt;= {@code maxDenominator}, nearest the middle first.
   */
  static List<BigFraction> in(BigFraction lo, BigFraction hi, int maxDenominator, int count) {
    Set<BigFraction> out = new LinkedHashSet<>();
    out.add(simplest(lo, hi));
    BigFraction mid = lo.add(hi).divide(2);
    for (int q = 1; q <= maxDenominator && out.size() < count; q++) {
      BigInteger first = ceil(lo.multiply(q));
      BigInteger last = floor(hi.multiply(q));
      if (first.compareTo(last) > 0) {
        continue;
      }
      List<BigFraction> row = new ArrayList<>();
      // at most `count` numerators, taken around the middle of the range
      BigInteger centre = floor(mid.multiply(q));
      for (int step = 0; row.size() < count && step <= 2 * count; step++) {
        BigInteger k = centre.add(BigInteger.valueOf(step % 2 == 0 ? step / 2 : -(step + 1) / 2));
        if (k.compareTo(first) >= 0 && k.compareTo(last) <= 0
            && k.gcd(BigInteger.valueOf(q)).equals(BigInteger.ONE)) {
          row.add(BigFraction.of(k, BigInteger.valueOf(q)));
        }
      }
      for (BigFraction x : row) {
        if (out.size() >= count) {
          break;
        }
        out.add(x);
      }
    }
    return List.copyOf(out);
  }

  static BigInteger floor(BigFraction x) {
    BigInteger n = x.getNumerator();
    BigInteger d = x.getDenominator();
    if (d.signum() < 0) {
      n = n.negate();
      d = d.negate();
    }
    BigInteger[] qr = n.divideAndRemainder(d); // truncates toward 0; the remainder has n's sign
    return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
  }

  static BigInteger ceil(BigFraction x) {
    return floor(x.negate()).negate();
  }
}

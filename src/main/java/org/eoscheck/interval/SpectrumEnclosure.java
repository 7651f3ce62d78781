package org.eoscheck.interval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.eoscheck.certificate.CertifiedInterval;
import org.eoscheck.certificate.SymmetricSpectrum;

/**
 * eigmax and eigmin over double intervals: the kernel's {@link SymmetricSpectrum} (Rayleigh
 * quotient below, exact LDL^T plus Weyl above) on the exact decimal values of the double
 * endpoints, rounded outward back to doubles. One implementation for prover and kernel.
 */
final class SpectrumEnclosure {
  /** Decimal digits of the kernel arithmetic used here: a little more than a double holds. */
  private static final SymmetricSpectrum SPECTRUM = new SymmetricSpectrum(20);

  private SpectrumEnclosure() {}

  /** Encloses the top ({@code top}) or bottom eigenvalue of every symmetric matrix in the box. */
  static Interval enclose(Interval[] upper, boolean top) {
    List<CertifiedInterval> entries = new ArrayList<>(upper.length);
    for (Interval x : upper) {
      if (Double.isInfinite(x.lo()) || Double.isInfinite(x.hi())) {
        return Interval.ENTIRE;
      }
      entries.add(new CertifiedInterval(new BigDecimal(x.lo()), new BigDecimal(x.hi())));
    }
    CertifiedInterval r = top ? SPECTRUM.top(entries) : SPECTRUM.bottom(entries);
    return new Interval(below(r.lo()), above(r.hi()));
  }

  /** The largest double &lt;= x. */
  private static double below(BigDecimal x) {
    double d = x.doubleValue();
    if (Double.isInfinite(d)) {
      return d > 0 ? Double.MAX_VALUE : Double.NEGATIVE_INFINITY;
    }
    return new BigDecimal(d).compareTo(x) > 0 ? Math.nextDown(d) : d;
  }

  /** The least double &gt;= x. */
  private static double above(BigDecimal x) {
    double d = x.doubleValue();
    if (Double.isInfinite(d)) {
      return d < 0 ? -Double.MAX_VALUE : Double.POSITIVE_INFINITY;
    }
    return new BigDecimal(d).compareTo(x) < 0 ? Math.nextUp(d) : d;
  }
}

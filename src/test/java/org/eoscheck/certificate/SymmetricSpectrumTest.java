package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.junit.jupiter.api.Test;

/** The kernel's eigenvalue enclosures against closed forms. */
class SymmetricSpectrumTest {
  private final SymmetricSpectrum spectrum = new SymmetricSpectrum(40);

  private static CertifiedInterval point(String x) {
    return CertifiedInterval.point(new BigDecimal(x));
  }

  private static CertifiedInterval range(String lo, String hi) {
    return new CertifiedInterval(new BigDecimal(lo), new BigDecimal(hi));
  }

  @Test
  void diagonalTwoByTwoHasItsEntriesAsExtremeEigenvalues() {
    List<CertifiedInterval> h = List.of(point("3"), point("0"), point("-2"));
    CertifiedInterval top = spectrum.top(h);
    CertifiedInterval bottom = spectrum.bottom(h);
    assertEquals(0, top.lo().compareTo(new BigDecimal(3)), top.toString());
    assertEquals(0, top.hi().compareTo(new BigDecimal(3)), top.toString());
    assertEquals(0, bottom.lo().compareTo(new BigDecimal(-2)), bottom.toString());
    assertEquals(0, bottom.hi().compareTo(new BigDecimal(-2)), bottom.toString());
  }

  @Test
  void twoByTwoEnclosesTheClosedFormTightly() {
    // [[2, 1], [1, 1]]: (3 +- sqrt 5) / 2
    List<CertifiedInterval> h = List.of(point("2"), point("1"), point("1"));
    BigDecimal root5 = new BigDecimal(5).sqrt(new java.math.MathContext(60));
    BigDecimal top = new BigDecimal(3).add(root5).divide(new BigDecimal(2));
    BigDecimal bottom = new BigDecimal(3).subtract(root5).divide(new BigDecimal(2));
    CertifiedInterval t = spectrum.top(h);
    CertifiedInterval b = spectrum.bottom(h);
    assertTrue(t.lo().compareTo(top) <= 0 && top.compareTo(t.hi()) <= 0, t.toString());
    assertTrue(b.lo().compareTo(bottom) <= 0 && bottom.compareTo(b.hi()) <= 0, b.toString());
    assertTrue(t.hi().subtract(t.lo()).compareTo(new BigDecimal("1e-30")) < 0, t.toString());
    // the closed form is not in the enclosure of the wrong eigenvalue
    assertFalse(t.lo().compareTo(bottom) <= 0 && bottom.compareTo(t.hi()) <= 0);
  }

  @Test
  void rankOneMatrixAtTheBalancedMinimiserHasTopEigenvalueExactlyThree() {
    // g g^T with g = (1, 1, 1): lambdaMax = |g|^2 = 3, lambdaMin = 0
    List<BigFraction> ones = List.of(BigFraction.ONE, BigFraction.ONE, BigFraction.ONE,
        BigFraction.ONE, BigFraction.ONE, BigFraction.ONE);
    assertEquals(Optional.of(BigFraction.of(3)), SymmetricSpectrum.exactTop(ones));
    assertEquals(Optional.of(BigFraction.ZERO), SymmetricSpectrum.exactBottom(ones));
    CertifiedInterval t = spectrum.top(ones.stream().map(q -> point("1")).toList());
    assertEquals(0, t.lo().compareTo(new BigDecimal(3)), t.toString());
    assertEquals(0, t.hi().compareTo(new BigDecimal(3)), t.toString());
  }

  @Test
  void rankOneMatrixWithALargeDenominatorHasItsExactTopEigenvalue() {
    // g g^T, g = (10/11, 11/12, 6/5): lambdaMax = |g|^2 = 1353289/435600 (a minimiser's sharpness)
    List<BigFraction> g = List.of(BigFraction.of(10, 11), BigFraction.of(11, 12), BigFraction.of(6, 5));
    List<BigFraction> upper = new java.util.ArrayList<>();
    BigFraction norm = BigFraction.ZERO;
    for (int i = 0; i < 3; i++) {
      norm = norm.add(g.get(i).pow(2));
      for (int j = i; j < 3; j++) {
        upper.add(g.get(i).multiply(g.get(j)));
      }
    }
    assertEquals(Optional.of(norm), SymmetricSpectrum.exactTop(upper));
    assertEquals(Optional.of(BigFraction.ZERO), SymmetricSpectrum.exactBottom(upper));
  }

  @Test
  void simplestRationalBetweenTwoBounds() {
    assertEquals(BigFraction.of(1, 3), SymmetricSpectrum.simplestBetween(BigFraction.of(33, 100),
        BigFraction.of(34, 100)));
    assertEquals(BigFraction.of(-1, 3), SymmetricSpectrum.simplestBetween(BigFraction.of(-34, 100),
        BigFraction.of(-33, 100)));
    assertEquals(BigFraction.of(2), SymmetricSpectrum.simplestBetween(BigFraction.of(3, 2),
        BigFraction.of(5, 2)));
  }

  @Test
  void irrationalTopEigenvalueIsNotClaimedExactly() {
    assertEquals(Optional.empty(), SymmetricSpectrum.exactTop(
        List.of(BigFraction.of(2), BigFraction.ONE, BigFraction.ONE)));
  }

  @Test
  void intervalMatrixEnclosureContainsEveryMember() {
    // entries in [0.9, 1.1] (diagonal) and [-0.1, 0.1] off it: lambdaMax in [0.9, 1.3]
    List<CertifiedInterval> h = List.of(range("0.9", "1.1"), range("-0.1", "0.1"),
        range("0.9", "1.1"));
    CertifiedInterval t = spectrum.top(h);
    assertTrue(t.lo().compareTo(new BigDecimal("0.9")) <= 0, t.toString());
    assertTrue(t.hi().compareTo(new BigDecimal("1.2")) >= 0, t.toString());
    assertTrue(t.hi().compareTo(new BigDecimal("1.5")) <= 0, t.toString());
  }

  @Test
  void semidefinitenessIsDecidedExactly() {
    BigFraction[][] psdSingular = {{BigFraction.ONE, BigFraction.ONE}, {BigFraction.ONE, BigFraction.ONE}};
    BigFraction[][] indefinite = {{BigFraction.ONE, BigFraction.of(2)}, {BigFraction.of(2), BigFraction.ONE}};
    BigFraction[][] zeroPivotNonzeroRow = {{BigFraction.ZERO, BigFraction.ONE}, {BigFraction.ONE, BigFraction.of(5)}};
    assertEquals(0, SymmetricSpectrum.definiteness(psdSingular));
    assertEquals(-1, SymmetricSpectrum.definiteness(indefinite));
    assertEquals(-1, SymmetricSpectrum.definiteness(zeroPivotNonzeroRow));
  }
}

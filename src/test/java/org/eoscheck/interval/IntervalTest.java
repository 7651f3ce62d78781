package org.eoscheck.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.fraction.BigFraction;
import org.junit.jupiter.api.Test;

/** Known tricky cases of the interval kernel, each against a value worked out by hand. */
class IntervalTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  private static Interval iv(double lo, double hi) {
    return new Interval(lo, hi);
  }

  @Test
  void evenPowerOfAStraddlingIntervalIsExactlyNonNegative() {
    assertEquals(iv(0, 4), iv(-1, 2).pow(2));
    assertTrue(iv(-1, 2).pow(2).certainlyNonNegative());
    assertEquals(iv(0, 16), iv(-1, 2).pow(4));
    assertEquals(iv(-1, 8), iv(-1, 2).pow(3));
    assertEquals(iv(-8, -1), iv(-2, -1).pow(3));
    assertEquals(iv(1, 4), iv(-2, -1).pow(2));
    // the product of the interval with itself does not know the factors are equal
    assertEquals(iv(-2, 4), iv(-1, 2).mul(iv(-1, 2)));
  }

  @Test
  void zeroPowerIsOneAndNegativePowersAreReciprocals() {
    assertEquals(iv(1, 1), iv(-1, 2).pow(0));
    assertEquals(iv(0.25, 1), iv(1, 2).pow(-2));
    assertEquals(iv(-1, -0.5), iv(-2, -1).pow(-1));
    assertTrue(iv(-1, 2).pow(-2).isEntire());
    assertTrue(iv(0, 2).pow(-1).isEntire());
  }

  @Test
  void powerOfTenthIsOutwardAndTight() {
    // 0.1^3 = 1/1000 must be inside the result for the interval of the rational 1/10
    Interval tenth = Interval.of(BigFraction.of(1, 10));
    Interval cube = tenth.pow(3);
    assertTrue(Reference.contains(cube, BigFraction.of(1, 1000)));
    assertTrue(cube.width() < 1e-18);
  }

  @Test
  void divisionByAnIntervalContainingZeroIsEntire() {
    assertTrue(iv(1, 2).div(iv(0, 1)).isEntire());
    assertTrue(iv(1, 2).div(iv(-1, 0)).isEntire());
    assertTrue(iv(1, 2).div(iv(-1, 1)).isEntire());
    assertTrue(iv(0, 0).div(iv(0, 0)).isEntire());
    assertEquals(iv(0.5, 2), iv(1, 2).div(iv(1, 2)));
    assertEquals(iv(-2, -0.5), iv(1, 2).div(iv(-2, -1)));
    assertEquals(iv(-1, 2), iv(-1, 2).div(iv(1, 1)));
  }

  @Test
  void zeroTimesUnboundedIsZero() {
    assertEquals(iv(0, 0), iv(0, 0).mul(iv(1, INF)));
    assertEquals(iv(0, 0), iv(-INF, 3).mul(iv(0, 0)));
    assertEquals(iv(0, INF), iv(0, 2).mul(iv(0, INF)));
    assertEquals(iv(-INF, INF), iv(-1, 2).mul(iv(0, INF)));
    assertEquals(iv(0, 0), iv(0, 0).div(iv(1, INF)));
    assertEquals(iv(0, 1), iv(1, 2).div(iv(2, INF)));
  }

  @Test
  void entireIsAbsorbing() {
    Interval e = Interval.ENTIRE;
    assertTrue(iv(0, 0).mul(e).isEntire());
    assertTrue(e.pow(0).isEntire());
    assertTrue(e.abs().isEntire());
    assertTrue(e.exp().isEntire());
    assertTrue(e.tanh().isEntire());
    assertTrue(e.sin().isEntire());
    assertTrue(e.min(iv(0, 1)).isEntire());
    assertTrue(iv(1, 2).sub(e).isEntire());
  }

  @Test
  void nanIsEntireAndNotAnInterval() {
    assertTrue(iv(Double.NaN, 1).isEntire());
    assertTrue(Interval.point(Double.NaN).isEntire());
    assertThrows(IllegalArgumentException.class, () -> iv(2, 1));
    assertThrows(IllegalArgumentException.class, () -> iv(INF, INF));
    assertThrows(IllegalArgumentException.class, () -> Interval.point(-INF));
    assertFalse(Interval.ENTIRE.contains(Double.NaN));
  }

  @Test
  void tenthIsRoundedOutwardToTheTwoNeighbouringDoubles() {
    BigFraction tenth = BigFraction.of(1, 10);
    Interval t = Interval.of(tenth);
    assertEquals(0.1, t.hi()); // the double 0.1 is 0.1000000000000000055...
    assertEquals(Math.nextDown(0.1), t.lo());
    assertTrue(BigFraction.from(t.lo()).compareTo(tenth) < 0);
    assertEquals(iv(0.5, 0.5), Interval.of(BigFraction.of(1, 2)));
    Interval range = Interval.of(BigFraction.of(-3, 10), BigFraction.of(7, 10));
    assertTrue(Reference.contains(range, BigFraction.of(-3, 10)));
    assertTrue(Reference.contains(range, BigFraction.of(7, 10)));
    assertEquals(Math.nextUp(range.lo()), -0.3);
    assertThrows(IllegalArgumentException.class,
        () -> Interval.of(BigFraction.ONE, BigFraction.ZERO));
  }

  @Test
  void hugeAndTinyRationalsConvertOutward() {
    BigFraction huge = BigFraction.of(java.math.BigInteger.TEN.pow(400));
    assertEquals(iv(Double.MAX_VALUE, INF), Interval.of(huge));
    assertEquals(iv(-INF, -Double.MAX_VALUE), Interval.of(huge.negate()));
    BigFraction tiny = BigFraction.of(java.math.BigInteger.ONE, java.math.BigInteger.TEN.pow(400));
    assertEquals(iv(0, Double.MIN_VALUE), Interval.of(tiny));
    assertEquals(iv(-Double.MIN_VALUE, 0), Interval.of(tiny.negate()));
  }

  @Test
  void overflowAndUnderflowStayOnTheRightSide() {
    Interval big = Interval.point(Double.MAX_VALUE);
    assertEquals(iv(Double.MAX_VALUE, INF), big.add(big));
    assertEquals(iv(Double.MAX_VALUE, INF), big.mul(Interval.point(2)));
    assertEquals(iv(-INF, -Double.MAX_VALUE), big.neg().mul(Interval.point(2)));
    Interval tiny = Interval.point(Double.MIN_VALUE);
    assertEquals(iv(0, Double.MIN_VALUE), tiny.mul(tiny)); // positive, below every double
    assertTrue(tiny.mul(tiny).certainlyNonNegative());
    assertEquals(iv(-Double.MIN_VALUE, 0), tiny.mul(tiny.neg()));
    assertEquals(iv(0, Double.MIN_VALUE), tiny.div(Interval.point(3)));
    assertEquals(iv(0, Double.MIN_VALUE), Interval.point(1e-200).pow(2));
    assertEquals(iv(Double.MAX_VALUE, INF), Interval.point(1e200).pow(2));
  }

  @Test
  void exactOperationsStayPoints() {
    assertEquals(iv(6, 6), Interval.point(2).mul(Interval.point(3)));
    assertEquals(iv(2, 2), Interval.point(4).sqrt());
    assertEquals(iv(1.5, 1.5), Interval.point(3).div(Interval.point(2)));
    assertEquals(iv(1, 1), Interval.point(0.75).add(Interval.point(0.25)));
    // 0.1 + 0.2 is not a double: the result is the two doubles around the exact sum
    Interval s = Interval.point(0.1).add(Interval.point(0.2));
    assertEquals(Math.nextUp(s.lo()), s.hi());
    assertTrue(Reference.contains(s, BigFraction.from(0.1).add(BigFraction.from(0.2))));
  }

  @Test
  void squareRootAndLogarithmOutsideTheirDomainAreEntire() {
    assertTrue(iv(-1, 4).sqrt().isEntire());
    assertTrue(iv(-1e-300, 4).sqrt().isEntire());
    assertEquals(iv(0, 2), iv(0, 4).sqrt());
    assertTrue(iv(0, 1).log().isEntire());
    assertTrue(iv(-2, -1).log().isEntire());
    assertEquals(iv(0, 0), iv(1, 1).log());
    assertTrue(iv(1, 2).log().certainlyNonNegative());
    Interval root2 = Interval.point(2).sqrt();
    assertEquals(Math.nextUp(root2.lo()), root2.hi());
  }

  @Test
  void exactValuesOfElementaryFunctions() {
    assertEquals(iv(1, 1), iv(0, 0).exp());
    assertEquals(iv(0, 0), iv(0, 0).sin());
    assertEquals(iv(1, 1), iv(0, 0).cos());
    assertEquals(iv(0, 0), iv(0, 0).tanh());
    Interval underflow = iv(-INF, -1000).exp();
    assertEquals(0, underflow.lo());
    assertTrue(underflow.hi() > 0 && underflow.hi() < 1e-320);
    assertEquals(iv(-1, 1), iv(-INF, 0).cos());
    assertEquals(iv(-1, 1), iv(-1, 1e7).sin());
    assertTrue(iv(-1, 1).tanh().contains(iv(-0.76159415595576, 0.76159415595576)));
  }

  @Test
  void sineAndCosineFindTheirExtremaInside() {
    Interval c = iv(-0.5, 0.5).cos(); // maximum 1 at 0
    assertEquals(1, c.hi());
    assertTrue(c.lo() < Math.cos(0.5) && c.lo() > Math.cos(0.5) - 1e-15);
    Interval s = iv(1, 2).sin(); // maximum 1 at pi/2
    assertEquals(1, s.hi());
    assertTrue(s.lo() <= Math.sin(1) && s.lo() > Math.sin(1) - 1e-15);
    Interval s2 = iv(4, 5).sin(); // minimum -1 at 3 pi / 2
    assertEquals(-1, s2.lo());
    Interval c2 = iv(3, 3.2).cos(); // minimum -1 at pi
    assertEquals(-1, c2.lo());
    Interval c3 = iv(0.1, 3).cos(); // monotone: no extremum inside
    assertTrue(c3.lo() > -1 && c3.hi() < 1);
    assertEquals(iv(-1, 1), iv(0, 7).cos());
    // sin near the double nearest pi: tiny, positive, and enclosed
    Interval nearPi = Interval.point(Math.PI).sin();
    assertTrue(nearPi.certainlyPositive() && nearPi.hi() < 2e-16);
  }

  @Test
  void absMinMaxAndHull() {
    assertEquals(iv(0, 3), iv(-3, 2).abs());
    assertEquals(iv(2, 3), iv(-3, -2).abs());
    assertEquals(iv(-3, 1), iv(-3, 2).min(iv(0, 1)));
    assertEquals(iv(0, 2), iv(-3, 2).max(iv(0, 1)));
    assertEquals(iv(-3, 5), iv(-3, 2).hull(iv(4, 5)));
    assertThrows(IllegalStateException.class, () -> iv(0, 1).intersect(iv(2, 3)));
  }

  @Test
  void midAndWidth() {
    assertEquals(0.5, iv(0, 1).mid());
    assertEquals(0, Interval.ENTIRE.mid());
    assertEquals(-Double.MAX_VALUE, iv(-INF, 3).mid());
    assertTrue(iv(Double.MAX_VALUE / 2, Double.MAX_VALUE).contains(
        iv(Double.MAX_VALUE / 2, Double.MAX_VALUE).mid()));
    assertEquals(Double.MIN_VALUE, Interval.point(Double.MIN_VALUE).mid());
    assertEquals(1, iv(0, 1).width());
    assertTrue(iv(0.1, 0.3).width() >= 0.3 - 0.1);
    assertTrue(BigFraction.from(iv(0.1, 0.3).width())
        .compareTo(BigFraction.from(0.3).subtract(BigFraction.from(0.1))) >= 0);
    assertEquals(INF, iv(-INF, 0).width());
  }

  @Test
  void signPredicates() {
    assertTrue(iv(0, 1).certainlyNonNegative());
    assertFalse(iv(0, 1).certainlyPositive());
    assertTrue(iv(-1, 0).certainlyNonPositive());
    assertFalse(iv(-1, 0).certainlyNegative());
    assertTrue(iv(-2, -1).certainlyNegative());
    assertFalse(Interval.ENTIRE.certainlyNonNegative());
    assertFalse(Interval.ENTIRE.certainlyNonPositive());
    assertEquals(0.0, iv(-0.0, 0).lo());
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(iv(-0.0, 1).lo()));
  }
}

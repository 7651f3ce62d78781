package org.eoscheck.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.commons.numbers.fraction.BigFraction;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpMath;
import org.junit.jupiter.api.Test;

/**
 * Soundness of every single operation on random intervals of every magnitude: for random real
 * (double) points inside the operands, the exact result (BigFraction for + - * / and powers,
 * 80-digit Dfp for the elementary functions) lies in the result interval. For exact operations on
 * point operands the result is also as tight as possible: the exact value itself when it is a
 * double, else the two doubles around it.
 */
class IntervalContainmentTest {
  private static final int TRIALS = 4000;
  private static final int POINTS = 4;

  private static void binary(long seed, BinaryOperator<Interval> op,
      BinaryOperator<BigFraction> exact, boolean divides) {
    Random r = new Random(seed);
    for (int trial = 0; trial < TRIALS; trial++) {
      Interval a = Reference.randomInterval(r);
      Interval b = Reference.randomInterval(r);
      Interval result = op.apply(a, b);
      if (divides && b.contains(0)) {
        assertTrue(result.isEntire(), () -> a + " / " + b);
        continue;
      }
      for (int k = 0; k < POINTS; k++) {
        BigFraction x = BigFraction.from(Reference.randomPoint(r, a));
        BigFraction y = BigFraction.from(Reference.randomPoint(r, b));
        BigFraction v = exact.apply(x, y);
        if (!Reference.contains(result, v)) {
          fail(a + " op " + b + " = " + result + " misses " + v.doubleValue() + " at x = "
              + x.doubleValue() + ", y = " + y.doubleValue());
        }
      }
      if (a.isPoint() && b.isPoint() && !tiny(a.lo()) && !tiny(b.lo())) {
        assertTight(result, exact.apply(BigFraction.from(a.lo()), BigFraction.from(b.lo())));
      }
    }
  }

  /** Near underflow, exactness is not certified (see DirectedRounding.EXACT_RESIDUAL_MIN). */
  private static boolean tiny(double x) {
    return x != 0 && Math.abs(x) < 0x1p-890;
  }

  /** For exact point operations: [v, v] if v is a double, else two neighbouring doubles. */
  private static void assertTight(Interval result, BigFraction v) {
    if (result.lo() == Double.MAX_VALUE || result.hi() == -Double.MAX_VALUE) {
      return; // overflow: the other bound is infinite
    }
    if (tiny(result.lo()) || tiny(result.hi())) {
      return;
    }
    double d = v.doubleValue();
    if (BigFraction.from(d).compareTo(v) == 0) {
      assertEquals(new Interval(d, d), result, () -> "exact " + v);
    } else {
      assertEquals(Math.nextUp(result.lo()), result.hi(), () -> "not tight: " + result);
    }
  }

  @Test
  void addition() {
    binary(1, Interval::add, BigFraction::add, false);
  }

  @Test
  void subtraction() {
    binary(2, Interval::sub, BigFraction::subtract, false);
  }

  @Test
  void multiplication() {
    binary(3, Interval::mul, BigFraction::multiply, false);
  }

  @Test
  void division() {
    binary(4, Interval::div, BigFraction::divide, true);
  }

  @Test
  void integerPowers() {
    Random r = new Random(5);
    for (int trial = 0; trial < TRIALS; trial++) {
      Interval a = Reference.randomInterval(r);
      int n = r.nextInt(15) - 5;
      Interval result = a.pow(n);
      if (n < 0 && a.contains(0)) {
        assertTrue(result.isEntire());
        continue;
      }
      if (n % 2 == 0) {
        assertTrue(result.certainlyNonNegative(), () -> a + "^" + n + " = " + result);
      }
      for (int k = 0; k < POINTS; k++) {
        BigFraction x = BigFraction.from(Reference.randomPoint(r, a));
        BigFraction v = x.pow(n);
        if (!Reference.contains(result, v)) {
          fail(a + "^" + n + " = " + result + " misses the value at " + x.doubleValue());
        }
      }
    }
  }

  @Test
  void squareOfPointsIsTight() {
    Random r = new Random(6);
    for (int trial = 0; trial < TRIALS; trial++) {
      double x = Reference.randomDouble(r);
      BigFraction v = BigFraction.from(x).pow(2);
      Interval sq = Interval.point(x).pow(2);
      assertTrue(Reference.contains(sq, v));
      if (!tiny(x)) {
        assertTight(sq, v);
      }
    }
  }

  @Test
  void rationalConversionIsTightestOutward() {
    Random r = new Random(7);
    for (int trial = 0; trial < TRIALS; trial++) {
      BigFraction q = BigFraction.of(
          java.math.BigInteger.valueOf(r.nextLong()).shiftLeft(r.nextInt(40)),
          java.math.BigInteger.valueOf(r.nextInt(Integer.MAX_VALUE) + 1L).shiftLeft(r.nextInt(80)));
      Interval iv = Interval.of(q);
      assertTrue(Reference.contains(iv, q));
      if (!iv.isPoint()) {
        assertEquals(Math.nextUp(iv.lo()), iv.hi());
      } else {
        assertEquals(0, BigFraction.from(iv.lo()).compareTo(q));
      }
    }
  }

  // ---- elementary functions against 80-digit values ----

  private static void unary(long seed, UnaryOperator<Interval> op, Function<Dfp, Dfp> exact,
      Function<Interval, Boolean> inDomain, double scale, double limit) {
    Random r = new Random(seed);
    for (int trial = 0; trial < TRIALS / 4; trial++) {
      Interval a = r.nextBoolean() ? Reference.randomInterval(r, scale) : Reference.randomInterval(r);
      if (Math.abs(a.lo()) > limit || Math.abs(a.hi()) > limit) {
        a = Reference.randomInterval(r, scale);
      }
      Interval result = op.apply(a);
      if (!inDomain.apply(a)) {
        assertTrue(result.isEntire(), a + " gives " + result);
        continue;
      }
      for (int k = 0; k < POINTS; k++) {
        double x = Reference.randomPoint(r, a);
        Dfp v = exact.apply(Reference.dfp(x));
        if (!Reference.contains(result, v)) {
          fail("f(" + a + ") = " + result + " misses f(" + x + ") = " + v);
        }
      }
      if (a.isPoint() && result.hi() < 1e300) {
        double scaleOfValue = Math.max(Math.abs(result.lo()), Math.abs(result.hi()));
        assertTrue(result.width() <= 16 * Math.ulp(scaleOfValue) + 16 * Double.MIN_VALUE,
            () -> "too wide: " + result);
      }
    }
  }

  @Test
  void squareRoot() {
    unary(11, Interval::sqrt, Dfp::sqrt, a -> a.lo() >= 0, 10, 1e300);
  }

  @Test
  void exponential() {
    unary(12, Interval::exp, DfpMath::exp, a -> true, 50, 750);
  }

  @Test
  void logarithm() {
    unary(13, Interval::log, DfpMath::log, a -> a.lo() > 0, 5, 1e300);
  }

  @Test
  void sine() {
    unary(14, Interval::sin, DfpMath::sin, a -> true, 10, 1e4);
  }

  @Test
  void cosine() {
    unary(15, Interval::cos, DfpMath::cos, a -> true, 10, 1e4);
  }

  @Test
  void hyperbolicTangent() {
    unary(16, Interval::tanh, Reference::tanh, a -> true, 25, 750);
  }

  @Test
  void sineAndCosineNearTheirCriticalPoints() {
    Random r = new Random(17);
    Dfp pi = Reference.FIELD.getPi();
    for (int trial = 0; trial < 500; trial++) {
      int k = r.nextInt(41) - 20;
      double centre = (k + (r.nextBoolean() ? 0.5 : 0)) * Math.PI;
      double radius = r.nextInt(3) == 0 ? 0 : Math.scalb(1.0, -r.nextInt(50));
      Interval a = new Interval(centre - radius, centre + radius);
      Interval s = a.sin();
      Interval c = a.cos();
      for (int j = 0; j < POINTS; j++) {
        double x = Reference.randomPoint(r, a);
        Dfp dx = Reference.dfp(x);
        assertTrue(Reference.contains(s, DfpMath.sin(dx)), () -> "sin " + a + " = " + s);
        assertTrue(Reference.contains(c, DfpMath.cos(dx)), () -> "cos " + a + " = " + c);
      }
      // the exact critical point (k + 1/2) pi or k pi, when it lies inside, is reached
      Dfp critical = pi.multiply(k).add(centre == k * Math.PI ? pi.getZero() : pi.divide(2));
      if (Reference.contains(a, critical)) {
        Dfp sc = DfpMath.sin(critical);
        Dfp cc = DfpMath.cos(critical);
        assertTrue(Reference.contains(s, sc) && Reference.contains(c, cc), a::toString);
      }
    }
  }
}

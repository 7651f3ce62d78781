package org.eoscheck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.junit.jupiter.api.Test;

/** The simplest rationals of an interval: least denominator, then least numerator. */
class SimpleRationalsTest {
  private static BigFraction q(int p, int d) {
    return BigFraction.of(p, d);
  }

  @Test
  void simplestRationalOfAnInterval() {
    // a box of the bisection tree of [0, 1] around 1/3 (no binary fraction is 1/3)
    assertEquals(q(1, 3), SimpleRationals.simplest(q(5, 16), q(3, 8)));
    assertEquals(q(1, 3), SimpleRationals.simplest(q(341, 1024), q(683, 2048)));
    assertEquals(q(0, 1), SimpleRationals.simplest(q(-2, 1), q(2, 1)));
    assertEquals(q(1, 1), SimpleRationals.simplest(q(1, 2), q(2, 1)));
    assertEquals(q(-1, 3), SimpleRationals.simplest(q(-3, 8), q(-5, 16)));
    assertEquals(q(7, 5), SimpleRationals.simplest(q(7, 5), q(7, 5)));
    assertEquals(q(3, 2), SimpleRationals.simplest(q(29, 20), q(31, 20)));
    assertEquals(q(1, 169), SimpleRationals.simplest(q(591, 100000), q(592, 100000)));
  }

  @Test
  void smallDenominatorsInOrder() {
    assertEquals(List.of(q(0, 1), q(1, 1), q(1, 2), q(1, 3), q(2, 3), q(1, 4), q(3, 4)),
        SimpleRationals.in(q(0, 1), q(1, 1), 4, 10));
    assertEquals(List.of(q(1, 3)), SimpleRationals.in(q(5, 16), q(3, 8), 2, 10));
    assertEquals(3, SimpleRationals.in(q(-100, 1), q(100, 1), 12, 3).size());
  }

  @Test
  void floorAndCeilingOfNegativeFractions() {
    assertEquals(BigInteger.valueOf(-2), SimpleRationals.floor(q(-3, 2)));
    assertEquals(BigInteger.valueOf(-1), SimpleRationals.ceil(q(-3, 2)));
    assertEquals(BigInteger.valueOf(-2), SimpleRationals.floor(q(-2, 1)));
    assertEquals(BigInteger.ONE, SimpleRationals.floor(q(3, 2)));
  }
}

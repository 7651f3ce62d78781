package org.eoscheck.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Fn;
import org.hipparchus.dfp.Dfp;
import org.junit.jupiter.api.Test;

/**
 * The natural extension of random expressions on random boxes contains the exact value at random
 * rational points of the box (BigFraction for rational expressions, 80-digit Dfp otherwise), and
 * is ENTIRE whenever the expression is undefined at some point of the box.
 */
class IntervalCompilerTest {
  private static final List<String> VARS = List.of("x", "y", "z");

  private static Interval eval(String text, double... bounds) throws InputException {
    Interval[] box = Reference.box(bounds);
    return IntervalCompiler.compile(ExprParser.parse(text), VARS.subList(0, box.length)).eval(box);
  }

  /** What to check of the enclosure {@code value} of f over a box, at a point of the box. */
  private interface PointCheck {
    void check(Expr f, Interval value, Map<String, BigFraction> point);
  }

  /** Random expressions, random boxes, random rational points of each box. */
  private static void sample(long seed, int count, int depth, List<Fn> fns, PointCheck check) {
    Random r = new Random(seed);
    for (int e = 0; e < count; e++) {
      Expr f = Reference.randomExpr(r, depth, VARS, fns);
      IntervalFunction compiled = IntervalCompiler.compile(f, VARS);
      for (int b = 0; b < 4; b++) {
        BigFraction[][] box = Reference.randomRationalBox(r, VARS.size(), 1);
        Interval value = compiled.eval(Reference.intervals(box));
        for (int k = 0; k < 4; k++) {
          check.check(f, value, Reference.randomPoint(r, box, VARS));
        }
      }
    }
  }

  @Test
  void rationalExpressionsContainTheirExactValues() {
    int[] undefined = {0};
    sample(21, 400, 4, List.of(), (f, value, point) -> {
      Optional<BigFraction> exact = Reference.exact(f, point);
      if (exact.isEmpty()) {
        undefined[0]++;
        assertTrue(value.isEntire(), () -> f.text() + " is undefined at " + point
            + " but its enclosure is " + value);
      } else if (!Reference.contains(value, exact.get())) {
        fail(f.text() + " at " + point + " = " + exact.get().doubleValue() + " not in " + value);
      }
    });
    assertTrue(undefined[0] > 0, "the random expressions should meet some undefined points");
  }

  @Test
  void expressionsWithElementaryFunctionsContainTheirValues() {
    // eigmax and eigmin have no high-precision reference here (SymmetricSpectrumTest covers them)
    List<Fn> fns = java.util.Arrays.stream(Fn.values())
        .filter(fn -> fn != Fn.EIGMAX && fn != Fn.EIGMIN).toList();
    sample(22, 250, 3, fns, (f, value, point) -> {
      Optional<Dfp> v = Reference.high(f, Reference.toDfp(point));
      if (v.isPresent() && !Reference.contains(value, v.get())) {
        fail(f.text() + " at " + point + " = " + v.get() + " not in " + value);
      }
    });
  }

  @Test
  void undefinedSomewhereMeansEntire() throws InputException {
    assertTrue(eval("sqrt(x)", -1e-300, 1).isEntire());
    assertTrue(eval("log(x - 1)", 1, 2).isEntire());
    assertTrue(eval("1/(x - y)", 0, 1, 1, 2).isEntire());
    assertTrue(eval("exp(1/x)", -1, 1).isEntire());
    assertTrue(eval("abs(sqrt(x))^0", -1, 1).isEntire());
    assertTrue(eval("tanh(log(x))", 0, 1).isEntire());
    assertTrue(eval("min(x, sqrt(x))", -1, 1).isEntire());
  }

  @Test
  void repeatedFactorsBecomePowers() throws InputException {
    assertEquals(new Interval(0, 4), eval("x*x", -1, 2));
    assertEquals(new Interval(0, 8), eval("x*y*x", -1, 2, 0, 2));
    assertEquals(new Interval(-2, 4), eval("x*y", -1, 2, -1, 2));
  }

  @Test
  void decimalConstantsAreExactRationals() throws InputException {
    // 0.1 * 10 = 1 exactly, although the double 0.1 times 10 rounds to 1 as well: check both sides
    Interval one = eval("0.1*10");
    assertTrue(one.contains(1) && one.width() < 1e-15);
    Interval third = eval("1/3 + 1/3 + 1/3 - 1");
    assertTrue(third.contains(0) && third.width() < 1e-15);
  }

  @Test
  void gfsShiftOfCubesIsEnclosed() throws InputException {
    // (x^2 + d)(y^2 + d)(z^2 + d) = 8 with x = y = z = 1 has d = 1
    Expr shift = new Expr.GfsShift(List.of(ExprParser.parse("x^2"), ExprParser.parse("y^2"),
        ExprParser.parse("z^2")), Expr.num(8));
    Interval d = IntervalCompiler.compile(shift, VARS).eval(new Interval[] {
        Interval.point(1), Interval.point(-1), Interval.point(1)});
    assertTrue(d.contains(1) && d.width() < 1e-14, d::toString);
  }

  @Test
  void badInputsAreRejected() throws InputException {
    Expr unknown = ExprParser.parse("x + w");
    assertThrows(IllegalArgumentException.class, () -> IntervalCompiler.compile(unknown, VARS));
    Expr apply = ExprParser.parse("phi(x)");
    assertThrows(IllegalArgumentException.class, () -> IntervalCompiler.compile(apply, VARS));
    IntervalFunction f = IntervalCompiler.compile(ExprParser.parse("x"), VARS);
    assertThrows(IllegalArgumentException.class, () -> f.eval(new Interval[1]));
  }
}

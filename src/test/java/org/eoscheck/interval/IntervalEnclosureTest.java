package org.eoscheck.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Fn;
import org.eoscheck.model.Model;
import org.eoscheck.model.ScalarNetwork;
import org.hipparchus.dfp.Dfp;
import org.junit.jupiter.api.Test;

/**
 * The combined enclosure (natural extension, mean-value form, monotonicity) contains the true
 * values at sampled points, is never wider than the natural extension, stays ENTIRE where f is
 * undefined somewhere, and is tighter where the forms should help.
 */
class IntervalEnclosureTest {
  private static final List<String> VARS = List.of("x", "y", "z");

  private static Interval enclose(String f, double... bounds) throws InputException {
    Interval[] box = Reference.box(bounds);
    return IntervalEnclosure.of(ExprParser.parse(f), VARS.subList(0, box.length)).enclose(box);
  }

  private static Interval natural(String f, double... bounds) throws InputException {
    Interval[] box = Reference.box(bounds);
    return IntervalCompiler.compile(ExprParser.parse(f), VARS.subList(0, box.length)).eval(box);
  }

  private static void randomExpressions(long seed, List<Fn> fns, int count) {
    Random r = new Random(seed);
    int tighter = 0;
    int finite = 0;
    for (int e = 0; e < count; e++) {
      Expr f = Reference.randomExpr(r, 3, VARS, fns);
      IntervalEnclosure enclosure = IntervalEnclosure.of(f, VARS);
      IntervalFunction natural = IntervalCompiler.compile(f, VARS);
      for (int b = 0; b < 3; b++) {
        BigFraction[][] box = Reference.randomRationalBox(r, VARS.size(), r.nextBoolean() ? 0.05 : 1);
        Interval[] intervals = Reference.intervals(box);
        Interval n = natural.eval(intervals);
        Interval value = enclosure.enclose(intervals);
        assertTrue(n.contains(value), () -> f.text() + ": " + value + " wider than natural " + n);
        if (n.isEntire()) {
          assertTrue(value.isEntire(), () -> f.text() + " undefined somewhere, yet " + value);
          continue;
        }
        finite++;
        if (value.width() < n.width()) {
          tighter++;
        }
        for (int k = 0; k < 4; k++) {
          Map<String, BigFraction> point = Reference.randomPoint(r, box, VARS);
          Optional<Dfp> v = Reference.high(f, Reference.toDfp(point));
          if (v.isPresent() && !Reference.contains(value, v.get())) {
            fail(f.text() + " at " + point + " = " + v.get() + " not in " + value
                + " (natural " + n + ")");
          }
        }
      }
    }
    assertTrue(tighter > finite / 10,
        "the derivative forms should often help: " + tighter + " of " + finite);
  }

  @Test
  void rationalExpressionsAreEnclosedAndNeverWiderThanNatural() {
    randomExpressions(41, List.of(), 300);
  }

  @Test
  void expressionsWithElementaryFunctionsAreEnclosed() {
    randomExpressions(42, List.of(Fn.SQRT, Fn.ABS, Fn.EXP, Fn.LOG, Fn.SIN, Fn.COS, Fn.TANH), 200);
  }

  @Test
  void meanValueFormRemovesDependency() throws InputException {
    assertEquals(new Interval(-1, 1), natural("x - x", 0, 1));
    assertEquals(new Interval(0, 0), enclose("x - x", 0, 1));
    Interval p = enclose("x*(1 - x)", 0.4, 0.6);
    assertTrue(p.contains(0.24) && p.contains(0.25));
    assertTrue(p.lo() >= 0.23 - 1e-15 && p.hi() <= 0.27 + 1e-15, p::toString);
  }

  @Test
  void monotonicityPinsTheEndpoints() throws InputException {
    Interval q = enclose("x/(1 + x)", 1, 2); // increasing: exactly [1/2, 2/3]
    assertTrue(Reference.contains(q, BigFraction.of(1, 2)));
    assertTrue(Reference.contains(q, BigFraction.of(2, 3)));
    assertTrue(q.lo() >= 0.5 - 1e-15 && q.hi() <= 2.0 / 3 + 1e-15, q::toString);
    Interval s = enclose("x*y - y", 2, 3, -1, 1); // increasing in y, not monotone in x
    assertTrue(s.contains(new Interval(-2, 2)) && s.lo() >= -2 - 1e-15 && s.hi() <= 2 + 1e-15,
        s::toString);
  }

  @Test
  void undefinedSomewhereStaysEntireEvenWhenTheDerivativeIsFinite() throws InputException {
    // d/dx log(x^2 - 4) = 2x/(x^2 - 4) is finite on [1, 3/2], where the logarithm is undefined
    assertTrue(enclose("log(x^2 - 4)", 1, 1.5).isEntire());
    assertTrue(enclose("sqrt(x - 2) - sqrt(x - 2)", 1, 3).isEntire());
    assertTrue(enclose("1/x - 1/x", -1, 1).isEntire());
  }

  @Test
  void nonDifferentiablePointsFallBackToTheNaturalExtension() throws InputException {
    assertEquals(natural("sqrt(x)", 0, 1), enclose("sqrt(x)", 0, 1));
    assertEquals(new Interval(0, 1), enclose("abs(x)", -1, 1));
    assertEquals(natural("min(x, 1 - x)", 0, 1), enclose("min(x, 1 - x)", 0, 1));
    assertEquals(natural("max(x, y) - x", 0, 1, 0, 1), enclose("max(x, y) - x", 0, 1, 0, 1));
  }

  @Test
  void depthThreeScalarClaimIsEnclosedMoreTightly() {
    Model model = new ScalarNetwork(3, Expr.num(1));
    Expr phi = model.gfsSharpness().orElseThrow();
    Expr f = Expr.sub(model.at(phi, model.gdStep()), phi);
    List<String> vars = List.of("w1", "w2", "w3", "eta");
    IntervalEnclosure enclosure = IntervalEnclosure.of(f, vars);
    IntervalFunction natural = IntervalCompiler.compile(f, vars);
    BigFraction[][] box = {
        {BigFraction.of(9, 10), BigFraction.of(91, 100)},
        {BigFraction.ONE, BigFraction.of(101, 100)},
        {BigFraction.of(11, 10), BigFraction.of(111, 100)},
        {BigFraction.of(1, 10), BigFraction.of(11, 100)}};
    Interval[] intervals = Reference.intervals(box);
    Interval n = natural.eval(intervals);
    Interval value = enclosure.enclose(intervals);
    assertTrue(n.contains(value) && value.width() < n.width() / 2, () -> value + " vs " + n);
    Random r = new Random(43);
    for (int k = 0; k < 3; k++) {
      Map<String, BigFraction> point = Reference.randomPoint(r, box, vars);
      Dfp v = Reference.high(f, Reference.toDfp(point)).orElseThrow();
      assertTrue(Reference.contains(value, v), () -> v + " not in " + value);
    }
    List<String> reordered = new ArrayList<>(vars);
    java.util.Collections.reverse(reordered);
    assertTrue(IntervalEnclosure.of(f, reordered).enclose(new Interval[] {
        intervals[3], intervals[2], intervals[1], intervals[0]}).width() < n.width());
  }
}

package org.eoscheck.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.apache.commons.numbers.fraction.BigFraction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property tests of the rewriting: for random expressions of the lemma language and random exact
 * points, a rewritten form is defined exactly where the original is, and equal to it there
 * (issue: simplification erased undefinedness, so 0*(1/x) was proved at x = 0).
 *
 * <p>The reference semantics is a small evaluator written here: exact rationals where the value
 * is rational, a double where it is not; a guard (divisor != 0, sqrt argument >= 0, log argument
 * > 0) is decided exactly when its argument is rational, and a point where a guard's argument is
 * irrational and within 1e-9 of the boundary is skipped as inconclusive.
 */
class SimplifyDomainPropertyTest {
  private static final List<String> VARS = List.of("x", "y");

  /** An evaluation at a point: undefined, or defined with an exact or approximate value. */
  private record Value(boolean defined, BigFraction exact, double approx) {
    static final Value UNDEFINED = new Value(false, null, Double.NaN);

    static Value of(BigFraction q) {
      return new Value(true, q, q.doubleValue());
    }

    static Value approx(double d) {
      return Double.isFinite(d) ? new Value(true, null, d) : null;
    }
  }

  /** Thrown when a guard cannot be decided at the point (irrational argument near the boundary). */
  private static final class Inconclusive extends RuntimeException {
    Inconclusive() {
      super(null, null, false, false);
    }
  }

  private static Value eval(Expr e, Map<String, BigFraction> point) {
    if (e instanceof Expr.Num n) {
      return Value.of(n.value());
    }
    if (e instanceof Expr.Var v) {
      return Value.of(point.get(v.name()));
    }
    List<Value> args = new ArrayList<>();
    for (Expr c : Exprs.children(e)) {
      Value a = eval(c, point);
      if (a == null) {
        throw new Inconclusive();
      }
      args.add(a);
    }
    for (Value a : args) {
      if (!a.defined()) {
        return Value.UNDEFINED;
      }
    }
    if (e instanceof Expr.Add) {
      return combine(args, BigFraction::add, Double::sum, BigFraction.ZERO);
    }
    if (e instanceof Expr.Mul) {
      return combine(args, BigFraction::multiply, (a, b) -> a * b, BigFraction.ONE);
    }
    if (e instanceof Expr.Neg) {
      Value a = args.get(0);
      return a.exact() != null ? Value.of(a.exact().negate()) : Value.approx(-a.approx());
    }
    if (e instanceof Expr.Div) {
      if (sign(args.get(1)) == 0) {
        return Value.UNDEFINED;
      }
      Value a = args.get(0);
      Value b = args.get(1);
      return a.exact() != null && b.exact() != null ? Value.of(a.exact().divide(b.exact()))
          : Value.approx(a.approx() / b.approx());
    }
    if (e instanceof Expr.Pow p) {
      Value a = args.get(0);
      if (p.exponent() < 0 && sign(a) == 0) {
        return Value.UNDEFINED;
      }
      return a.exact() != null ? Value.of(a.exact().pow(p.exponent()))
          : Value.approx(Math.pow(a.approx(), p.exponent()));
    }
    Expr.Call c = (Expr.Call) e;
    Value a = args.get(0);
    switch (c.fn()) {
      case SQRT:
        return sign(a) < 0 ? Value.UNDEFINED : Value.approx(Math.sqrt(a.approx()));
      case LOG:
        return sign(a) <= 0 ? Value.UNDEFINED : Value.approx(Math.log(a.approx()));
      case ABS:
        return a.exact() != null ? Value.of(a.exact().abs()) : Value.approx(Math.abs(a.approx()));
      case EXP:
        return Value.approx(Math.exp(a.approx()));
      case MIN:
      case MAX:
        boolean max = c.fn() == Fn.MAX;
        Value best = a;
        for (Value b : args) {
          if (max ? b.approx() > best.approx() : b.approx() < best.approx()) {
            best = b;
          }
        }
        return best;
      default:
        throw new IllegalStateException("not generated: " + c.fn());
    }
  }

  private static Value combine(List<Value> args, java.util.function.BinaryOperator<BigFraction> exact,
      java.util.function.DoubleBinaryOperator approx, BigFraction unit) {
    BigFraction q = unit;
    double d = unit.doubleValue();
    boolean isExact = true;
    for (Value a : args) {
      isExact &= a.exact() != null;
      q = isExact ? exact.apply(q, a.exact()) : q;
      d = approx.applyAsDouble(d, a.approx());
    }
    return isExact ? Value.of(q) : Value.approx(d);
  }

  /** The sign of a guard's argument, exactly; inconclusive when irrational and near 0. */
  private static int sign(Value a) {
    if (a.exact() != null) {
      return a.exact().signum();
    }
    if (Math.abs(a.approx()) < 1e-9) {
      throw new Inconclusive();
    }
    return (int) Math.signum(a.approx());
  }

  /** Random expressions, rich in the shapes a rewrite may drop: 0*E, E^0, constant divisors. */
  private static Expr random(Random r, int depth) {
    if (depth == 0 || r.nextInt(5) == 0) {
      return r.nextBoolean() ? new Expr.Var(VARS.get(r.nextInt(VARS.size())))
          : new Expr.Num(BigFraction.of(r.nextInt(7) - 3, 1 + r.nextInt(2)));
    }
    Expr a = random(r, depth - 1);
    Expr b = random(r, depth - 1);
    return switch (r.nextInt(14)) {
      case 0 -> Expr.add(a, b);
      case 1 -> Expr.mul(a, b);
      case 2 -> new Expr.Neg(a);
      case 3 -> new Expr.Div(a, b);
      case 4 -> new Expr.Pow(a, r.nextInt(6) - 2);
      case 5 -> Expr.sqrt(a);
      case 6 -> new Expr.Call(Fn.LOG, List.of(a));
      case 7 -> new Expr.Call(Fn.ABS, List.of(a));
      case 8 -> new Expr.Call(r.nextBoolean() ? Fn.MIN : Fn.MAX, List.of(a, b));
      case 9 -> Expr.mul(Exprs.ZERO, a, b);
      case 10 -> new Expr.Pow(a, 0);
      case 11 -> new Expr.Div(a, Expr.num(2));
      case 12 -> Expr.sub(a, new Expr.Neg(new Expr.Neg(b)));
      default -> Expr.mul(Expr.add(Exprs.ZERO, Exprs.ZERO), new Expr.Div(Exprs.ONE, a));
    };
  }

  /** Counts (checked points, points where the original is undefined) and fails on a violation. */
  private static int[] check(UnaryOperator<Expr> rewrite, long seed, int count) {
    Random r = new Random(seed);
    int checked = 0;
    int undefined = 0;
    for (int n = 0; n < count; n++) {
      Expr e = random(r, 4);
      Expr s = rewrite.apply(e);
      for (int k = 0; k < 8; k++) {
        Map<String, BigFraction> point = Map.of("x", BigFraction.of(r.nextInt(9) - 4, 2),
            "y", BigFraction.of(r.nextInt(7) - 3, 1 + r.nextInt(3)));
        Value before;
        Value after;
        try {
          before = eval(e, point);
          after = eval(s, point);
        } catch (Inconclusive skip) {
          continue;
        }
        if (before == null || after == null) {
          continue;
        }
        checked++;
        String where = e.text() + "  ->  " + s.text() + "  at " + point;
        assertEquals(before.defined(), after.defined(), "definedness changed: " + where);
        if (!before.defined()) {
          undefined++;
        } else if (before.exact() != null && after.exact() != null) {
          assertEquals(before.exact(), after.exact(), "value changed: " + where);
        } else {
          double tolerance = 1e-9 * Math.max(1, Math.abs(before.approx()));
          assertTrue(Math.abs(before.approx() - after.approx()) <= tolerance, "value changed: " + where);
        }
      }
    }
    return new int[] {checked, undefined};
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void simplifyKeepsTheDomainAndTheValue(long seed) {
    int[] counts = check(Exprs::simplify, seed, 3000);
    assertTrue(counts[0] > 5000, "too few conclusive points: " + counts[0]);
    assertTrue(counts[1] > 500, "too few undefined points exercised: " + counts[1]);
  }

  @ParameterizedTest
  @ValueSource(longs = {6, 7})
  void theTextRoundTripKeepsTheDomainAndTheValue(long seed) {
    check(e -> {
      try {
        return ExprParser.parse(Exprs.simplify(e).text());
      } catch (org.eoscheck.InputException bad) {
        throw new AssertionError(bad);
      }
    }, seed, 2000);
  }

  @org.junit.jupiter.api.Test
  void aRewriteThatDropsAGuardIsCaught() {
    // The old rule 0*E -> 0: the property must see that 0*(1/x) lost x != 0.
    UnaryOperator<Expr> dropsZeroProducts = e -> Exprs.replace(e,
        x -> x instanceof Expr.Mul m && m.factors().stream().anyMatch(Exprs::isZero) ? Exprs.ZERO : null);
    org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> check(dropsZeroProducts, 1, 3000));
  }
}

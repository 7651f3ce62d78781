package org.eoscheck.symbolic;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprPrinter;
import org.eoscheck.expr.Exprs;

/**
 * Checks an identity a = b at random rational points: exactly where both sides have rational values,
 * in double precision otherwise. The computer-algebra system is not trusted (it can silently drop
 * cases); every symbolic answer shown by eoscheck is compared with its input this way. Agreement at
 * random points is evidence, not proof (Schwartz-Zippel makes it strong for rational functions);
 * disagreement at an exact point is a certain counterexample.
 */
public final class PointCheck {
  private static final int MAX_ATTEMPTS_PER_POINT = 8;
  private static final double RELATIVE_TOLERANCE = 1e-9;

  private PointCheck() {}

  /** EQUAL: agreed at every point tried; DIFFERENT: a point where they differ; UNDECIDED: no point. */
  public enum Verdict { EQUAL, DIFFERENT, UNDECIDED }

  /**
   * The outcome: how many points agreed exactly and approximately, and for DIFFERENT the point and
   * whether the disagreement is exact (certain) or in double precision.
   */
  public record Result(Verdict verdict, int exactPoints, int approximatePoints,
      Map<String, BigFraction> witness, boolean exactWitness) {
    public boolean equal() {
      return verdict == Verdict.EQUAL;
    }

    /** "exactly at 3 random rational points", "in double precision at 2 ...", etc. */
    public String describe() {
      if (verdict == Verdict.DIFFERENT) {
        return (exactWitness ? "differs exactly" : "differs in double precision") + " at "
            + pointText(witness);
      }
      if (verdict == Verdict.UNDECIDED) {
        return "could not be evaluated at random points";
      }
      return approximatePoints == 0 ? "equal exactly at " + points(exactPoints)
          : "equal at " + points(exactPoints) + " exactly and " + approximatePoints
              + " in double precision";
    }
  }

  private static String points(int n) {
    return n + " random rational point" + (n == 1 ? "" : "s");
  }

  /** The point as "x = 1/2, y = -3". */
  public static String pointText(Map<String, BigFraction> point) {
    StringBuilder b = new StringBuilder();
    point.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(" = ")
        .append(ExprPrinter.rational(v)));
    return b.toString();
  }

  /** Compares a and b at {@code points} random points over their variables (seeded). */
  public static Result compare(Expr a, Expr b, int points, long seed) {
    Set<String> vars = new LinkedHashSet<>(Exprs.variables(a));
    vars.addAll(Exprs.variables(b));
    return compare(a, b, vars, points, new Random(seed));
  }

  /** Whether {@code e} vanishes at random points (see {@link #compare}). */
  public static Result isZero(Expr e, int points, long seed) {
    return compare(e, Exprs.ZERO, points, seed);
  }

  /** A random rational point: numerators in [-12, 12] \ {0}, denominators in [1, 6]. */
  public static Map<String, BigFraction> randomPoint(Collection<String> vars, Random random) {
    Map<String, BigFraction> point = new LinkedHashMap<>();
    for (String v : vars) {
      int num = 1 + random.nextInt(12);
      point.put(v, BigFraction.of(random.nextBoolean() ? num : -num, 1 + random.nextInt(6)));
    }
    return point;
  }

  public static Result compare(Expr a, Expr b, Collection<String> vars, int points, Random random) {
    int exact = 0;
    int approximate = 0;
    for (int attempt = 0; attempt < points * MAX_ATTEMPTS_PER_POINT && exact + approximate < points;
        attempt++) {
      Map<String, BigFraction> point = randomPoint(vars, random);
      try {
        BigFraction x = Evaluation.exact(a, point);
        BigFraction y = Evaluation.exact(b, point);
        if (!x.equals(y)) {
          return new Result(Verdict.DIFFERENT, exact, approximate, point, true);
        }
        exact++;
        continue;
      } catch (ArithmeticException undefined) {
        continue;
      } catch (Evaluation.NotRepresentable notExact) {
        // fall through to double precision
      }
      Map<String, Double> p = new LinkedHashMap<>();
      point.forEach((k, v) -> p.put(k, v.doubleValue()));
      double x;
      double y;
      try {
        x = Evaluation.approximate(a, p);
        y = Evaluation.approximate(b, p);
      } catch (Evaluation.NotRepresentable cannot) {
        return new Result(Verdict.UNDECIDED, exact, approximate, point, false);
      }
      if (!Double.isFinite(x) || !Double.isFinite(y)) {
        continue;
      }
      if (Math.abs(x - y) > RELATIVE_TOLERANCE * (1 + Math.abs(x) + Math.abs(y))) {
        return new Result(Verdict.DIFFERENT, exact, approximate, point, false);
      }
      approximate++;
    }
    return new Result(exact + approximate == 0 ? Verdict.UNDECIDED : Verdict.EQUAL, exact,
        approximate, Map.of(), false);
  }
}

package org.eoscheck.verify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.CompiledExpr;
import org.eoscheck.expr.Expr;

/**
 * The standing of a point of the box in double precision, for the numeric counterexample sources
 * (the sampler of {@link CounterexampleSearch} and {@link TrajectoryCandidates}): hypotheses and
 * claim differences evaluated by one {@link CompiledExpr} program.
 *
 * <p>The violation margin of a point where every hypothesis holds is -f for a claim f >= 0 or
 * f > 0 ({@link Problem.Claim#difference()}), and |f| for an equation f == 0: positive means the
 * claim fails there (in double precision), negative is the slack. A point violating a hypothesis
 * ranks below every point satisfying all of them, by its total hypothesis violation.
 *
 * <p>An equality hypothesis h == 0 is elaborated as the pair h >= 0, -h >= 0 (the same line of
 * the lemma file); {@link #score(double[], double)} may accept |h| up to a tolerance for such a
 * pair (points projected onto the set h = 0 in double precision), which the exact point must then
 * meet exactly ({@link #equalities()}). Thread-safe.
 */
final class Margins {
  /**
   * Margins below NOISE times max(1, |lhs| + |rhs|) are taken for rounding noise of the double
   * evaluation and not submitted to the kernel (a long chain of roundings, e.g. through gfsShift
   * at depth 10, easily loses 10^4 ulps).
   */
  static final double NOISE = 1e-11;

  /**
   * A point's standing: hypotheses' total violation (0 when all hold), then the largest claim
   * margin and its claim (-1 if no claim is defined there).
   */
  record Score(double infeasibility, double margin, int claim, double tolerance) {
    static final Comparator<Score> BETTER_FIRST = Comparator.comparingDouble(Score::infeasibility)
        .thenComparing(Comparator.comparingDouble(Score::margin).reversed());

    boolean betterThan(Score o) {
      return BETTER_FIRST.compare(this, o) < 0;
    }

    boolean feasible() {
      return infeasibility == 0 && claim >= 0;
    }

    /** Feasible and violated by more than the rounding noise: worth the kernel's judgement. */
    boolean promising() {
      return feasible() && margin > tolerance;
    }
  }

  private final Problem problem;
  private final CompiledExpr program;
  private final int hypotheses;
  /** For each hypothesis, the other half of its equality pair, or -1. */
  private final int[] partner;

  Margins(Problem problem) {
    this.problem = problem;
    List<Expr> outputs = new ArrayList<>();
    for (Problem.Hypothesis h : problem.hypotheses()) {
      outputs.add(h.expr());
    }
    for (Problem.Claim c : problem.claims()) {
      outputs.add(c.difference());
    }
    for (Problem.Claim c : problem.claims()) {
      outputs.add(c.relation().lhs());
      outputs.add(c.relation().rhs());
    }
    this.program = CompiledExpr.compile(outputs, problem.variables());
    this.hypotheses = problem.hypotheses().size();
    this.partner = new int[hypotheses];
    java.util.Arrays.fill(partner, -1);
    for (int j = 0; j + 1 < hypotheses; j++) {
      Problem.Hypothesis a = problem.hypotheses().get(j);
      Problem.Hypothesis b = problem.hypotheses().get(j + 1);
      if (!a.strict() && !b.strict() && a.source().equals(b.source())
          && a.source().text().contains("==")) {
        partner[j] = j + 1;
        partner[j + 1] = j;
        j++;
      }
    }
  }

  /** The indices of the first halves of the equality hypotheses' pairs. */
  List<Integer> equalities() {
    List<Integer> out = new ArrayList<>();
    for (int j = 0; j < hypotheses; j++) {
      if (partner[j] > j) {
        out.add(j);
      }
    }
    return out;
  }

  /** The expression h of equality hypothesis {@code j} (h == 0). */
  Expr hypothesis(int j) {
    return problem.hypotheses().get(j).expr();
  }

  /** The score of box point x (the problem's variables in order), equalities exact. */
  Score score(double[] x) {
    return score(x, 0);
  }

  /**
   * The score of box point x, an equality hypothesis counting as satisfied where its |h| is at
   * most {@code equalityTolerance} times max(1, its scale).
   */
  Score score(double[] x, double equalityTolerance) {
    double[] values = new double[program.outputs()];
    program.eval(x, values);
    double infeasibility = 0;
    for (int j = 0; j < hypotheses; j++) {
      double h = values[j];
      if (Double.isNaN(h)) {
        return new Score(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1, 0);
      }
      if (partner[j] >= 0 && Math.abs(h) <= equalityTolerance) {
        continue;
      }
      if (h < 0) {
        infeasibility += -h;
      } else if (h == 0 && problem.hypotheses().get(j).strict()) {
        infeasibility += Double.MIN_VALUE;
      }
    }
    if (infeasibility > 0) {
      return new Score(infeasibility, Double.NEGATIVE_INFINITY, -1, 0);
    }
    double margin = Double.NEGATIVE_INFINITY;
    int claim = -1;
    double tolerance = 0;
    int claims = problem.claims().size();
    for (int c = 0; c < claims; c++) {
      double f = values[hypotheses + c];
      if (Double.isNaN(f)) {
        continue; // undefined: not a refutation a numeric search could certify
      }
      double m = problem.claims().get(c).equation() ? Math.abs(f) : -f;
      if (claim < 0 || m > margin) {
        margin = m;
        claim = c;
        double scale = Math.abs(values[hypotheses + claims + 2 * c])
            + Math.abs(values[hypotheses + claims + 2 * c + 1]);
        tolerance = NOISE * (Double.isFinite(scale) ? Math.max(1, scale) : 1);
      }
    }
    return new Score(0, margin, claim, tolerance);
  }

  /**
   * Exact rational points of the box near box point x: the simplest rationals within a relative
   * 10^-9 of the coordinates (small denominators keep a point solved exactly for an equation
   * small too), the coordinates rounded to 12, then 17 significant digits, then their exact
   * binary values; each clamped into the box.
   */
  List<List<BigFraction>> roundings(double[] x) {
    List<List<BigFraction>> out = new ArrayList<>();
    for (int digits : new int[] {-1, 12, 17, 0}) {
      List<BigFraction> point = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        BigDecimal d = new BigDecimal(x[i]);
        BigFraction q;
        if (digits < 0) {
          BigFraction r = CounterexampleSearch.fraction(new BigDecimal(1e-9 * Math.max(1,
              Math.abs(x[i]))));
          BigFraction c = CounterexampleSearch.fraction(d);
          q = SimpleRationals.simplest(clamp(i, c.subtract(r)), clamp(i, c.add(r)));
        } else {
          q = CounterexampleSearch.fraction(digits == 0 ? d : d.round(new MathContext(digits)));
        }
        point.add(clamp(i, q));
      }
      if (!out.contains(point)) {
        out.add(point);
      }
    }
    return out;
  }

  /** q clamped into the box's range of variable i. */
  BigFraction clamp(int i, BigFraction q) {
    BigFraction l = problem.root().lo().get(i);
    BigFraction h = problem.root().hi().get(i);
    return q.compareTo(l) < 0 ? l : q.compareTo(h) > 0 ? h : q;
  }

  /** The point with the problem's variable names. */
  Map<String, BigFraction> named(List<BigFraction> point) {
    Map<String, BigFraction> m = new LinkedHashMap<>();
    for (int i = 0; i < point.size(); i++) {
      m.put(problem.variables().get(i), point.get(i));
    }
    return m;
  }

  /** Box point x with the problem's variable names. */
  Map<String, Double> named(double[] x) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < x.length; i++) {
      m.put(problem.variables().get(i), x[i]);
    }
    return m;
  }
}

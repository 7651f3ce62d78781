package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.junit.jupiter.api.Test;

/**
 * The counterexample search refutes false lemmas (depth 2 just past the boundary of truth, the
 * naive depth-2 criterion at depth 6, a deep linear network) at points an independent
 * high-precision computation confirms, finds nothing in true lemmas, reports only what the kernel
 * certifies, and is deterministic for a seed.
 */
class CounterexampleSearchTest {
  private static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);

  /** The depth-2 criterion eta^2 (pi - 1)^2 <= 2 (true) and loosened to 21/10 (false). */
  private static final Path DEPTH2 = Path.of("examples/depth2-criterion.yaml");
  private static final Path DEPTH2_LOOSENED = Path.of("examples/depth2-criterion-loosened.yaml");
  /** The depth-3 sufficient condition of shared/maths.md 1, w1 <= w2 <= w3 on [1/2, 2]^3. */
  private static final Path DEPTH3_SUFFICIENT =
      Path.of("theorems/kreisler2023/depth3-sufficient-condition.yaml");

  /** The naive depth-2 criterion eta^2 (pi - 1)^2 <= 2 at depth D, balanced-ish box. */
  static String naive(int depth) {
    StringBuilder vars = new StringBuilder();
    StringBuilder pi = new StringBuilder();
    for (int i = 1; i <= depth; i++) {
      vars.append("  w").append(i).append(": [4/5, 5/4]\n");
      pi.append(i > 1 ? "*" : "").append("w").append(i);
    }
    return "name: naive-d" + depth + "\nmodel: scalar\ndepth: " + depth + "\nvariables:\n" + vars
        + "  eta: [1/100, 1]\nassume:\n  - eta^2*(" + pi + " - 1)^2 <= 2\n"
        + "claim: phi(gd(theta)) <= phi(theta)\n";
  }

  static Problem problem(String yaml) throws Exception {
    return Elaborator.elaborate(LemmaLoader.parse(yaml, "test.yaml"));
  }

  static Problem problem(Path file) throws Exception {
    return Elaborator.elaborate(LemmaLoader.load(file));
  }

  static CounterexampleSearch.Options options(long samples, long seed) {
    return new CounterexampleSearch.Options(samples, seed, Duration.ofSeconds(60));
  }

  // ------------------------------------------------- independent arithmetic (shared/maths.md 1)

  /** One GD step of the scalar network, exactly: w_i+ = w_i - eta (pi - 1) pi / w_i. */
  static List<BigFraction> gd(List<BigFraction> w, BigFraction eta) {
    BigFraction pi = BigFraction.ONE;
    for (BigFraction wi : w) {
      pi = pi.multiply(wi);
    }
    BigFraction g = eta.multiply(pi.subtract(1)).multiply(pi);
    List<BigFraction> out = new ArrayList<>();
    for (BigFraction wi : w) {
      out.add(wi.subtract(g.divide(wi)));
    }
    return out;
  }

  /**
   * phi(w) = sum 1/(w_i^2 + delta*), delta* the root of prod(w_i^2 + delta) = 1 above -min w_i^2,
   * by bisection in 60-digit decimals (p is increasing there, p(-min u) = 0 and p(1) >= 1).
   */
  static BigDecimal phi(List<BigFraction> w) {
    List<BigDecimal> u = new ArrayList<>();
    BigDecimal lo = null;
    for (BigFraction wi : w) {
      BigDecimal ui = decimal(wi.multiply(wi));
      u.add(ui);
      lo = lo == null || ui.compareTo(lo) < 0 ? ui : lo;
    }
    lo = lo.negate();
    BigDecimal hi = BigDecimal.ONE;
    for (int k = 0; k < 220; k++) {
      BigDecimal mid = lo.add(hi, MC).divide(BigDecimal.valueOf(2), MC);
      BigDecimal p = BigDecimal.ONE;
      for (BigDecimal ui : u) {
        p = p.multiply(ui.add(mid, MC), MC);
      }
      if (p.compareTo(BigDecimal.ONE) < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal ui : u) {
      sum = sum.add(BigDecimal.ONE.divide(ui.add(hi, MC), MC), MC);
    }
    return sum;
  }

  static BigDecimal decimal(BigFraction q) {
    return new BigDecimal(q.getNumerator()).divide(new BigDecimal(q.getDenominator()), MC);
  }

  /** Confirms independently that the point lies in the box, satisfies the naive hypothesis with
   * bound {@code bound} and that phi increases by more than rounding could explain. */
  static void assertPhiIncreases(Problem p, Counterexample c, BigFraction bound) {
    assertTrue(p.root().contains(p.variables().stream().map(c.point()::get).toList()), "in the box");
    List<BigFraction> w = new ArrayList<>();
    BigFraction pi = BigFraction.ONE;
    for (String v : p.variables()) {
      if (v.startsWith("w")) {
        w.add(c.point().get(v));
        pi = pi.multiply(c.point().get(v));
      }
    }
    BigFraction eta = c.point().get("eta");
    assertTrue(eta.pow(2).multiply(pi.subtract(1).pow(2)).compareTo(bound) <= 0, "hypothesis");
    BigDecimal increase = phi(gd(w, eta)).subtract(phi(w), MC);
    assertTrue(increase.compareTo(new BigDecimal("1e-30")) > 0, "phi(gd(w)) - phi(w) = " + increase);
  }

  // ------------------------------------------------- tests

  @Test
  void independentPhiMatchesTheReferenceValues() {
    assertEquals(0, phi(List.of(BigFraction.of(2), BigFraction.of(1, 2))).round(new MathContext(20))
        .compareTo(new BigDecimal("4.25")));
    assertEquals("4.8928491461048882730", phi(List.of(BigFraction.ONE, BigFraction.ONE,
        BigFraction.ONE, BigFraction.of(2))).round(new MathContext(20)).toPlainString());
  }

  @Test
  void depth2CriterionLoosenedTo21Over10IsRefutedAtAnIndependentlyConfirmedPoint() throws Exception {
    Problem p = problem(DEPTH2_LOOSENED);
    CounterexampleSearch.Result r = CounterexampleSearch.search(p, options(20_000, 1));
    assertEquals(Verdict.REFUTED, r.verdict());
    assertPhiIncreases(p, r.counterexample().orElseThrow(), BigFraction.of(21, 10));
  }

  @Test
  void naiveDepth2CriterionFailsAtDepth6() throws Exception {
    Problem p = problem(naive(6));
    CounterexampleSearch.Result r = CounterexampleSearch.search(p, options(20_000, 3));
    assertEquals(Verdict.REFUTED, r.verdict());
    assertPhiIncreases(p, r.counterexample().orElseThrow(), BigFraction.of(2));
  }

  @Test
  void trueDepth2CriterionGivesUnknownWithNoViolationBeyondRoundingNoise() throws Exception {
    CounterexampleSearch.Result r = CounterexampleSearch.search(problem(DEPTH2),
        options(20_000, 1));
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertNotNull(r.worst());
    assertTrue(r.worst().margin() <= r.worst().tolerance(), "margin " + r.worst());
    assertTrue(r.samples() >= 20_000 && r.sampled() == 20_000, "samples " + r.samples());
  }

  @Test
  void depth3SufficientConditionHasNoCounterexampleOnItsBox() throws Exception {
    CounterexampleSearch.Result r = CounterexampleSearch.search(problem(DEPTH3_SUFFICIENT),
        options(20_000, 1));
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertNotNull(r.worst(), "some sampled point satisfies the ordering w1 <= w2 <= w3");
    assertTrue(r.worst().margin() <= r.worst().tolerance(), "margin " + r.worst());
  }

  @Test
  void onlyACertifiedPointCounts() throws Exception {
    Problem p = problem(DEPTH2_LOOSENED);
    List<Map<String, BigFraction>> submitted = new ArrayList<>();
    CounterexampleSearch.Result r = CounterexampleSearch.search(p, options(20_000, 1),
        (claim, point) -> {
          submitted.add(point);
          return Optional.empty();
        });
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertFalse(submitted.isEmpty());
    assertEquals(submitted.size(), r.certifications());
    for (Map<String, BigFraction> point : submitted) {
      assertTrue(p.root().contains(p.variables().stream().map(point::get).toList()), "in box " + point);
    }
    assertTrue(r.worst().margin() > r.worst().tolerance(), "a double-precision violation was seen");
  }

  @Test
  void deepLinearNetworkLossIncreaseIsRefutedExactly() throws Exception {
    Problem p = problem("""
        name: lin
        model: linear
        dims: [2, 2, 2]
        variables:
          W1_1_1: [-1, 1]
          W1_1_2: [-1, 1]
          W1_2_1: [-1, 1]
          W1_2_2: [-1, 1]
          W2_1_1: [-1, 1]
          W2_1_2: [-1, 1]
          W2_2_1: [-1, 1]
          W2_2_2: [-1, 1]
          eta: [1/100, 1/2]
        claim: loss(gd(theta)) <= loss(theta)
        """);
    CounterexampleSearch.Result r = CounterexampleSearch.search(p, options(5_000, 1));
    assertEquals(Verdict.REFUTED, r.verdict());
    Counterexample c = r.counterexample().orElseThrow();
    assertTrue(new BigDecimal(c.lhs().substring(1, c.lhs().indexOf(',')))
        .compareTo(new BigDecimal(c.rhs().substring(c.rhs().indexOf(',') + 1, c.rhs().length() - 1)
            .trim())) > 0, c.lhs() + " vs " + c.rhs());
  }

  @Test
  void sameSeedGivesTheSameResult() throws Exception {
    Problem p = problem(naive(4));
    CounterexampleSearch.Result a = CounterexampleSearch.search(p, options(10_000, 42));
    CounterexampleSearch.Result b = CounterexampleSearch.search(p, options(10_000, 42));
    assertEquals(a.counterexample(), b.counterexample());
    assertEquals(a.samples(), b.samples());
    assertEquals(a.worst(), b.worst());
    assertEquals(a.certifications(), b.certifications());
  }

  @Test
  void exactPointsAreRationalsOfTheBox() throws Exception {
    assertEquals(BigFraction.of(1, 10), CounterexampleSearch.fraction(new BigDecimal("0.1")));
    assertEquals(BigFraction.of(300), CounterexampleSearch.fraction(new BigDecimal("3E+2")));
  }
}

package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soundness of check: true lemmas are proved, false ones (near the boundary of truth, perturbed,
 * flipped, widened) are refuted with a point that an independent computation confirms, and
 * undefined or undecidable claims stay UNKNOWN.
 */
class CheckerTest {
  @TempDir
  Path dir;

  private static final String DEPTH2 = """
      name: %s
      model: scalar
      depth: 2
      variables:
        w1: [1/10, 3]
        w2: [1/10, 3]
        eta: [1/100, 1]
      assume:
        - eta^2*(w1*w2 - 1)^2 <= %s
      claim: phi(gd(theta)) %s phi(theta)
      """;

  static Problem problem(String yaml) throws Exception {
    return Elaborator.elaborate(LemmaLoader.parse(yaml, "test.yaml"));
  }

  CheckResult check(String yaml, CheckOptions o) throws Exception {
    return Checkers.standard().check(problem(yaml), o.withLog(dir.resolve("log.jsonl")), Progress.NONE);
  }

  static CheckOptions quick() {
    return CheckOptions.defaults().withTimeLimit(Duration.ofSeconds(30));
  }

  @Test
  void depth2CriterionIsProvedOnTheWholeBoxByAnExactReduction() throws Exception {
    CheckResult r = check(DEPTH2.formatted("d2", "2", "<="), quick());
    assertEquals(Verdict.PROVED, r.verdict());
    assertEquals(BigFraction.ONE, r.proved());
    assertTrue(r.goals().get(0).reduction() != null && r.goals().get(0).reduction().closed());
  }

  @Test
  void loosenedStepConditionIsRefutedAtAPointAnIndependentComputationConfirms() throws Exception {
    CheckResult r = check(DEPTH2.formatted("loose", "21/10", "<="), quick());
    assertEquals(Verdict.REFUTED, r.verdict());
    Map<String, BigFraction> p = r.counterexamples().get(0).point();
    BigFraction w1 = p.get("w1");
    BigFraction w2 = p.get("w2");
    BigFraction eta = p.get("eta");
    BigFraction res = w1.multiply(w2).subtract(1);
    assertTrue(eta.pow(2).multiply(res.pow(2)).compareTo(BigFraction.of(21, 10)) <= 0, "hypothesis");
    // phi(w) = sqrt((w1^2 - w2^2)^2 + 4); GD: w1+ = w1 - eta r w2, w2+ = w2 - eta r w1.
    BigFraction v1 = w1.subtract(eta.multiply(res).multiply(w2));
    BigFraction v2 = w2.subtract(eta.multiply(res).multiply(w1));
    BigFraction before = w1.pow(2).subtract(w2.pow(2)).pow(2).add(4);
    BigFraction after = v1.pow(2).subtract(v2.pow(2)).pow(2).add(4);
    assertTrue(after.compareTo(before) > 0, "phi(gd) > phi: sqrt is increasing, so compare squares");
  }

  @Test
  void flippedRelationIsRefuted() throws Exception {
    CheckResult r = check(DEPTH2.formatted("flip", "2", ">="), quick());
    assertEquals(Verdict.REFUTED, r.verdict());
  }

  @Test
  void strictClaimFailsWhereTheTrueClaimIsTight() throws Exception {
    // phi(gd) = phi exactly when w1 = w2: the strict claim is false, never proved.
    CheckResult r = check(DEPTH2.formatted("strict", "2", "<"), quick());
    assertNotEquals(Verdict.PROVED, r.verdict());
  }

  @Test
  void widenedBoxAcrossTheBoundaryIsRefutedButTheTrueBoxIsProved() throws Exception {
    String lemma = """
        name: box
        model: two-layer
        width: 1
        variables: {a1: [0, %s], b1: [0, 2]}
        claim: a1*b1 <= 4
        """;
    assertEquals(Verdict.PROVED, check(lemma.formatted("2"), quick()).verdict());
    CheckResult wide = check(lemma.formatted("201/100"), quick());
    assertEquals(Verdict.REFUTED, wide.verdict());
    Map<String, BigFraction> p = wide.counterexamples().get(0).point();
    assertTrue(p.get("a1").multiply(p.get("b1")).compareTo(BigFraction.of(4)) > 0);
  }

  @Test
  void twoLayerGfSharpnessLemmaIsProved() throws Exception {
    CheckResult r = Checkers.standard().check(Elaborator.elaborate(LemmaLoader.members(
        Path.of("theorems/beneventano2025/gf-sharpness-decreases.yaml")).get(1)),
        quick().withLog(dir.resolve("b.jsonl")), Progress.NONE);
    assertEquals(Verdict.PROVED, r.verdict());
  }

  @Test
  void aClaimUndefinedSomewhereIsNeverProved() throws Exception {
    String lemma = """
        name: undefined
        model: custom
        params: [x]
        loss: x^2
        variables: {x: [-1, 1]}
        claim: sqrt(x) >= 0
        """;
    CheckResult r = check(lemma, quick().withTimeLimit(Duration.ofSeconds(10)));
    assertNotEquals(Verdict.PROVED, r.verdict());
    assertTrue(r.unknown().signum() > 0);
  }

  @Test
  void vacuousHypothesisProvesAnything() throws Exception {
    String lemma = """
        name: vacuous
        model: custom
        params: [x]
        loss: x^2
        variables: {x: [1, 2]}
        assume: [x <= 0]
        claim: x <= -5
        """;
    CheckResult r = check(lemma, quick().withZ3(false));
    assertEquals(Verdict.PROVED, r.verdict());
  }

  @Test
  void resultsDoNotDependOnTheNumberOfJobs() throws Exception {
    String lemma = """
        name: amgm
        model: scalar
        depth: 3
        variables: {w1: [1/2, 2], w2: [1/2, 2], w3: [1/2, 2]}
        assume: [prod(theta) == 1]
        claim: 1/w1^2 + 1/w2^2 + 1/w3^2 >= 3
        """;
    CheckOptions o = quick().withZ3(false);
    CheckOptions small = new CheckOptions(1, o.budget(), o.timeLimit(), BigFraction.of(1, 64),
        o.maxBoxes(), false, null, false, null, 1, false);
    CheckResult one = check(lemma, small.withJobs(1));
    CheckResult two = check(lemma, small.withJobs(2));
    assertEquals(one.proved(), two.proved());
    assertEquals(one.unknown(), two.unknown());
    assertEquals(one.boxes(), two.boxes());
    assertTrue(one.proved().compareTo(BigFraction.of(9, 10)) > 0, "most of the box: " + one.proved());
  }

  @Test
  void theBudgetHoldsOnQueriesTheSolverCannotFinish() throws Exception {
    CheckOptions o = new CheckOptions(2, Duration.ofSeconds(2), Duration.ofSeconds(6),
        BigFraction.of(1, 4096), 100_000, true, null, false, null, 1, false);
    long start = System.nanoTime();
    CheckResult r = Checkers.standard().check(Elaborator.elaborate(LemmaLoader.load(
        Path.of("theorems/kreisler2023/depth3-sufficient-condition.yaml"))),
        o.withLog(dir.resolve("d3.jsonl")), Progress.NONE);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertTrue(r.unknown().signum() > 0);
    assertTrue(seconds < 40, "the run ends: " + seconds);
    assertFalse(r.proved().equals(BigFraction.ONE));
  }

  /** Shipped true lemmas, each perturbed just past the truth, must be refuted, never proved. */
  @Test
  void perturbedSeedLemmasAreRefuted() throws Exception {
    String[][] cases = {
        {"theorems/beneventano2025/residual-recursion.yaml", "(residual(theta) + Phi))",
            "(residual(theta) + 11/10*Phi))", "width: 2"},
        {"theorems/beneventano2025/balance-recursion.yaml", "(1 - eta^2*residual(theta)^2)",
            "(1 - eta^2*residual(theta)^2*99/100)", "width: 2"},
        {"theorems/beneventano2025/lambda-recursion.yaml", "- 4*eta*residual(theta)",
            "- 39/10*eta*residual(theta)", "width: 4"},
        {"theorems/beneventano2025/p-recursion.yaml", "(1 - eta^2*residual(theta)^2)^2",
            "(1 - eta^2*residual(theta)^2)", "width: 3"}};
    for (String[] c : cases) {
      String text = java.nio.file.Files.readString(Path.of(c[0]));
      assertTrue(text.contains(c[1]) && text.contains("width: 1..4"), c[0]);
      CheckResult r = check(text.replace(c[1], c[2]).replace("width: 1..4", c[3]), quick());
      assertEquals(Verdict.REFUTED, r.verdict(), c[0]);
    }
  }
}

package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.ProofLogReader;
import org.eoscheck.certificate.ProofLog.MeanValue;
import org.eoscheck.certificate.ProofLog.Pair;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.certificate.Replay;
import org.eoscheck.certificate.Statement;
import org.eoscheck.smt.Z3Processes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mean-value reduction of phi(gd(w)) &lt;= phi(w) for the depth-3 scalar network (Kreisler,
 * Nacson, Soudry, Carmon 2023; the sufficient condition of shared/maths.md 1): the kernel accepts
 * the reduction the prover builds and rejects every tampered piece of it; on a small box the lemma
 * is proved and replays; false variants near the truth are never proved.
 */
class MeanValueReductionTest {
  @TempDir
  Path dir;

  /** The sufficient condition on a small box around the balanced point, sorted w1 <= w2 <= w3. */
  static final String DEPTH3 = """
      name: mv-depth3
      model: scalar
      depth: 3
      variables:
        w1: [3/4, 5/4]
        w2: [3/4, 5/4]
        w3: [3/4, 5/4]
        eta: [1/10, 1/2]
      assume:
        - eta^2*(w1*w2*w3 - 1)^2*(w1*w2*w3)^2 <= %s*w1^2*w2^2
        - w1 <= w2
        - w2 <= w3
      claim: phi(gd(theta)) <= phi(theta)
      """;

  static ProofLog.Header header;

  @BeforeAll
  static void reduce() throws Exception {
    Problem p = CheckerTest.problem(DEPTH3.formatted("1"));
    List<Goal> goals = new Preconditioner(p, Certificates.algebra()).goals();
    assertNotNull(goals.get(0).reduction(), "the prover finds no reduction");
    assertNotNull(goals.get(0).reduction().meanValue(), "not a mean-value reduction");
    header = Certificates.header(p, goals, CheckOptions.defaults(), "none");
  }

  @Test
  void theKernelAcceptsTheReductionAndBuildsAResidualOverTheSegmentParameter() throws Exception {
    Statement s = Statement.of(header);
    Statement.Goal g = s.goals().get(0);
    assertEquals(List.of(MeanValueReduction.PARAMETER), List.copyOf(g.parameters().keySet()));
    assertTrue(g.residual().f().text().contains("gfsShift"));
  }

  private static ProofLog.Header tampered(UnaryOperator<MeanValue> change) {
    ProofLog.Claim c = header.claims().get(0);
    ProofLog.Reduction r = c.reduction();
    ProofLog.Reduction t = new ProofLog.Reduction(r.difference(), r.sqrtArgs(), r.constant(),
        r.factors(), r.residual(), change.apply(r.meanValue()));
    return new ProofLog.Header(header.lemma(), header.lemmaFile(), header.lemmaText(),
        header.lemmaSha256(), header.tool(), header.z3(), header.options(), header.variables(),
        header.root(), header.hypotheses(), List.of(new ProofLog.Claim(c.source(), c.relation(), t)),
        header.shard());
  }

  private static List<String> with(List<String> xs, int i, String x) {
    List<String> out = new ArrayList<>(xs);
    out.set(i, x);
    return out;
  }

  private static void rejected(String why, UnaryOperator<MeanValue> change) {
    Rejected e = assertThrows(Rejected.class, () -> Statement.of(tampered(change)), why);
    assertTrue(e.getMessage().contains("mean value"), e.getMessage());
  }

  @Test
  void aDirectionThatIsNotTheStepIsRejected() {
    rejected("direction", m -> new MeanValue(m.parameter(), m.points(), m.directions(),
        m.function(), m.from(), m.claimed(), m.to(),
        with(m.direction(), 0, "2*(" + m.direction().get(0) + ")"), m.pairs(), m.residual()));
  }

  @Test
  void aTargetPointThatIsNotATranslationOfTheGdPointIsRejected() {
    rejected("to", m -> new MeanValue(m.parameter(), m.points(), m.directions(), m.function(),
        m.from(), m.claimed(), with(m.to(), 0, m.to().get(0) + " + eta"), m.direction(),
        m.pairs(), m.residual()));
  }

  @Test
  void aPairWithAFlippedSignIsRejected() {
    Pair p = header.claims().get(0).reduction().meanValue().pairs().get(0);
    rejected("pair", m -> {
      List<Pair> pairs = new ArrayList<>(m.pairs());
      pairs.set(0, new Pair(p.name(), p.generic(), "-(" + p.value() + ")"));
      return new MeanValue(m.parameter(), m.points(), m.directions(), m.function(), m.from(),
          m.claimed(), m.to(), m.direction(), pairs, m.residual());
    });
  }

  @Test
  void aResidualThatIsNotTheDirectionalDerivativeIsRejected() {
    rejected("residual", m -> new MeanValue(m.parameter(), m.points(), m.directions(),
        m.function(), m.from(), m.claimed(), m.to(), m.direction(), m.pairs(),
        m.residual().replaceFirst("p1_2/", "2*p1_2/")));
  }

  @Test
  void aFunctionThatIsNotTheClaimsSideIsRejected() {
    rejected("function", m -> new MeanValue(m.parameter(), m.points(), m.directions(),
        m.function().replaceFirst("1/", "2/"), m.from(), m.claimed(), m.to(), m.direction(),
        m.pairs(), m.residual()));
  }

  @Test
  void aTranslationIsRefusedForAFunctionThatIsNotInvariant() throws Exception {
    // z1 alone (not inside z1 + gfsShift) breaks translation invariance.
    assertTrue(org.eoscheck.certificate.MeanValueRuleAccess.invariant(
        "1/(z1 + gfsShift(1, z1, z2)) + 1/(z2 + gfsShift(1, z1, z2))", List.of("z1", "z2")));
    assertTrue(!org.eoscheck.certificate.MeanValueRuleAccess.invariant(
        "1/(z1 + gfsShift(1, z1, z2)) + z1", List.of("z1", "z2")));
    assertTrue(!org.eoscheck.certificate.MeanValueRuleAccess.invariant(
        "1/(z1 + gfsShift(z2, z1, z2))", List.of("z1", "z2")));
  }

  @Test
  void theSufficientConditionIsProvedOnASmallBoxAndTheLogReplays() throws Exception {
    Path log = dir.resolve("d3.jsonl");
    CheckResult r = Checkers.standard().check(CheckerTest.problem(DEPTH3.formatted("1")),
        CheckOptions.defaults().withTimeLimit(Duration.ofSeconds(60)).withLog(log), Progress.NONE);
    assertTrue(r.proved().compareTo(BigFraction.of(99, 100)) >= 0, "proved " + r.proved());
    assertEquals(BigFraction.ZERO, r.refuted());
    Replay.Report rep = Replay.replay(ProofLogReader.read(log), Z3Processes.shared(), Duration.ofSeconds(5));
    assertEquals(r.proved(), rep.volume().proved());
  }

  @Test
  void aStepFarBeyondTheConditionIsNeverProved() throws Exception {
    // eta up to 3 with no step condition: GD overshoots and phi grows somewhere on the box.
    String lemma = """
        name: mv-false
        model: scalar
        depth: 3
        variables:
          w1: [1/2, 1]
          w2: [1, 3/2]
          w3: [3/2, 2]
          eta: [1, 3]
        claim: phi(gd(theta)) <= phi(theta)
        """;
    CheckResult r = Checkers.standard().check(CheckerTest.problem(lemma),
        CheckOptions.defaults().withTimeLimit(Duration.ofSeconds(20)).withLog(dir.resolve("f.jsonl")),
        Progress.NONE);
    assertNotEquals(Verdict.PROVED, r.verdict());
    assertEquals(Verdict.REFUTED, r.verdict());
  }
}

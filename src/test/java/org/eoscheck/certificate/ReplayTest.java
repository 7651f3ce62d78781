package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.certificate.CertifiedEvaluator.Form;
import org.eoscheck.certificate.ProofLog.Evidence;
import org.eoscheck.certificate.ProofLog.Factor;
import org.eoscheck.certificate.ProofLog.Leaf;
import org.eoscheck.certificate.ProofLog.Result;
import org.eoscheck.certificate.ProofLog.Sign;
import org.eoscheck.certificate.ProofLog.Status;
import org.eoscheck.certificate.ProofLog.Verdict;
import org.eoscheck.certificate.ProofLog.Volumes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {
  @TempDir
  Path dir;

  private static final SmtOracle.Answer UNSAT = new SmtOracle.Unsat();
  private static final SmtOracle.Answer PAST_BUDGET = new SmtOracle.Unknown(SmtOracle.Unknown.BUDGET);

  /** A fake oracle, in process: answers each query as told and records the queries. */
  static final class FakeOracle implements SmtOracle {
    final Function<String, Answer> answer;
    final List<String> queries = new ArrayList<>();

    FakeOracle(Answer answer) {
      this(query -> answer);
    }

    FakeOracle(Function<String, Answer> answer) {
      this.answer = answer;
    }

    @Override
    public synchronized Answer decide(String smt, Duration budget) {
      queries.add(smt);
      return answer.apply(smt);
    }
  }

  private Replay.Report replay(SampleLog s, SmtOracle oracle) throws IOException, InputException {
    return Replay.replay(ProofLogReader.read(s.write(dir.resolve("log.jsonl"))), oracle,
        Duration.ofSeconds(5));
  }

  private Replay.Report replay(SampleLog s) throws IOException, InputException {
    return replay(s, new FakeOracle(UNSAT));
  }

  private String rejected(SampleLog s) {
    return assertThrows(Rejected.class, () -> replay(s)).getMessage();
  }

  @Test
  void validDepthTwoLogIsProvedWithExactVolumes() throws Exception {
    FakeOracle oracle = new FakeOracle(UNSAT);
    Replay.Report r = replay(SampleLog.valid(), oracle);
    assertEquals(Verdict.PROVED, r.verdict());
    assertEquals(new Volumes(BigFraction.ONE, BigFraction.ZERO, BigFraction.ZERO), r.volume());
    assertEquals(4, r.leaves());
    assertEquals(Map.of("vacuous", 1, "reduction", 3, "interval", 2, "z3", 1), r.evidence());
    assertEquals(1, oracle.queries.size());
    assertTrue(oracle.queries.get(0).contains("(<= (/ 1.0 2.0) |eta|)"), oracle.queries.get(0));
  }

  @Test
  void removedBoxIsAGapNamedWithItsBox() {
    SampleLog s = SampleLog.valid();
    s.leaves.removeIf(l -> l.path().equals("r.1.0"));
    String m = rejected(s);
    assertTrue(m.contains("gap: piece r.1.0 = {w1: [1, 3/2], w2: [1/2, 3/2], eta: [1/10, 1/2]}"), m);
  }

  @Test
  void overlappingBoxesAreRejected() {
    SampleLog s = SampleLog.valid();
    Leaf l = s.leaf("r.1.0");
    s.replace("r.1.0", new Leaf(l.path(), SampleLog.box("1", "3/2", "1/2", "3/2", "1/10", "3/5"),
        l.status(), l.evidence(), 0));
    String m = rejected(s);
    assertTrue(m.contains("r.1.0 and r.1.1 do not split eta at one point") && m.contains("overlap"), m);
  }

  @Test
  void leafInsideAnotherLeafIsAnOverlap() {
    SampleLog s = SampleLog.valid();
    Leaf l = s.leaf("r.0.1");
    s.leaves.add(new Leaf("r.0", SampleLog.box("1/2", "1", "1/2", "3/2", "1/10", "1"), Status.UNKNOWN,
        List.of(), 0));
    assertTrue(rejected(s).contains("leaf r.0 overlaps the leaves below it"), l.path());
  }

  @Test
  void editedBoundIsRejected() {
    SampleLog s = SampleLog.valid();
    Leaf l = s.leaf("r.0.1");
    s.replace("r.0.1", new Leaf(l.path(), SampleLog.box("1/2", "1", "3/4", "7/5", "1/10", "1"),
        l.status(), l.evidence(), 0));
    assertTrue(rejected(s).contains("r.0 and r.1 differ in w1 and w2"));
    SampleLog t = SampleLog.valid();
    t.root = SampleLog.box("1/2", "3/2", "1/2", "3/2", "1/10", "2");
    assertTrue(rejected(t).contains("the leaves under r cover"));
  }

  @Test
  void falseIntervalLeafIsRejected() {
    SampleLog s = new SampleLog();
    s.claim1 = "eta*(w1^2 + w2^2) <= 4";
    s.leaves.addAll(s.standardLeaves());
    Leaf l = s.leaf("r.1.1");
    s.replace("r.1.1", new Leaf(l.path(), l.box(), Status.PROVED,
        List.of(Evidence.reduction(0), Evidence.interval(1, Form.NATURAL)), 0));
    String m = rejected(s);
    assertTrue(m.startsWith("leaf r.1.1: claim 2:") && m.contains("does not certainly hold"), m);
  }

  @Test
  void wrongHashIsRejected() {
    SampleLog s = SampleLog.valid();
    s.lemmaSha256 = ProofLog.sha256(s.lemmaText() + " ");
    assertTrue(rejected(s).contains("lemmaSha256 is not the SHA-256 of lemmaText"));
  }

  @Test
  void bogusReductionIdentityIsRejected() {
    SampleLog s = SampleLog.valid();
    s.constant = "2";
    assertTrue(rejected(s).contains("claim 1 reduction: the identity h = c * prod(factors) fails"));
    SampleLog t = SampleLog.valid();
    t.factors.set(1, Factor.of("eta", 4, Sign.SQUARE));
    assertTrue(rejected(t).contains("the identity h = c * prod(factors) fails"));
    SampleLog u = SampleLog.valid();
    u.factors.set(3, Factor.of("3 - eta^2*(w1*w2 - 1)^2", 1, Sign.OPEN));
    u.residual = "3 - eta^2*(w1*w2 - 1)^2";
    assertTrue(rejected(u).contains("the identity h = c * prod(factors) fails"));
    SampleLog v = SampleLog.valid();
    v.factors.set(0, Factor.of("sqrt(w1^2 - w2^2)", 4, Sign.SQUARE));
    assertTrue(rejected(v).contains("claim 1 reduction: factor 0 (sqrt(w1^2 - w2^2)): not a rational function"));
  }

  @Test
  void wrongSignClaimsAreRejected() {
    SampleLog s = SampleLog.valid();
    s.factors.set(2, Factor.of("w1*w2 - 1", 2, Sign.POSITIVE_ON_ROOT));
    assertTrue(rejected(s).contains("factor 2 (w1*w2 - 1): not certainly > 0 on the root box"));
    SampleLog t = SampleLog.valid();
    t.factors.set(3, Factor.hypothesis("2 - eta^2*(w1*w2 - 1)^2", 1, 0, "-1"));
    assertTrue(rejected(t).contains("(it is 1 times it)"));
    SampleLog u = SampleLog.valid();
    u.factors.set(0, Factor.of("w1^2 - w2^2", 1, Sign.SQUARE));
    assertTrue(rejected(u).contains("an odd power is not a square"));
  }

  @Test
  void residualWithWrongSignIsRejected() {
    SampleLog s = SampleLog.valid();
    s.residual = "-1";
    assertTrue(rejected(s).contains("the residual is not 1 * prod(open factors)"));
  }

  @Test
  void openFactorMovesIntoTheResidual() throws Exception {
    SampleLog s = new SampleLog();
    s.factors.set(3, Factor.of("2 - eta^2*(w1*w2 - 1)^2", 1, Sign.OPEN));
    s.residual = "2 - eta^2*(w1*w2 - 1)^2";
    s.leaves.addAll(s.standardLeaves());
    // method "reduction" needs the residual 1 now
    assertTrue(rejected(s).contains("method reduction needs the residual 1"));
    for (String p : List.of("r.0.1", "r.1.0", "r.1.1")) {
      Leaf l = s.leaf(p);
      s.replace(p, new Leaf(p, l.box(), Status.PROVED,
          List.of(Evidence.interval(0, Form.NATURAL), l.evidence().get(1)), 0));
    }
    assertEquals(Verdict.PROVED, replay(s).verdict());
  }

  @Test
  void counterexampleThatHoldsIsRejected() {
    SampleLog s = SampleLog.valid();
    s.counterexamples.add(SampleLog.counterexample(1, "1", "1", "1/2", "1", "5"));
    s.result = new Result(Verdict.REFUTED, s.result.volume(), 7, 0.5);
    String m = rejected(s);
    assertTrue(m.startsWith("counterexample 1 (claim 2") && m.contains("not a certified violation"), m);
  }

  @Test
  void verifiedCounterexampleRefutes() throws Exception {
    assertEquals(Verdict.REFUTED, replay(SampleLog.refuted()).verdict());
  }

  @Test
  void refutedLeafMustViolateOnTheWholeBox() throws Exception {
    SampleLog s = new SampleLog();
    s.claim1 = "eta*(w1^2 + w2^2) <= 1";
    s.hypotheses.set(1, "w1 + w2 > 1/2");
    Map<String, Bounds> hi = SampleLog.box("1", "3/2", "1/2", "3/2", "1/10", "1");
    Map<String, Bounds> lo = SampleLog.box("1/2", "1", "1/2", "3/2", "1/10", "1");
    s.leaves.add(new Leaf("r.0", lo, Status.UNKNOWN, List.of(), 0));
    s.leaves.add(new Leaf("r.1", hi, Status.REFUTED, List.of(Evidence.violation(1)), 0));
    s.result = new Result(Verdict.UNKNOWN, new Volumes(BigFraction.ZERO, BigFraction.of(1, 2),
        BigFraction.of(1, 2)), 2, 0.1);
    assertTrue(rejected(s).contains("leaf r.1: claim 2 is not certainly violated"));
    s.claim1 = "eta*(w1^2 + w2^2) <= 1/10";
    Replay.Report r = replay(s);
    // a refuted box counts in the refuted volume; the verdict REFUTED needs a counterexample line
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertEquals(BigFraction.of(1, 2), r.volume().refuted());
    s.counterexamples.add(SampleLog.counterexample(1, "3/2", "1", "1", "3.25", "0.1"));
    s.result = new Result(Verdict.REFUTED, s.result.volume(), 2, 0.1);
    assertEquals(Verdict.REFUTED, replay(s).verdict());
  }

  @Test
  void weakRootSignsForNonStrictClaims() throws Exception {
    SampleLog s = SampleLog.valid();
    s.factors.set(1, Factor.of("eta", 2, Sign.NONNEGATIVE_ON_ROOT));
    assertEquals(Verdict.PROVED, replay(s).verdict());
    s.factors.set(1, Factor.of("eta", 2, Sign.NONPOSITIVE_ON_ROOT));
    assertTrue(rejected(s).contains("factor 1 (eta): not certainly <= 0 on the root box"));
    s.factors.set(1, Factor.of("-eta", 2, Sign.NONPOSITIVE_ON_ROOT));
    assertEquals(Verdict.PROVED, replay(s).verdict());
  }

  @Test
  void resultLineMustMatchTheEvidence() {
    SampleLog s = SampleLog.valid();
    s.result = new Result(Verdict.PROVED, new Volumes(BigFraction.of(7, 8), BigFraction.ZERO,
        BigFraction.of(1, 8)), 7, 0.5);
    assertTrue(rejected(s).contains("the result line says PROVED (proved 7/8"));
  }

  @Test
  void tamperedSmtQueryIsRejectedAndSatIsAFailure() throws Exception {
    SampleLog s = SampleLog.valid();
    Leaf l = s.leaf("r.1.1");
    String smt = l.evidence().get(1).smt().replace("(<= (/ 1.0 2.0) |eta|)", "(<= (/ 3.0 4.0) |eta|)");
    s.replace("r.1.1", new Leaf(l.path(), l.box(), l.status(),
        List.of(Evidence.reduction(0), Evidence.z3(1, smt)), 0));
    assertTrue(rejected(s).contains("leaf r.1.1: claim 2: the stored SMT query is not the kernel's"));
    SampleLog t = SampleLog.valid();
    String m = assertThrows(Rejected.class, () -> replay(t, new FakeOracle(new SmtOracle.Sat(Map.of())))).getMessage();
    assertTrue(m.contains("Z3 finds the refutation query satisfiable"), m);
  }

  @Test
  void z3LeafPastItsBudgetIsNotRecheckedAndCountsUnknown() throws Exception {
    // the result line says PROVED: replay does not take its word for the leaf Z3 did not re-check
    Replay.Report r = replay(SampleLog.valid(), new FakeOracle(PAST_BUDGET));
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertEquals(new Volumes(BigFraction.of(13, 18), BigFraction.ZERO, BigFraction.of(5, 18)), r.volume());
    assertEquals(List.of("leaf r.1.1: claim 2 not re-checked: Z3 did not answer within the budget"
        + " of 5 s; its volume counts as unknown"), r.notes());
    Replay.Report starting = replay(SampleLog.valid(),
        new FakeOracle(new SmtOracle.Unknown("budget (Z3 worker still starting)")));
    assertEquals(Verdict.UNKNOWN, starting.verdict());
    assertTrue(starting.notes().get(0).contains("within the budget of 5 s (Z3 worker still starting);"),
        starting.notes().toString());
    Replay.Report crashed = replay(SampleLog.valid(), new FakeOracle(new SmtOracle.Unknown("crash: died")));
    assertEquals(Verdict.UNKNOWN, crashed.verdict());
    assertTrue(crashed.notes().get(0).contains("Z3 gave no verdict (crash: died)"), crashed.notes().toString());
  }

  @Test
  void verdictIsNotProvedWhenAnyLeafIsNotRechecked() throws Exception {
    // two z3 leaves (r.1.0 and r.1.1); Z3 re-checks r.1.0 only
    SampleLog s = SampleLog.valid();
    Leaf l = s.leaf("r.1.0");
    String r10 = Statement.of(s.header()).refutationQuery(1, l.box());
    s.replace("r.1.0", new Leaf(l.path(), l.box(), l.status(),
        List.of(Evidence.reduction(0), Evidence.z3(1, r10)), 0));
    assertEquals(Verdict.PROVED, replay(s, new FakeOracle(UNSAT)).verdict());
    Replay.Report r = replay(s, new FakeOracle(q -> q.equals(r10) ? UNSAT : PAST_BUDGET));
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertEquals(BigFraction.of(5, 18), r.volume().unknown());
    assertEquals(1, r.notes().size(), r.notes().toString());
    assertTrue(r.notes().get(0).startsWith("leaf r.1.1: claim 2 not re-checked"), r.notes().toString());
    assertEquals(Verdict.UNKNOWN, replay(s, new FakeOracle(q -> q.equals(r10) ? PAST_BUDGET : UNSAT)).verdict());
  }

  @Test
  void resultLineIsCheckedEvenWhenALeafIsNotRechecked() {
    SampleLog s = SampleLog.valid();
    s.result = new Result(Verdict.PROVED, new Volumes(BigFraction.of(7, 8), BigFraction.ZERO,
        BigFraction.of(1, 8)), 7, 0.5);
    String m = assertThrows(Rejected.class, () -> replay(s, new FakeOracle(PAST_BUDGET))).getMessage();
    assertTrue(m.contains("the result line says PROVED (proved 7/8"), m);
  }

  @Test
  void missingEvidenceForAClaimIsRejected() {
    SampleLog s = SampleLog.valid();
    Leaf l = s.leaf("r.0.1");
    s.replace("r.0.1", new Leaf(l.path(), l.box(), l.status(), List.of(Evidence.reduction(0)), 0));
    assertTrue(rejected(s).contains("leaf r.0.1: no evidence for claim 2"));
    SampleLog t = SampleLog.valid();
    t.replace("r.0.1", new Leaf(l.path(), l.box(), l.status(), List.of(Evidence.vacuous(1)), 0));
    assertTrue(rejected(t).contains("leaf r.0.1: hypothesis 2 is not certainly false on the box"));
  }

  @Test
  void truncatedLastLineIsIgnored() throws Exception {
    SampleLog s = SampleLog.valid();
    Path p = s.write(dir.resolve("killed.jsonl"));
    Files.writeString(p, "{\"type\":\"leaf\",\"path\":\"r.1", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    assertEquals(Verdict.PROVED, Replay.replay(ProofLogReader.read(p), new FakeOracle(UNSAT),
        Duration.ofSeconds(1)).verdict());
  }

  @Test
  void killedRunWithoutResultIsUnknownWithItsGap() throws Exception {
    SampleLog s = SampleLog.valid();
    s.leaves.removeIf(l -> l.path().startsWith("r.1"));
    s.result = null;
    Replay.Report r = replay(s);
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertEquals(BigFraction.of(1, 2), r.missing());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("piece r.1 = {w1: [1, 3/2]")), r.notes().toString());
  }

  @Test
  void shardAloneIsNeverProved() throws Exception {
    SampleLog s = SampleLog.valid();
    s.shard = "1/2";
    s.leaves.removeIf(l -> l.path().startsWith("r.1"));
    s.result = new Result(Verdict.UNKNOWN, new Volumes(BigFraction.of(1, 2), BigFraction.ZERO,
        BigFraction.ZERO), 3, 0.1);
    Replay.Report r = replay(s);
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertEquals(Verdict.PROVED, r.shardVerdict());
    s.result = new Result(Verdict.UNKNOWN, new Volumes(BigFraction.of(1, 2), BigFraction.ZERO,
        BigFraction.of(1, 2)), 3, 0.1);
    assertEquals(Verdict.UNKNOWN, replay(s).verdict());
    s.result = new Result(Verdict.PROVED, s.result.volume(), 3, 0.1);
    assertTrue(rejected(s).contains("the result line says PROVED"));
  }

  /**
   * The refuted sample with claim 1 replaced by 1/(w1 - w2) <= 5, undefined where w1 = w2, and
   * one counterexample line at (w1, w2, eta), stating {@code undefined} (null: defined and false).
   */
  private static SampleLog undefinedAt(String w1, String w2, String eta, String undefined) {
    SampleLog s = SampleLog.refuted();
    s.claim1 = "1/(w1 - w2) <= 5";
    s.counterexamples.clear();
    ProofLog.Counterexample c = SampleLog.counterexample(1, w1, w2, eta, "1", "5");
    s.counterexamples.add(new ProofLog.Counterexample(1, c.point(),
        undefined == null ? c.lhs() : null, c.rhs(), undefined));
    return s;
  }

  @Test
  void undefinedClaimLineIsWrittenReadAndReplayedAsRefuted() throws Exception {
    SampleLog s = undefinedAt("1", "1", "1/2", "division by 0: w1 - w2 = 0");
    Path file = s.write(dir.resolve("undefined.jsonl"));
    String line = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains("\"counterexample\"")).findFirst().orElseThrow();
    assertTrue(line.contains("\"undefined\":\"division by 0: w1 - w2 = 0\",\"lhs\":null,\"rhs\":[\"5\",\"5\"]"),
        line);
    ProofLog.Counterexample read = ProofLogReader.read(file).counterexamples().get(0);
    assertEquals("division by 0: w1 - w2 = 0", read.undefined());
    assertEquals(null, read.lhs());
    Replay.Report r = replay(s);
    assertEquals(Verdict.REFUTED, r.verdict());
    assertEquals(1, r.counterexamples());
    // the kernel's own line for that point says the same
    Statement st = Statement.of(s.header());
    ProofLog.Counterexample own = st.counterexample(1, s.counterexamples.get(0).point()).orElseThrow();
    assertEquals("division by 0: w1 - w2 = 0", own.undefined());
  }

  @Test
  void undefinedLineMustStateTheKindOfFailureTheKernelFinds() throws Exception {
    // defined and false at w1 = 3/2, w2 = 1 + 1/10 (1/(2/5) = 5/2 <= 5 holds: not even false)
    assertTrue(rejected(undefinedAt("3/2", "11/10", "1", "division by 0"))
        .contains("not a certified violation"));
    // w1 = 1, w2 = 19/20: 1/(1/20) = 20 > 5, defined and false; the line calls it undefined
    assertTrue(rejected(undefinedAt("1", "19/20", "1/2", "division by 0"))
        .contains("the line says the claim is undefined there; it is defined and false"));
    assertEquals(Verdict.REFUTED, replay(undefinedAt("1", "19/20", "1/2", null)).verdict());
    // undefined at w1 = w2 = 1, but the line gives sides of a defined claim
    assertTrue(rejected(undefinedAt("1", "1", "1/2", null))
        .contains("the claim is undefined there (division by 0: w1 - w2 = 0)"));
  }

  @Test
  void pointWhereAHypothesisIsUndefinedIsNoCounterexample() throws Exception {
    SampleLog s = undefinedAt("1", "1", "1/2", "division by 0: w1 - w2 = 0");
    s.hypotheses.set(1, "1/(w1*w2 - 1) >= 0");   // undefined at w1 = w2 = 1
    String m = rejected(s);
    assertTrue(m.contains("not a certified violation: hypothesis 2 undefined: division by 0"), m);
  }
}

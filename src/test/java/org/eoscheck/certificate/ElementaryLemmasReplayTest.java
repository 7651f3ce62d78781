package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.verify.CheckOptions;
import org.eoscheck.verify.CheckResult;
import org.eoscheck.verify.Checkers;
import org.eoscheck.verify.Elaborator;
import org.eoscheck.verify.LemmaLoader;
import org.eoscheck.verify.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lemmas with exp, log, tanh, sin and cos end to end: check proves them and the kernel's replay
 * of the proof log (its own series arithmetic, {@link Elementary}) gives the same verdict and
 * volumes; flipped claims are refuted at points the kernel certifies; an edited claim is
 * rejected. The logistic box is a quarter of x, y in [1/2, 2] and a slice of eta in [1/100, 1/10]
 * (the whole box is proved too, in 67,076 leaves: too many for a unit test).
 */
class ElementaryLemmasReplayTest {
  @TempDir
  Path dir;

  /** Logistic loss of one example with margin x*y: GD decreases it. */
  private static final String LOGISTIC = """
      name: logistic-loss-decreases
      model: custom
      params: [x, y]
      loss: log(1 + exp(-x*y))
      variables:
        x: [1/2, 1]
        y: [1/2, 1]
        eta: [1/20, 1/10]
      claim: loss(gd(theta)) %s loss(theta)
      """;

  /** One tanh unit fitted to 1/2 from above (w > atanh(1/2) = 0.549...): GD decreases the loss. */
  private static final String TANH_UNIT = """
      name: tanh-unit-loss-decreases
      model: custom
      params: [w]
      loss: (tanh(w) - 1/2)^2/2
      variables:
        w: [1, 2]
        eta: [1/100, 1]
      claim: loss(gd(theta)) <= loss(theta)
      """;

  private static final String TANH_BELOW_IDENTITY = """
      name: tanh-below-identity
      model: custom
      params: [x]
      loss: x^2/2
      variables:
        x: [0, 2]
      claim: tanh(x) %s x
      """;

  /** 1 - cos x on (0, pi): a GD step with eta &lt;= 1 moves x to x - eta sin x in [0, x). */
  private static final String COSINE = """
      name: cosine-loss-decreases
      model: custom
      params: [x]
      loss: 1 - cos(x)
      variables:
        x: [1/10, 3]
        eta: [1/100, 1]
      claim: loss(gd(theta)) <= loss(theta)
      """;

  private record Run(CheckResult check, Replay.Report replay, Path log) {}

  private Run run(String name, String yaml) throws Exception {
    Path log = dir.resolve(name + ".jsonl");
    CheckResult r = Checkers.standard().check(Elaborator.elaborate(LemmaLoader.parse(yaml, name + ".yaml")),
        CheckOptions.defaults().withTimeLimit(Duration.ofSeconds(120)).withLog(log), Progress.NONE);
    return new Run(r, replay(log), log);
  }

  private static Replay.Report replay(Path log) throws Exception {
    return Replay.replay(ProofLogReader.read(log), org.eoscheck.smt.Z3Processes.shared(), Duration.ofSeconds(20));
  }

  private static void assertProvedAndReplayed(Run r) {
    assertEquals("PROVED", r.check().verdict().name(), r.check().lemma());
    assertEquals(ProofLog.Verdict.PROVED, r.replay().verdict(), r.check().lemma());
    assertEquals(BigFraction.ONE, r.replay().volume().proved());
    assertTrue(r.replay().notes().isEmpty(), r.replay().notes()::toString);
  }

  @Test
  void logisticLossDecreasesAndTheKernelReplaysEveryLeaf() throws Exception {
    Run r = run("logistic", LOGISTIC.formatted("<="));
    assertProvedAndReplayed(r);
    assertTrue(r.replay().leaves() > 100, "a real tree: " + r.replay().leaves());
    assertEquals(r.replay().leaves(), r.replay().evidence().get("interval"), r.replay().evidence()::toString);
  }

  @Test
  void tanhLemmasAreProvedAndReplayed() throws Exception {
    assertProvedAndReplayed(run("tanh-unit", TANH_UNIT));
    assertProvedAndReplayed(run("tanh-below", TANH_BELOW_IDENTITY.formatted("<=")));
  }

  @Test
  void cosineLossLemmaIsProvedAndReplayed() throws Exception {
    assertProvedAndReplayed(run("cosine", COSINE));
  }

  @Test
  void flippedClaimsAreRefutedAtPointsTheKernelCertifies() throws Exception {
    for (String yaml : new String[] {LOGISTIC.formatted(">="), TANH_BELOW_IDENTITY.formatted(">=")}) {
      Run r = run("flipped", yaml);
      assertEquals("REFUTED", r.check().verdict().name(), yaml);
      assertFalse(r.check().counterexamples().isEmpty());
      assertEquals(ProofLog.Verdict.REFUTED, r.replay().verdict(), yaml);
    }
  }

  @Test
  void aLogWhoseClaimWasEditedIsRejected() throws Exception {
    Run r = run("tanh-below", TANH_BELOW_IDENTITY.formatted("<="));
    String text = Files.readString(r.log(), StandardCharsets.UTF_8);
    String edited = text.replace("\"relation\":\"tanh(x) <= x\"", "\"relation\":\"tanh(x) <= 9/10*x\"");
    assertFalse(edited.equals(text));
    Files.writeString(r.log(), edited, StandardCharsets.UTF_8);
    Rejected e = assertThrows(Rejected.class, () -> replay(r.log()));
    assertTrue(e.getMessage().contains("claim 1") && e.getMessage().contains("lemma text"), e.getMessage());
  }
}

package org.eoscheck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.ProofLog.Verdict;
import org.eoscheck.certificate.ProofLogReader;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.certificate.Replay;
import org.eoscheck.smt.Z3Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lambdaMax for a model with more than two parameters, end to end: proved through the kernel's
 * Rayleigh reduction and replayed; a bound off by 1/100 refuted at an exact point that an
 * independent computation confirms; forged certificates refused by the kernel.
 */
class LambdaMaxLemmasTest {
  @TempDir
  Path dir;

  private static final String MINIMISER = """
      name: %s
      model: scalar
      depth: 3
      variables:
        w1: [1/4, 4]
        w2: [1/4, 4]
        w3: [1/4, 4]
      assume:
        - prod(theta) == 1
      claim: lambdaMax(theta) >= %s
      """;

  private static final String NEAR_IDENTITY = """
      name: %s
      model: linear
      dims: [2, 2, 2]
      variables:
        W1_1_1: [19/20, 21/20]
        W1_1_2: [-1/20, 1/20]
        W1_2_1: [-1/20, 1/20]
        W1_2_2: [19/20, 21/20]
        W2_1_1: [19/20, 21/20]
        W2_1_2: [-1/20, 1/20]
        W2_2_1: [-1/20, 1/20]
        W2_2_2: [19/20, 21/20]
      claim: lambdaMax(theta) <= %s
      """;

  private CheckResult check(String yaml, Path log) throws Exception {
    return Checkers.standard().check(CheckerTest.problem(yaml),
        CheckerTest.quick().withLog(log), Progress.NONE);
  }

  private static Verdict replay(Path log) throws Exception {
    return Verdict.valueOf(Replay.replay(ProofLogReader.read(log), Z3Processes.shared(),
        Duration.ofSeconds(60)).verdict().name());
  }

  @Test
  void minimiserSharpnessAtDepth3IsProvedByARayleighReductionAndReplayed() throws Exception {
    Path log = dir.resolve("m3.jsonl");
    CheckResult r = check(MINIMISER.formatted("m3", "3"), log);
    assertEquals(Verdict.PROVED, r.verdict());
    assertNotNull(r.goals().get(0).reduction(), "reduced by the Rayleigh rule");
    assertTrue(Files.readString(log).contains("\"rayleigh\""));
    assertEquals(Verdict.PROVED, replay(log));
  }

  @Test
  void boundOffByOneHundredthIsRefutedOnTheManifoldAtAnExactPoint() throws Exception {
    CheckResult r = check(MINIMISER.formatted("m3-false", "301/100"), dir.resolve("f.jsonl"));
    assertEquals(Verdict.REFUTED, r.verdict());
    Map<String, BigFraction> p = r.counterexamples().get(0).point();
    BigFraction w1 = p.get("w1");
    BigFraction w2 = p.get("w2");
    BigFraction w3 = p.get("w3");
    assertEquals(BigFraction.ONE, w1.multiply(w2).multiply(w3), "on the manifold pi = 1");
    // There Hess L = g g^T, g = (w2 w3, w1 w3, w1 w2); lambdaMax < 301/100 iff 301/100 I - g g^T is
    // positive definite iff (Sylvester) its leading principal minors are positive; for g g^T
    // those are c^k - c^(k-1) (g_1^2 + ... + g_k^2).
    BigFraction c = BigFraction.of(301, 100);
    List<BigFraction> g = List.of(w2.multiply(w3), w1.multiply(w3), w1.multiply(w2));
    BigFraction partial = BigFraction.ZERO;
    for (int k = 1; k <= 3; k++) {
      partial = partial.add(g.get(k - 1).pow(2));
      BigFraction minor = c.pow(k).subtract(c.pow(k - 1).multiply(partial));
      assertTrue(minor.signum() > 0, "leading minor " + k + " = " + minor);
    }
  }

  @Test
  void stabilityBoundPastTheCriticalStepIsRefuted() throws Exception {
    String yaml = """
        name: s3-false
        model: scalar
        depth: 3
        variables:
          w1: 1
          w2: 1
          w3: 1
          eta: [1/100, 67/100]
        claim: eta*lambdaMax(theta) <= 2
        """;
    CheckResult r = check(yaml, dir.resolve("s.jsonl"));
    assertEquals(Verdict.REFUTED, r.verdict());
    // at w = 1 the Hessian is the all-ones matrix, lambdaMax = 3
    assertTrue(r.counterexamples().get(0).point().get("eta").multiply(3).compareTo(
        BigFraction.of(2)) > 0);
  }

  @Test
  void forgedRayleighMultiplierIsRefusedByTheKernel() throws Exception {
    Path log = dir.resolve("m3.jsonl");
    assertEquals(Verdict.PROVED, check(MINIMISER.formatted("m3", "3"), log).verdict());
    String text = Files.readString(log);
    String forged = text.replaceFirst("\"multiplier\":\"", "\"multiplier\":\"2*");
    assertNotEquals(text, forged);
    Path bad = dir.resolve("forged.jsonl");
    Files.writeString(bad, forged);
    assertRefused(bad);
  }

  @Test
  void forgedIntervalLeafWithAWrongBoundIsRefusedByTheKernel() throws Exception {
    // lambdaMax reaches 2.439... at a corner: 12/5 is false. Forge the refutation into a proof.
    Path log = dir.resolve("l222.jsonl");
    assertEquals(Verdict.REFUTED, check(NEAR_IDENTITY.formatted("l222", "12/5"), log).verdict());
    StringBuilder forged = new StringBuilder();
    for (String line : Files.readAllLines(log)) {
      if (line.contains("\"type\":\"counterexample\"")) {
        continue;
      }
      forged.append(line.replace("\"status\":\"unknown\",\"evidence\":[]",
              "\"status\":\"proved\",\"evidence\":[{\"claim\":0,\"method\":\"interval\",\"form\":\"natural\"}]")
          .replace("\"verdict\":\"REFUTED\",\"volume\":{\"proved\":\"0\",\"refuted\":\"0\",\"unknown\":\"1\"}",
              "\"verdict\":\"PROVED\",\"volume\":{\"proved\":\"1\",\"refuted\":\"0\",\"unknown\":\"0\"}"))
          .append('\n');
    }
    assertTrue(forged.toString().contains("\"method\":\"interval\""), forged.toString());
    Path bad = dir.resolve("forged-leaf.jsonl");
    Files.writeString(bad, forged.toString());
    assertRefused(bad);
  }

  @Test
  void trueBoundNearTheIdentityIsProvedByTheKernelsEnclosures() throws Exception {
    Path log = dir.resolve("l222.jsonl");
    assertEquals(Verdict.PROVED, check(NEAR_IDENTITY.formatted("l222", "11/4"), log).verdict());
    assertEquals(Verdict.PROVED, replay(log));
  }

  private static void assertRefused(Path log) throws Exception {
    try {
      assertNotEquals(Verdict.PROVED, replay(log));
    } catch (Rejected expected) {
      // the kernel names what fails
    }
  }
}

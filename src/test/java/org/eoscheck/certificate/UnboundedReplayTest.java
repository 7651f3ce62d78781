package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.ProofLog.Verdict;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Rel;
import org.junit.jupiter.api.Test;

/**
 * Unbounded boxes in the kernel: the committed certificate of the depth-2 criterion on
 * w1, w2 in [-oo, oo], eta in [0, oo] replays as PROVED; forged variants that cover only a finite
 * part of the root, or split it at an infinite point, are rejected; intervals with infinite ends
 * and the measure after x -&gt; x/(1+|x|) give the right values (and not the wrong ones).
 */
class UnboundedReplayTest {
  private static final Path LOG = Path.of("proofs-log/kreisler-depth2-criterion-unbounded.jsonl");
  private static final SmtOracle NO_Z3 = (smt, budget) -> new SmtOracle.Unknown("no solver in this test");
  private static final MathContext DOWN = new MathContext(40, RoundingMode.FLOOR);
  private static final MathContext UP = new MathContext(40, RoundingMode.CEILING);

  private static Replay.Report replay(String text) throws Exception {
    return Replay.replay(ProofLogReader.read(text, "forged.jsonl"), NO_Z3, Duration.ofSeconds(5));
  }

  private static String genuine() throws Exception {
    return Files.readString(LOG);
  }

  /** The genuine log with its one leaf line replaced by {@code leaves}. */
  private static String withLeaves(String... leaves) throws Exception {
    StringBuilder out = new StringBuilder();
    for (String line : genuine().split("\n")) {
      if (line.startsWith("{\"type\":\"leaf\"")) {
        for (String l : leaves) {
          out.append(l).append('\n');
        }
      } else {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  private static String leaf(String path, String w1, String w2, String eta) {
    return "{\"type\":\"leaf\",\"path\":\"" + path + "\",\"box\":{\"w1\":" + w1 + ",\"w2\":" + w2
        + ",\"eta\":" + eta + "},\"status\":\"proved\",\"evidence\":[{\"claim\":0,\"method\":"
        + "\"reduction\"}],\"ms\":1}";
  }

  private static final String ALL = "[\"-oo\",\"oo\"]";
  private static final String ETA = "[\"0\",\"oo\"]";

  @Test
  void theDepth2CriterionOnTheWholePlaneReplaysAsProved() throws Exception {
    Replay.Report r = replay(genuine());
    assertEquals(Verdict.PROVED, r.verdict());
    assertEquals(BigFraction.ONE, r.volume().proved());
    assertEquals(new Bounds(null, null), r.statement().root().get("w1"));
    assertEquals(new Bounds(BigFraction.ZERO, null), r.statement().root().get("eta"));
  }

  @Test
  void aLeafCoveringOnlyAFiniteBoxIsRejected() throws Exception {
    Rejected e = assertThrows(Rejected.class,
        () -> replay(withLeaves(leaf("r", "[\"-3\",\"3\"]", "[\"-3\",\"3\"]", "[\"0\",\"1\"]"))));
    assertTrue(e.getMessage().contains("is not its piece"), e.getMessage());
  }

  @Test
  void theFinitePartAloneClaimingProvedIsRejected() throws Exception {
    // w1 in [-oo, 1] and [1, 2] proved; the tail [2, oo] has no leaf, but the result line says PROVED
    Rejected e = assertThrows(Rejected.class, () -> replay(withLeaves(
        leaf("r.0", "[\"-oo\",\"1\"]", ALL, ETA), leaf("r.1.0", "[\"1\",\"2\"]", ALL, ETA))));
    assertTrue(e.getMessage().contains("gap") && e.getMessage().contains("r.1.1"), e.getMessage());
  }

  @Test
  void aSplitAtInfinityIsRejected() throws Exception {
    Rejected e = assertThrows(Rejected.class, () -> replay(withLeaves(
        leaf("r.0", ALL, ALL, ETA), leaf("r.1", "[\"-oo\",\"oo\"]", ALL, ETA))));
    assertTrue(e.getMessage().contains("r.0"), e.getMessage());
  }

  @Test
  void anHonestSplitOfTheUnboundedRootReplays() throws Exception {
    Replay.Report r = replay(withLeaves(leaf("r.0", "[\"-oo\",\"1\"]", ALL, ETA),
        leaf("r.1.0", "[\"1\",\"2\"]", ALL, ETA), leaf("r.1.1", "[\"2\",\"oo\"]", ALL, ETA)));
    assertEquals(Verdict.PROVED, r.verdict());
  }

  @Test
  void volumesAreMeasuredAfterTheCompactifyingChangeOfVariables() {
    Map<String, Bounds> root = new LinkedHashMap<>();
    root.put("x", new Bounds(BigFraction.ZERO, null));
    root.put("y", new Bounds(BigFraction.ZERO, BigFraction.of(2)));
    Map<String, Bounds> box = new LinkedHashMap<>();
    box.put("x", new Bounds(BigFraction.ONE, null)); // c(oo) - c(1) = 1 - 1/2
    box.put("y", new Bounds(BigFraction.ZERO, BigFraction.ONE)); // width ratio 1/2
    assertEquals(BigFraction.of(1, 4), Tiling.volume(box, root));
    box.put("x", new Bounds(BigFraction.ZERO, BigFraction.of(3))); // c(3) = 3/4
    assertEquals(BigFraction.of(3, 8), Tiling.volume(box, root));
    assertEquals(BigFraction.of(2), new Bounds(null, null).compactLength());
  }

  @Test
  void intervalsCarryInfiniteEndsAndZeroTimesInfinityIsZero() {
    CertifiedInterval half = new CertifiedInterval(BigDecimal.ZERO, null); // [0, oo]
    CertifiedInterval zero = CertifiedInterval.point(BigDecimal.ZERO);
    CertifiedInterval minusOne = CertifiedInterval.point(BigDecimal.ONE.negate());
    assertEquals(zero, half.multiply(zero, DOWN, UP));
    assertEquals(new CertifiedInterval(null, BigDecimal.ZERO), half.multiply(minusOne, DOWN, UP));
    CertifiedInterval line = half.add(half.negate(), DOWN, UP);
    assertEquals(new CertifiedInterval(null, null), line);
    assertFalse(line.certainly(Rel.GE));
    assertFalse(half.certainlyNot(Rel.GE));
    assertTrue(half.certainly(Rel.GE));
  }

  @Test
  void theKernelEnclosesOnUnboundedBoxes() throws Exception {
    CertifiedEvaluator ev = new CertifiedEvaluator();
    Map<String, Bounds> box = Map.of("x", new Bounds(BigFraction.ONE, null));
    CertifiedInterval r = ev.enclose(ExprParser.parse("1/x + sqrt(x^2 + 4)"), box);
    assertTrue(r.lo().compareTo(BigDecimal.valueOf(2)) >= 0 && r.hi() == null, r.toString());
    // 1/x over [-oo, oo] is possibly undefined: never enclosed
    assertThrows(CertifiedEvaluator.Undefined.class, () -> ev.enclose(
        ExprParser.parse("1/x"), Map.of("x", new Bounds(null, null))));
  }

  @Test
  void theMonotoneFormPinsTheFiniteEndOfAHalfLine() throws Exception {
    CertifiedEvaluator ev = new CertifiedEvaluator();
    CertifiedEvaluator.Differentiated d =
        CertifiedEvaluator.Differentiated.of(ExprParser.parse("exp(x) - x^2"), List.of("x"));
    // on [1, oo] the slope exp(x) - 2x increases from e - 2 > 0: f >= f(1) = e - 1
    CertifiedInterval tail = ev.enclose(CertifiedEvaluator.Form.MONOTONE, d,
        Map.of("x", new Bounds(BigFraction.ONE, null)));
    assertTrue(tail.lo() != null && tail.lo().compareTo(new BigDecimal("1.718")) > 0
        && tail.lo().compareTo(new BigDecimal("1.7183")) < 0 && tail.hi() == null, tail.toString());
    // on [0, oo] the slope's slope exp(x) - 2 changes sign: no lower bound is claimed
    CertifiedInterval whole = ev.enclose(CertifiedEvaluator.Form.MONOTONE, d,
        Map.of("x", new Bounds(BigFraction.ZERO, null)));
    assertEquals(null, whole.lo(), whole.toString());
  }

  @Test
  void z3QueriesAssertOnlyTheFiniteEnds() throws Exception {
    Statement st = Replay.replay(ProofLogReader.read(genuine(), "g"), NO_Z3, Duration.ofSeconds(5))
        .statement();
    String q = st.refutationQuery(0, st.root());
    assertTrue(q.contains("(assert (<= 0.0 |eta|))"), q);
    // a bound on a variable is an assertion (<= a |v|) or (<= |v| b): none for w1 and w2
    assertTrue(q.lines().filter(l -> l.startsWith("(assert (<=") || l.startsWith("(assert (and (<="))
        .noneMatch(l -> l.contains("|w1|") || l.contains("|w2|")), q);
  }
}

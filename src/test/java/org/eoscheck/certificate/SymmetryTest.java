package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.junit.jupiter.api.Test;

/** Invariance under permutations of the coordinates, and the sorted form it licenses. */
class SymmetryTest {
  private static final List<String> W = List.of("w1", "w2", "w3");

  private static boolean invariant(String... texts) throws Exception {
    List<Expr> es = new java.util.ArrayList<>();
    for (String t : texts) {
      es.add(ExprParser.parse(t));
    }
    return Symmetry.invariant(es, W);
  }

  @Test
  void symmetricFunctionsAreRecognised() throws Exception {
    assertTrue(invariant("w1*w2*w3 - 1", "w1^2 + w2^2 + w3^2", "min(max(w1, w2), max(w1, w3), max(w2, w3))",
        "gfsShift(1, w1^2, w2^2, w3^2)"));
  }

  @Test
  void asymmetricFunctionsAreNot() throws Exception {
    assertFalse(invariant("w1 - w2"));
    assertFalse(invariant("w1*w2"));
    assertFalse(invariant("w1^2 + w2^2 + 2*w3^2"));
    // invariant under the swap (1 2) but not under the cycle
    assertFalse(invariant("w1 + w2"));
  }

  private static LemmaSemantics.Meaning meaning(String assume, String claim) throws Exception {
    return LemmaSemantics.of(LemmaSource.parse("name: t\nmodel: scalar\ndepth: 3\nvariables:\n"
        + "  w_i: [1/2, 2]\n  eta: [1/100, 1/2]\nassume:\n  - " + assume + "\nclaim: " + claim + "\n",
        "t.yaml"));
  }

  @Test
  void aSymmetricLemmaWithOrderStatisticsMeansItsSortedForm() throws Exception {
    LemmaSemantics.Meaning m = meaning("eta*(prod(theta) - 1)^2 <= u_(1)*u_(2)",
        "phi(gd(theta)) <= phi(theta)");
    assertEquals(3, m.hypotheses().size(), m.hypotheses().toString());
    assertEquals("w2 - w1 >= 0", m.hypotheses().get(1).text());
    assertFalse(m.hypotheses().get(0).text().contains("min"), m.hypotheses().get(0).text());
  }

  @Test
  void anAsymmetricClaimKeepsTheOrderStatisticsAsWritten() throws Exception {
    LemmaSemantics.Meaning m = meaning("eta <= u_(1)", "coord(gd(theta), 1) <= 2");
    assertEquals(1, m.hypotheses().size());
    assertTrue(m.hypotheses().get(0).text().contains("min"), m.hypotheses().get(0).text());
  }

  @Test
  void anAsymmetricBoxKeepsTheOrderStatisticsAsWritten() throws Exception {
    LemmaSemantics.Meaning m = LemmaSemantics.of(LemmaSource.parse("name: t\nmodel: scalar\n"
        + "depth: 2\nvariables:\n  w1: [1/2, 2]\n  w2: [1/2, 3]\n  eta: [0, 1]\nassume:\n"
        + "  - eta <= u_(1)\nclaim: loss(theta) >= 0\n", "t.yaml"));
    assertEquals(1, m.hypotheses().size());
  }
}

package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Relation;
import org.junit.jupiter.api.Test;

class CounterexampleCheckTest {
  private static CounterexampleCheck.Outcome at(String x, String hypothesis, String claim) throws Exception {
    return CounterexampleCheck.violates(List.of("x"), Map.of("x", SampleLog.q(x)),
        List.of(ExprParser.parseRelation(hypothesis)), ExprParser.parseRelation(claim));
  }

  @Test
  void certifiedVerdictAtAPoint() throws Exception {
    assertTrue(at("1/3", "x >= 0", "3*x < 1").violated());          // 3 * 1/3 = 1: equality fails <
    assertFalse(at("1/3", "x >= 0", "3*x <= 1").violated());        // holds with equality
    assertFalse(at("1/3", "x >= 1", "3*x < 1").violated());         // hypothesis fails
    CounterexampleCheck.Outcome undefined = at("0", "x >= 0", "1/x >= 1"); // claim undefined
    assertTrue(undefined.violated());
    assertEquals("division by 0: x = 0", undefined.undefined());
    assertFalse(at("0", "1/x >= 0", "x > 0").violated());          // hypothesis undefined: never
    CounterexampleCheck.Outcome o = at("2", "x > 0", "sqrt(x) >= 3/2");
    assertTrue(o.violated());
    assertTrue(o.lhs().lo().compareTo(new BigDecimal("1.4142")) > 0
        && o.lhs().hi().compareTo(new BigDecimal("1.4143")) < 0, o.lhs().toString());
    assertEquals(0, o.rhs().lo().compareTo(new BigDecimal("1.5")));
    // x exceeds sqrt 2 by about 6e-62: 40 digits cannot separate them, the retry with 200 can
    String near = "14142135623730950488016887242096980785696718753769480731766798/"
        + "10000000000000000000000000000000000000000000000000000000000000";
    Relation r = ExprParser.parseRelation("sqrt(2) >= x");
    assertTrue(CounterexampleCheck.violates(List.of("x"), Map.of("x", SampleLog.q(near)), List.of(), r)
        .violated());
    String below = near.replace("66798/", "66797/");
    assertFalse(CounterexampleCheck.violates(List.of("x"), Map.of("x", SampleLog.q(below)), List.of(), r)
        .violated());
  }

  @Test
  void statementBuildsTheCounterexampleLineThatReplayAccepts() throws Exception {
    SampleLog s = SampleLog.refuted();
    Statement st = Statement.of(s.header());
    Map<String, org.apache.commons.numbers.fraction.BigFraction> corner =
        Map.of("eta", SampleLog.q("1"), "w2", SampleLog.q("3/2"), "w1", SampleLog.q("3/2"));
    ProofLog.Counterexample c = st.counterexample(1, corner).orElseThrow();
    assertEquals(List.of("w1", "w2", "eta"), List.copyOf(c.point().keySet()));
    assertTrue(c.lhs().contains(org.apache.commons.numbers.fraction.BigFraction.of(9, 2)));
    assertTrue(st.counterexample(0, corner).isEmpty());   // claim 0 holds there
    assertTrue(st.counterexample(1, Map.of("eta", SampleLog.q("1/2"), "w2", SampleLog.q("1"),
        "w1", SampleLog.q("1"))).isEmpty());
  }
}

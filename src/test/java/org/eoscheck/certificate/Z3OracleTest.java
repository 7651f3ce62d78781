package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kernel's queries against the real Z3, in process: true claims unsat, false ones sat. */
class Z3OracleTest {
  private static final Duration BUDGET = Duration.ofSeconds(20);
  private final Z3Oracle z3 = new Z3Oracle();

  private static String query(SampleLog s, int claim, Map<String, Bounds> box) throws Rejected {
    return Statement.of(s.header()).refutationQuery(claim, box);
  }

  @Test
  void trueClaimOnItsLeafIsUnsat() throws Exception {
    SampleLog s = SampleLog.valid();
    String smt = s.leaf("r.1.1").evidence().get(1).smt();
    assertEquals(Optional.of(true), z3.unsat(smt, BUDGET));
  }

  @Test
  void falseClaimIsSat() throws Exception {
    SampleLog s = new SampleLog();
    s.claim1 = "eta*(w1^2 + w2^2) <= 4";
    assertEquals(Optional.of(false), z3.unsat(query(s, 1, s.root), BUDGET));
  }

  @Test
  void reducedClaimWithSqrtDefinednessIsUnsatAndBreaksWithoutTheHypothesis() throws Exception {
    SampleLog s = new SampleLog();
    Map<String, Bounds> box = SampleLog.box("1", "3/2", "1/2", "3/2", "1/2", "1");
    assertEquals(Optional.of(true), z3.unsat(query(s, 0, box), BUDGET));
    // claim 0 proper (sqrt on both sides) without its hypothesis, on a box where eta*|r| > sqrt 2
    SampleLog t = new SampleLog();
    t.hypotheses.set(0, "w1 >= 0");
    t.factors.set(3, ProofLog.Factor.of("2 - eta^2*(w1*w2 - 1)^2", 1, ProofLog.Sign.OPEN));
    t.residual = "2 - eta^2*(w1*w2 - 1)^2";
    t.hypotheses.set(1, "w1 >= 0");
    Map<String, Bounds> far = SampleLog.box("3", "4", "3", "4", "1", "11/10");
    t.root = far;
    assertEquals(Optional.of(false), z3.unsat(query(t, 0, far), BUDGET));
  }

  @Test
  void divisionAndGfsShiftAreEncodedUnderDefinedness() throws Exception {
    // 1/x >= 1 on [1/2, 1]: true; on [1/2, 2]: false; gfsShift(1, x, x) = 1 - x for x in (0, 1)
    String[] claims = {"1/x >= 1", "1/x >= 1", "gfsShift(1, x, x) <= 1 - x + 1/1000",
        "gfsShift(1, x, x) <= 1 - x - 1/1000", "sqrt(x) <= x", "abs(x - 1) <= 1/2",
        "max(x, 1/2) >= 3/4", "min(x, 2*x, 1) == x", "x^(-2) > 1"};
    String[] his = {"1", "2", "1", "1", "1", "1", "1", "1", "1"};
    boolean[] unsat = {true, false, true, false, false, true, false, true, false};
    for (int i = 0; i < claims.length; i++) {
      String text = "name: t\nmodel: custom\nparams: [x]\nloss: x^2\nvariables:\n  x: [1/2, " + his[i]
          + "]\nclaim: \"" + claims[i] + "\"\n";
      String relation = LemmaSemantics.of(LemmaSource.parse(text, "t.yaml")).claims().get(0)
          .relation().text();
      ProofLog.Header h = ProofLog.Header.of("t", "t.yaml", text, "test", "z3", Map.of(),
          java.util.List.of("x"), Map.of("x", new Bounds(SampleLog.q("1/2"), SampleLog.q(his[i]))),
          java.util.List.of(), java.util.List.of(new ProofLog.Claim(claims[i], relation, null)), null);
      Statement st = Statement.of(h);
      assertEquals(Optional.of(unsat[i]), z3.unsat(st.refutationQuery(0, st.root()), BUDGET), claims[i]);
    }
  }
}

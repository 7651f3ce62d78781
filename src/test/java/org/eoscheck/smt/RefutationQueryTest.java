package org.eoscheck.smt;

import static org.eoscheck.smt.Queries.box;
import static org.eoscheck.smt.Queries.query;
import static org.eoscheck.smt.Queries.rel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.Bounds;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.certificate.SampleLog;
import org.eoscheck.certificate.SmtOracle;
import org.eoscheck.certificate.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Encode and solve: true goals must come back unsat, false ones sat with a model that violates the
 * goal when evaluated exactly (independently of Z3), and undefined goals must never be unsat.
 */
class RefutationQueryTest {
  private static final Duration BUDGET = Duration.ofSeconds(20);
  private static Z3Processes z3;

  @BeforeAll
  static void startPool() {
    z3 = new Z3Processes(2);
  }

  @AfterAll
  static void closePool() {
    z3.close();
  }

  private static SmtOracle.Answer solve(String query) {
    return z3.decide(query, BUDGET);
  }

  private static void assertUnsat(String query) {
    assertInstanceOf(SmtOracle.Unsat.class, solve(query), query);
  }

  private static Map<String, BigFraction> assertSat(String query) {
    SmtOracle.Answer a = solve(query);
    assertInstanceOf(SmtOracle.Sat.class, a, query);
    return ((SmtOracle.Sat) a).model();
  }

  /** A sat model of a polynomial query: in the box, hypotheses true, goal false, all exactly. */
  private static void assertRefuted(Map<String, BigFraction[]> box, List<String> hyps, String goal) {
    Map<String, BigFraction> m = assertSat(query(box, hyps, goal));
    box.forEach((x, iv) -> assertTrue(
        iv[0].compareTo(m.get(x)) <= 0 && m.get(x).compareTo(iv[1]) <= 0, x + " outside box: " + m));
    hyps.forEach(h -> assertTrue(ExactValue.holds(rel(h), m), "hypothesis " + h + " fails at " + m));
    assertFalse(ExactValue.holds(rel(goal), m), "goal " + goal + " holds at " + m);
  }

  // ---- depth-2 scalar network: phi decreases iff eta |pi - 1| <= sqrt(2) (shared/maths.md 1) ----

  private static final Map<String, BigFraction[]> DEPTH2 =
      box("w1", "1/2", "2", "w2", "1/2", "2", "eta", "1/10", "2");

  @Test
  void depth2SharpnessDecreaseIsUnsat() {
    assertUnsat(query(DEPTH2, List.of("eta^2*(w1*w2-1)^2 <= 2"),
        "(2 - eta^2*(w1*w2-1)^2) * (w1^2-w2^2)^2 >= 0"));
  }

  @Test
  void depth2WithSlackInTheGoalIsStillTrue() {
    // 2 -> 5/2 in the goal only weakens the goal: 5/2 - X >= 1/2 > 0 when X <= 2. Still unsat.
    assertUnsat(query(DEPTH2, List.of("eta^2*(w1*w2-1)^2 <= 2"),
        "(5/2 - eta^2*(w1*w2-1)^2) * (w1^2-w2^2)^2 >= 0"));
  }

  @Test
  void depth2WithTooWeakHypothesisIsRefuted() {
    assertRefuted(DEPTH2, List.of("eta^2*(w1*w2-1)^2 <= 5/2"),
        "(2 - eta^2*(w1*w2-1)^2) * (w1^2-w2^2)^2 >= 0");
  }

  @Test
  void depth2WithTooStrongGoalIsRefuted() {
    assertRefuted(DEPTH2, List.of("eta^2*(w1*w2-1)^2 <= 2"),
        "(3/2 - eta^2*(w1*w2-1)^2) * (w1^2-w2^2)^2 >= 0");
  }

  @Test
  void exactOneStepIdentityOfDepth2() {
    // phi(GD(w))^2 - phi(w)^2 = b^2 eta^2 r^2 (eta^2 r^2 - 2), phi^2 = b^2 + 4 (shared/maths.md 1).
    String r = "(w1*w2-1)";
    String v1 = "(w1 - eta*" + r + "*w2)";
    String v2 = "(w2 - eta*" + r + "*w1)";
    String lhs = "((" + v1 + "^2-" + v2 + "^2)^2 + 4) - ((w1^2-w2^2)^2 + 4)";
    String rhs = "(w1^2-w2^2)^2*eta^2*" + r + "^2*(eta^2*" + r + "^2 - 2)";
    assertUnsat(query(DEPTH2, List.of(), lhs + " == " + rhs));
    assertRefuted(DEPTH2, List.of(), lhs + " == " + rhs.replace("- 2)", "- 3)"));
  }

  // ---- definedness ----

  @Test
  void sqrtOfPossiblyNegativeIsNotProved() {
    Map<String, BigFraction> m = assertSat(query(box("x", "-1", "1"), List.of(), "sqrt(x) >= 0"));
    assertTrue(m.get("x").signum() < 0, "sqrt(x) is defined at " + m);
    // True wherever defined, so only definedness can refute it.
    m = assertSat(query(box("x", "-1", "1"), List.of(), "0*sqrt(x) == 0"));
    assertTrue(m.get("x").signum() < 0, "sqrt(x) is defined at " + m);
    assertUnsat(query(box("x", "0", "1"), List.of(), "sqrt(x) >= 0"));
    assertUnsat(query(box("x", "0", "4"), List.of(), "sqrt(x)^2 == x"));
    assertUnsat(query(box("x", "1/4", "4"), List.of(), "sqrt(x) <= x + 1/4"));
    assertSat(query(box("x", "1/4", "4"), List.of(), "sqrt(x) <= x"));
  }

  @Test
  void divisionByPossiblyZeroIsNotProved() {
    Map<String, BigFraction> m = assertSat(query(box("x", "-1", "1"), List.of(), "x/x == 1"));
    assertEquals(BigFraction.ZERO, m.get("x"));
    m = assertSat(query(box("x", "-1", "1"), List.of(), "0*(1/x) <= 0"));
    assertEquals(BigFraction.ZERO, m.get("x"));
    assertUnsat(query(box("x", "1/2", "1"), List.of(), "x/x == 1"));
    assertSat(query(box("x", "-1", "1"), List.of(), "x^(-2) > 0"));
    assertUnsat(query(box("x", "1/2", "1"), List.of(), "x^(-2) >= 1"));
    // A point where a hypothesis is undefined does not count against the goal.
    assertUnsat(query(box("x", "-1", "1"), List.of("1/x >= 1"), "x > 0"));
    assertSat(query(box("x", "-1", "1"), List.of("1/x >= 1"), "x > 1"));
    assertSat(query(box("x", "-1", "1"), List.of(), "1/0 == 1/0"));
  }

  @Test
  void absMinMax() {
    assertUnsat(query(box("x", "-2", "3", "y", "-1", "1"), List.of(),
        "abs(x) - abs(y) <= abs(x - y)"));
    assertUnsat(query(box("x", "-2", "3", "y", "-1", "1"), List.of(),
        "min(x, y, 0) <= max(x, y) - abs(0)"));
    assertUnsat(query(box("x", "-2", "3", "y", "-1", "1"), List.of(),
        "min(x, y) + max(x, y) == x + y"));
    Map<String, BigFraction> m = assertSat(query(box("x", "-2", "3", "y", "-1", "1"), List.of(),
        "min(x, y) == x"));
    assertTrue(m.get("y").compareTo(m.get("x")) < 0, m.toString());
    assertSat(query(box("x", "-2", "3"), List.of(), "abs(x) == x"));
  }

  // ---- the gradient-flow solution shift ----

  @Test
  void gfsShiftOfABoxWithProductAtLeastOneIsNonPositive() {
    Map<String, BigFraction[]> b = box("x", "1", "2", "y", "1", "2");
    assertUnsat(query(b, List.of(), "gfsShift(1, x^2, y^2, 1) <= 0"));
    // At x = y = 1 the shift is exactly 0, so it is not negative on the whole box.
    Map<String, BigFraction> m = assertSat(query(b, List.of(), "gfsShift(1, x^2, y^2, 1) < 0"));
    assertEquals(BigFraction.ONE, m.get("x"));
    assertEquals(BigFraction.ONE, m.get("y"));
  }

  @Test
  void gfsSharpnessOfDepth2HasItsClosedForm() {
    // phi = 1/(x^2 + d) + 1/(y^2 + d) = sqrt((x^2 - y^2)^2 + 4) for D = 2 (shared/maths.md 1).
    String d = "gfsShift(1, x^2, y^2)";
    String phi = "(1/(x^2+" + d + ") + 1/(y^2+" + d + "))";
    Map<String, BigFraction[]> b = box("x", "1/2", "2", "y", "1/4", "3");
    assertUnsat(query(b, List.of(), phi + "^2 == (x^2-y^2)^2 + 4"));
    assertSat(query(b, List.of(), phi + "^2 <= (x^2-y^2)^2 + 4 - 1/1000"));
    // Reference value phi(2, 1/2) = 17/4, on a point box.
    assertUnsat(query(box("x", "2", "2", "y", "1/2", "1/2"), List.of(), phi + " == 17/4"));
    assertSat(query(box("x", "2", "2", "y", "1/2", "1/2"), List.of(), phi + " > 17/4"));
  }

  @Test
  void gfsShiftIsUndefinedForNonPositiveTarget() {
    assertSat(query(box("t", "-1", "1", "x", "1", "2"), List.of(), "gfsShift(t, x^2) == t - x^2"));
    assertUnsat(query(box("t", "1/2", "1", "x", "1", "2"), List.of(), "gfsShift(t, x^2) == t - x^2"));
  }

  // ---- models ----

  @Test
  void modelsNameEveryOriginalVariable() {
    // z is declared but free, y boxed but unused: both must still get values.
    Map<String, BigFraction> m = (((SmtOracle.Sat) solve(Queries.query(
        List.of("x", "y"), box("x", "0", "1", "y", "3", "4"), List.of(), rel("x < 1"))))).model();
    assertEquals(BigFraction.ONE, m.get("x"));
    assertTrue(m.get("y").compareTo(BigFraction.of(3)) >= 0, m.toString());
  }

  @Test
  void algebraicModelValuesAreCloseRationalApproximations() {
    SmtOracle.Answer a = solve(query(box("x", "0", "2"), List.of("x*x == 2"), "x <= 1"));
    SmtOracle.Sat s = assertInstanceOf(SmtOracle.Sat.class, a);
    BigFraction x = s.model().get("x");
    BigFraction error = x.multiply(x).subtract(2).abs();
    assertTrue(error.compareTo(BigFraction.of(1, 1_000_000_000).pow(3)) < 0, x.toString());
  }

  // ---- the queries of a lemma's Statement, as replay re-runs them ----

  private static String statementQuery(SampleLog s, int claim, Map<String, Bounds> box) throws Rejected {
    return Statement.of(s.header()).refutationQuery(claim, box);
  }

  @Test
  void trueClaimOnItsLeafIsUnsat() {
    SampleLog s = SampleLog.valid();
    assertUnsat(s.leaf("r.1.1").evidence().get(1).smt());
  }

  @Test
  void falseClaimIsSat() throws Exception {
    SampleLog s = new SampleLog();
    s.claim1 = "eta*(w1^2 + w2^2) <= 4";
    assertSat(statementQuery(s, 1, s.root));
  }

  @Test
  void reducedClaimWithSqrtDefinednessIsUnsatAndBreaksWithoutTheHypothesis() throws Exception {
    SampleLog s = new SampleLog();
    assertUnsat(statementQuery(s, 0, SampleLog.box("1", "3/2", "1/2", "3/2", "1/2", "1")));
    // claim 0 proper (sqrt on both sides) without its hypothesis, on a box where eta*|r| > sqrt 2
    SampleLog t = new SampleLog();
    t.hypotheses.set(0, "w1 >= 0");
    t.factors.set(3, ProofLog.Factor.of("2 - eta^2*(w1*w2 - 1)^2", 1, ProofLog.Sign.OPEN));
    t.residual = "2 - eta^2*(w1*w2 - 1)^2";
    t.hypotheses.set(1, "w1 >= 0");
    Map<String, Bounds> far = SampleLog.box("3", "4", "3", "4", "1", "11/10");
    t.root = far;
    assertSat(statementQuery(t, 0, far));
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
      String relation = org.eoscheck.certificate.LemmaSemantics.of(
          org.eoscheck.certificate.LemmaSource.parse(text, "t.yaml")).claims().get(0).relation().text();
      ProofLog.Header h = ProofLog.Header.of("t", "t.yaml", text, "test", "z3", Map.of(),
          List.of("x"), Map.of("x", new Bounds(SampleLog.q("1/2"), SampleLog.q(his[i]))),
          List.of(), List.of(new ProofLog.Claim(claims[i], relation, null)), null);
      Statement st = Statement.of(h);
      Class<? extends SmtOracle.Answer> expected = unsat[i] ? SmtOracle.Unsat.class : SmtOracle.Sat.class;
      assertEquals(expected, solve(st.refutationQuery(0, st.root())).getClass(), claims[i]);
    }
  }
}

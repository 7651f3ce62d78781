package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eoscheck.InputException;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Fn;
import org.junit.jupiter.api.Test;

/** What lambdaMax(x) and lambdaMin(x) mean: closed forms up to two parameters, eigmax beyond. */
class LambdaMaxSemanticsTest {
  private static Expr claim(String model, String claim) throws InputException {
    String text = "name: t\n" + model + "claim: " + claim + "\n";
    return LemmaSemantics.of(LemmaSource.parse(text, "t.yaml")).claims().get(0).relation().lhs();
  }

  private static final String DEPTH3 = "model: scalar\ndepth: 3\nvariables:\n  w1: [1, 2]\n"
      + "  w2: [1, 2]\n  w3: [1, 2]\n";

  @Test
  void depth3LambdaMaxIsTheTopEigenvalueOfTheHessiansUpperTriangle() throws Exception {
    Expr top = claim(DEPTH3, "lambdaMax(theta) <= 10");
    Expr bottom = claim(DEPTH3, "lambdaMin(theta) <= 10");
    assertTrue(top instanceof Expr.Call c && c.fn() == Fn.EIGMAX && c.args().size() == 6,
        top.text());
    assertTrue(bottom instanceof Expr.Call c && c.fn() == Fn.EIGMIN && c.args().size() == 6,
        bottom.text());
    // entry (1, 1) of Hess L = (w2 w3)^2 at theta
    assertEquals(0, new CertifiedEvaluator().enclose(((Expr.Call) top).args().get(0),
        java.util.Map.of("w1", Bounds.point(org.apache.commons.numbers.fraction.BigFraction.ONE),
            "w2", Bounds.point(org.apache.commons.numbers.fraction.BigFraction.of(2)),
            "w3", Bounds.point(org.apache.commons.numbers.fraction.BigFraction.of(3))))
        .lo().compareTo(java.math.BigDecimal.valueOf(36)));
  }

  @Test
  void twoParametersKeepTheClosedForm() throws InputException {
    Expr e = claim("model: scalar\ndepth: 2\nvariables:\n  w1: [1, 2]\n  w2: [1, 2]\n",
        "lambdaMin(theta) <= 10");
    assertFalse(e.text().contains("eig"), e.text());
    assertTrue(e.text().contains("sqrt"), e.text());
  }

  @Test
  void aHessianThatCannotBeFormedIsBadInputNamingFileAndLine() {
    String text = "name: t\nmodel: custom\nparams: [x, y, z]\nloss: eigmax(x, y, z)\n"
        + "variables:\n  x: [0, 1]\n  y: [0, 1]\n  z: [0, 1]\nclaim: lambdaMax(theta) <= 3\n";
    InputException e = assertThrows(InputException.class,
        () -> LemmaSemantics.of(LemmaSource.parse(text, "t.yaml")));
    assertTrue(e.getMessage().contains("t.yaml:9"), e.getMessage());
    assertTrue(e.getMessage().contains("cannot be formed"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void eigmaxPrintsAndParsesBackToAnEqualTree() throws InputException {
    Expr e = org.eoscheck.expr.ExprParser.parse("eigmax(x, 1/2, y^2) - eigmin(1, x, 2, 0, 3, y)");
    assertEquals(e, org.eoscheck.expr.ExprParser.parse(e.text()));
  }

  @Test
  void eigmaxNeedsATriangularNumberOfArguments() {
    assertThrows(InputException.class, () -> org.eoscheck.expr.ExprParser.parse("eigmax(1, 2)"));
  }
}

package org.eoscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.eoscheck.InputException;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.ExprPrinter;
import org.junit.jupiter.api.Test;

class DeriveCommandTest {
  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static final List<String> TITLES = List.of("loss", "gradient", "Hessian", "GD map",
      "normalised-GD map", "GD on sqrt(L)", "det(I - eta Hess L)", "gradient-flow invariants",
      "one GD step on each invariant", "minimiser manifold", "sharpness lambda_max(Hess L)",
      "infimum of the sharpness", "critical step eta*", "gradient-flow solution",
      "sharpness phi of the gradient-flow solution");

  private static void assertAllItems(CliRun r) {
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    for (String title : TITLES) {
      assertTrue(r.out().contains("\n" + title), "missing '" + title + "' in\n" + r.out());
    }
  }

  @Test
  void theFourAcceptanceModelsPrintEveryItem() {
    CliRun scalar = run("derive", "scalar", "--depth", "3");
    assertAllItems(scalar);
    assertTrue(scalar.out().contains("dL/dw1 = w2*w3*(w1*w2*w3 - 1)"), scalar.out());
    assertTrue(scalar.out().contains("q1 = w1^2 - w2^2"));
    assertTrue(scalar.out().contains("eta* = 2/3"));
    assertTrue(scalar.out().contains("delta* = gfsShift(1, w1^2, w2^2, w3^2)"));
    CliRun two = run("derive", "two-layer", "--width", "2");
    assertAllItems(two);
    assertTrue(two.out().contains("eta* = 1\n"), two.out());
    CliRun linear = run("derive", "linear", "--dims", "2,2,2");
    assertAllItems(linear);
    assertTrue(linear.out().contains("skipped: too large"), linear.out());
    CliRun custom = run("derive", "custom", "--params", "x,y", "--loss", "(1+x^2)*y^2");
    assertAllItems(custom);
    assertTrue(custom.out().contains("none found among 3 candidates"), custom.out());
  }

  @Test
  void symbolicTargets() {
    CliRun scalar = run("derive", "scalar", "--depth", "2", "--target", "y");
    assertEquals(0, scalar.code(), scalar.err());
    assertTrue(scalar.out().contains("M: w1*w2 == y"), scalar.out());
    assertTrue(scalar.out().contains("eta* = 1/abs(y)"), scalar.out());
    CliRun two = run("derive", "two-layer", "--target", "y");
    assertEquals(0, two.code(), two.err());
    assertTrue(two.out().contains("phi = sqrt(4*y^2 + (a1 + b1)^2*(a1 - b1)^2)"), two.out());
  }

  @Test
  void jsonHasEveryItemAsTextAndLatex() throws Exception {
    CliRun r = run("derive", "scalar", "--depth", "2", "--format", "json");
    assertEquals(0, r.code(), r.err());
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertEquals("scalar", root.path("model").path("family").asText());
    List<String> keys = new ArrayList<>();
    int expressions = 0;
    for (JsonNode item : root.path("items")) {
      keys.add(item.path("key").asText());
      for (JsonNode v : item.path("values")) {
        assertFalse(v.path("text").asText().isEmpty());
        assertFalse(v.path("latex").asText().isEmpty());
        if (v.path("expressionSyntax").asBoolean()) {
          String text = v.path("text").asText();
          assertEquals(text, ExprPrinter.print(ExprParser.parse(text)));
          expressions++;
        }
      }
    }
    assertEquals(List.of("model", "loss", "gradient", "hessian", "gd", "ngd", "sqrtgd",
        "gdJacobianDeterminant", "invariants", "invariantSteps", "manifold", "sharpnessOnManifold",
        "infimumSharpness", "criticalStep", "gfs", "gfsSharpness"), keys);
    assertTrue(expressions > 20, "expressions: " + expressions);
    JsonNode det = root.path("items").get(7).path("values").get(0);
    assertEquals("det(I - eta*H)", det.path("label").asText());
    assertEquals(2, root.path("items").get(3).path("matrix").size());
  }

  @Test
  void latexIsAPasteableFragment() {
    CliRun r = run("derive", "two-layer", "--format", "latex");
    assertEquals(0, r.code(), r.err());
    String tex = r.out();
    assertTrue(tex.contains("\\paragraph{Gradient.}"), tex);
    assertTrue(tex.contains("\\begin{pmatrix}"), tex);
    assertEquals(count(tex, "\\begin{align*}"), count(tex, "\\end{align*}"));
    assertEquals(count(tex, "\\left"), count(tex, "\\right"));
    assertEquals(count(tex, "{"), count(tex, "}"), "unbalanced braces");
    assertTrue(tex.contains("\\eta^{*} &= 1"), tex);
    for (String line : tex.split("\n")) {
      assertFalse(line.contains("$"), line);
    }
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
      n++;
    }
    return n;
  }

  private static void assertInputError(String expected, String... args) {
    CliRun r = run(args);
    assertEquals(Main.USAGE, r.code(), r.out() + r.err());
    assertEquals("", r.out());
    String[] lines = r.err().strip().split("\n");
    assertTrue(lines[0].contains(expected), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void badInputIsOneLineAndExitTwo() {
    assertInputError("unknown model 'deep'", "derive", "deep");
    assertInputError("depth must be between 1 and 64, not 0", "derive", "scalar", "--depth", "0");
    assertInputError("depth must be between 1 and 64, not 1000", "derive", "scalar", "--depth", "1000");
    assertInputError("'' is not an int", "derive", "two-layer", "--width", "");
    assertInputError("the loss does not parse: column 4 of 'x +'", "derive", "custom",
        "--params", "x", "--loss", "x +");
    assertInputError("unknown symbol 'z' in the loss", "derive", "custom", "--params", "x,y",
        "--loss", "x*z");
    assertInputError("--format", "derive", "scalar", "--format", "pdf");
    assertInputError("Missing required parameter: 'MODEL'", "derive");
    // the one-line rule: the error of an input mistake is a single line
    assertEquals(1, run("derive", "scalar", "--depth", "0").err().strip().split("\n").length);
  }

  @Test
  void helpAndVersion() throws InputException {
    CliRun help = run("derive", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("--dims"), help.out());
    CliRun version = run("derive", "--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("eoscheck "), version.out());
  }
}

package org.eoscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.ExprParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCommandTest {
  @TempDir
  Path dir;

  private String out = "";
  private String err = "";

  private int run(String... args) {
    CliRun r = CliRun.of(args);
    out = r.out();
    err = r.err();
    return r.code();
  }

  /** The shipped depth-2 lemmas: step-size bound 2 (true) and 21/10 (false). */
  private static final String TRUE_D2 = "examples/depth2-criterion.yaml";
  private static final String FALSE_D2 = "examples/depth2-criterion-loosened.yaml";

  @Test
  void shippedDeepFalseLemmaIsRefutedWithExitThreeAndACertifiedPoint() {
    assertEquals(Main.REFUTED, run("search", "examples/deep-false-lemma.yaml", "--samples", "20000"),
        err);
    String text = out;
    assertTrue(text.startsWith("naive-depth2-criterion-at-depth6 (examples/deep-false-lemma.yaml): REFUTED"),
        text);
    assertTrue(text.contains("counterexample to claim 1 (certified, found by "), text);
    assertTrue(text.contains("): {w1="), text);
    assertTrue(text.contains("lhs in ["), text);
  }

  @Test
  void trueLemmaIsNeverProvedOnlyUnknownWithExitFour() throws Exception {
    assertEquals(Main.UNKNOWN, run("search", TRUE_D2, "--samples", "5000"), err);
    String text = out;
    assertTrue(text.contains(": UNKNOWN"), text);
    assertFalse(text.contains("PROVED"), text);
    assertTrue(text.contains("worst margin"), text);
  }

  @Test
  void jsonHasVerdictExactPointSamplesMarginSecondsAndSeed() throws Exception {
    assertEquals(Main.REFUTED, run("search", FALSE_D2, "--samples", "5000",
        "--seed", "9", "--json"), err);
    JsonNode o = new ObjectMapper().readTree(out);
    assertEquals("kreisler-depth2-criterion-loosened", o.get("lemma").asText());
    assertEquals("REFUTED", o.get("verdict").asText());
    assertEquals(9, o.get("seed").asLong());
    assertTrue(o.get("samples").asLong() >= 5000);
    assertTrue(o.get("worstMargin").asDouble() > 0);
    assertTrue(o.has("seconds"));
    JsonNode p = o.get("counterexample").get("point");
    BigFraction w1 = ExprParser.parseRational(p.get("w1").asText());
    BigFraction w2 = ExprParser.parseRational(p.get("w2").asText());
    BigFraction eta = ExprParser.parseRational(p.get("eta").asText());
    // hypothesis holds, and phi^2 = (w1^2 - w2^2)^2 + 4 increases under one GD step
    BigFraction r = w1.multiply(w2).subtract(1);
    assertTrue(eta.pow(2).multiply(r.pow(2)).compareTo(BigFraction.of(21, 10)) <= 0);
    BigFraction v1 = w1.subtract(eta.multiply(r).multiply(w2));
    BigFraction v2 = w2.subtract(eta.multiply(r).multiply(w1));
    assertTrue(v1.pow(2).subtract(v2.pow(2)).pow(2).compareTo(w1.pow(2).subtract(w2.pow(2)).pow(2)) > 0);

    assertEquals(Main.UNKNOWN, run("search", TRUE_D2, "--samples", "2000", "--json"));
    o = new ObjectMapper().readTree(out);
    assertEquals("UNKNOWN", o.get("verdict").asText());
    assertTrue(o.get("counterexample").isNull());
  }

  @Test
  void sameSeedSameOutputApartFromTheTime() throws Exception {
    String f = FALSE_D2;
    run("search", f, "--samples", "3000", "--seed", "5", "--json");
    String a = out.replaceAll("\"seconds\":[0-9.E-]+", "");
    run("search", f, "--samples", "3000", "--seed", "5", "--json");
    String b = out.replaceAll("\"seconds\":[0-9.E-]+", "");
    assertEquals(a, b);
  }

  @Test
  void badInputExitsTwoWithAOneLineMessage() throws Exception {
    assertEquals(Main.USAGE, run("search", dir.resolve("missing.yaml").toString()));
    assertTrue(err.contains("missing.yaml"), err);
    assertEquals(Main.USAGE, run("search", TRUE_D2, "--samples", "0"));
    assertTrue(err.contains("--samples"), err);
    assertEquals(Main.USAGE, run("search", TRUE_D2, "--time-limit", "-1"));
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: x\nmodel: scalar\ndepth: 2\n"
        + "variables:\n  w1: [0, 1]\n  w2: [0, 1]\nclaim: nosuch(w1) <= 1\n");
    assertEquals(Main.USAGE, run("search", bad.toString()));
    assertTrue(err.startsWith("eoscheck: "), err);
  }

  @Test
  void aModelWhoseGradientDescentDivergesEverywhereReportsTheRunsNotACrash() throws Exception {
    Path f = dir.resolve("quartic.yaml");
    Files.writeString(f, "name: quartic\nmodel: custom\nparams: [x]\nloss: x^4\nvariables:\n"
        + "  x: [1, 2]\n  eta: [9, 10]\nclaim: loss(gd(theta)) >= 0\n");
    assertEquals(Main.UNKNOWN, run("search", f.toString(), "--samples", "500", "--no-z3",
        "--trajectories", "16", "--steps", "50"), err);
    // 16 runs from Sobol points, then one from each of the sampler's best points
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("trajectories: (\\d+) runs of gd, 50 steps each;.*; all (\\d+) diverged").matcher(out);
    assertTrue(m.find(), out);
    assertEquals(m.group(1), m.group(2));
    assertTrue(Integer.parseInt(m.group(1)) >= 16, out);
  }

  @Test
  void aTrajectoryCounterexampleNamesItsRunStepAndStart() throws Exception {
    // a stability claim on prod(theta) == 1: the runs come first and find it
    assertEquals(Main.REFUTED, run("search",
        "bench/lemmas/trajectories/stability-on-minimisers-depth6.yaml", "--no-z3", "--json",
        "--trajectories", "32", "--jobs", "2"), err);
    JsonNode o = new ObjectMapper().readTree(out);
    JsonNode cx = o.get("counterexample");
    assertTrue(cx.get("source").asText().matches("trajectory \\d+ \\(gd, from a .*\\) at step \\d+"),
        cx.toString());
    assertTrue(cx.get("trajectoryStart").get("point").has("w1"), cx.toString());
    assertEquals(32, o.get("trajectories").get("runs").asInt());
    BigFraction pi = BigFraction.ONE;
    for (int i = 1; i <= 6; i++) {
      pi = pi.multiply(ExprParser.parseRational(cx.get("point").get("w" + i).asText()));
    }
    assertEquals(BigFraction.ONE, pi);
  }

  @Test
  void negativeTrajectoriesAreBadInput() {
    assertEquals(Main.USAGE, run("search", TRUE_D2, "--trajectories", "-1"), err);
    assertTrue(err.contains("--trajectories"), err);
  }

  @Test
  void aFamilyIsSearchedMemberByMember() {
    CliRun r = CliRun.of("search", "src/test/resources/families/product-bound.yaml",
        "--samples", "2000", "--time-limit", "20");
    assertEquals(Main.REFUTED, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("product-bound-depth2 ") && r.out().contains(": UNKNOWN"), r.out());
    assertTrue(r.out().contains("product-bound-depth3 ") && r.out().contains(": REFUTED"), r.out());
  }
}

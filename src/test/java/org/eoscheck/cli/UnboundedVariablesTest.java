package org.eoscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.ExprParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lemmas on unbounded boxes through the real command line: the depth-2 criterion on the whole
 * (w1, w2)-plane and every eta &gt;= 0 is PROVED and its log replays; a lemma false only beyond
 * x = 1000 is REFUTED at an exact point there, and its log replays as REFUTED; a lemma whose tail
 * nothing closes is UNKNOWN with the tail's share in the stated measure, never PROVED.
 */
class UnboundedVariablesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private Path lemma(String name, String variables, String claim) throws Exception {
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(f, "name: " + name + "\nmodel: custom\nparams: [x]\nloss: x^2\nvariables:\n  x: "
        + variables + "\nclaim: " + claim + "\n");
    return f;
  }

  @Test
  void theDepth2CriterionOnTheWholePlaneIsProvedAndReplays() throws Exception {
    Path log = dir.resolve("d2.jsonl");
    CliRun check = CliRun.of("check", "--json", "--log", log.toString(),
        "theorems/kreisler2023/depth2-criterion-unbounded.yaml");
    assertEquals(Main.OK, check.code(), check.out() + check.err());
    assertEquals("1", JSON.readTree(check.out().trim()).get("volumeExact").get("proved").asText());
    assertTrue(Files.readString(log).contains("\"w1\":[\"-oo\",\"oo\"]"));
    CliRun replay = CliRun.of("replay", log.toString());
    assertEquals(Main.OK, replay.code(), replay.out() + replay.err());
    assertTrue(replay.out().contains("w1: [-oo, oo]"), replay.out());
  }

  @Test
  void aTailClosesByTheMonotoneFormOfItsSlope() throws Exception {
    // exp(x) - x^2 on [1, oo]: its slope exp(x) - 2x has no sign by its natural enclosure, but
    // increases (exp(x) - 2 >= e - 2), so the slope is >= e - 2 and the difference >= e - 1
    Path log = dir.resolve("exp.jsonl");
    CliRun check = CliRun.of("check", "--json", "--no-z3", "--log", log.toString(),
        lemma("exp", "[0, oo]", "exp(x) >= x^2").toString());
    assertEquals(Main.OK, check.code(), check.out() + check.err());
    assertTrue(Files.readString(log).contains("\"x\":[\"1\",\"oo\"]},\"status\":\"proved\""));
    CliRun replay = CliRun.of("replay", log.toString());
    assertEquals(Main.OK, replay.code(), replay.out() + replay.err());
  }

  @Test
  void aCounterexampleFarOutIsExactAndReplays() throws Exception {
    Path log = dir.resolve("far.jsonl");
    CliRun check = CliRun.of("check", "--json", "--log", log.toString(),
        lemma("far", "[0, oo]", "x*(x - 1000) <= 0").toString());
    assertEquals(Main.REFUTED, check.code(), check.out() + check.err());
    JsonNode point = JSON.readTree(check.out().trim()).get("counterexample").get("point");
    BigFraction x = ExprParser.parseRational(point.get("x").asText());
    assertTrue(x.compareTo(BigFraction.of(1000)) > 0, "x = " + x);
    CliRun replay = CliRun.of("replay", log.toString());
    assertEquals(Main.REFUTED, replay.code(), replay.out() + replay.err());
  }

  @Test
  void aTailNothingClosesStaysUnknownWithItsShare() throws Exception {
    // true (x^3 + 1 - x^2 sin(x) >= x^3 - x^2 + 1 > 0), but on a tail [a, oo] neither the
    // enclosures of the difference nor of its first two slopes have a sign (x^2 sin(x) spans
    // [-oo, oo]), and Z3 is off: the tail beyond the minimum width is UNKNOWN, with its share
    // after x -> x/(1+|x|): [64, oo] is 1/65
    Path log = dir.resolve("tail.jsonl");
    CliRun check = CliRun.of("check", "--json", "--time-limit", "20", "--min-width", "1/64",
        "--no-z3", "--log", log.toString(), lemma("tail", "[0, oo]", "x^2*sin(x) <= x^3 + 1").toString());
    assertEquals(Main.UNKNOWN, check.code(), check.out() + check.err());
    JsonNode j = JSON.readTree(check.out().trim());
    assertEquals("1/65", j.get("volumeExact").get("unknown").asText(), j.toString());
    assertTrue(Files.readString(log).contains("\"x\":[\"64\",\"oo\"]},\"status\":\"unknown\""));
    CliRun replay = CliRun.of("replay", log.toString());
    assertEquals(Main.UNKNOWN, replay.code(), replay.out() + replay.err());
    assertTrue(replay.out().contains("unknown 1/65"), replay.out());
  }
}

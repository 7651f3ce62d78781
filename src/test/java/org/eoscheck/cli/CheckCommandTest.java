package org.eoscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** check's exit codes and output, through the real command line. */
class CheckCommandTest {
  @Test
  void provedExitsZeroWithJsonVolumes() throws Exception {
    CliRun r = CliRun.of("check", "--no-log", "--json", "examples/depth2-criterion.yaml");
    assertEquals(Main.OK, r.code());
    JsonNode j = new ObjectMapper().readTree(r.out().trim());
    assertEquals("PROVED", j.get("verdict").asText());
    assertEquals(1.0, j.get("volume").get("proved").asDouble());
    assertEquals("1", j.get("volumeExact").get("proved").asText());
  }

  @Test
  void refutedExitsThreeWithAnExactPoint() throws Exception {
    CliRun r = CliRun.of("check", "--no-log", "--json", "examples/depth2-criterion-loosened.yaml");
    assertEquals(Main.REFUTED, r.code());
    JsonNode j = new ObjectMapper().readTree(r.out().trim());
    assertEquals("REFUTED", j.get("verdict").asText());
    assertTrue(j.get("counterexample").get("point").get("w1").asText().matches("-?\\d+(/\\d+)?"));
    assertTrue(!r.err().contains("expected"), "the file expects REFUTED: " + r.err());
  }

  @Test
  void aVerdictOtherThanTheFilesExpectationIsReported() throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("expects-proved", ".yaml");
    java.nio.file.Files.writeString(f, java.nio.file.Files.readString(
        java.nio.file.Path.of("examples/depth2-criterion-loosened.yaml"))
        .replace("expect: REFUTED", "expect: PROVED"));
    CliRun r = CliRun.of("check", "--no-log", f.toString());
    assertEquals(Main.REFUTED, r.code());
    assertTrue(r.err().contains("expected PROVED, got REFUTED"), r.err());
  }

  @Test
  void aBadFileGetsOneLineAndExitTwoButTheOthersAreChecked() {
    CliRun r = CliRun.of("check", "--no-log", "src/test/resources/lemmas/bad/inverted-box.yaml",
        "examples/depth2-criterion.yaml");
    assertEquals(Main.USAGE, r.code());
    assertTrue(r.err().contains("inverted-box.yaml:6: variable 'w1'"), r.err());
    assertEquals(1, r.err().trim().lines().count(), r.err());
    assertTrue(r.out().contains("PROVED"));
  }

  @Test
  void badOptionsExitTwo() {
    for (String[] args : new String[][] {{"check", "--shard", "5/4", "examples/depth2-criterion.yaml"},
        {"check", "--min-width", "0", "examples/depth2-criterion.yaml"},
        {"check", "--pieces", "6", "examples/depth2-criterion.yaml"}, {"check"}}) {
      assertEquals(Main.USAGE, CliRun.of(args).code(), String.join(" ", args));
    }
  }
}

package org.eoscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** check's exit codes and output, through the real command line. */
class CheckCommandTest {
  private String out = "";
  private String err = "";

  private int run(String... args) {
    CliRun r = CliRun.of(args);
    out = r.out();
    err = r.err();
    return r.code();
  }

  @Test
  void provedExitsZeroWithJsonVolumes() throws Exception {
    assertEquals(Main.OK, run("check", "--no-log", "--json", "examples/depth2-criterion.yaml"));
    JsonNode j = new ObjectMapper().readTree(out.trim());
    assertEquals("PROVED", j.get("verdict").asText());
    assertEquals(1.0, j.get("volume").get("proved").asDouble());
    assertEquals("1", j.get("volumeExact").get("proved").asText());
  }

  @Test
  void refutedExitsThreeWithAnExactPoint() throws Exception {
    assertEquals(Main.REFUTED, run("check", "--no-log", "--json",
        "examples/depth2-criterion-loosened.yaml"));
    JsonNode j = new ObjectMapper().readTree(out.trim());
    assertEquals("REFUTED", j.get("verdict").asText());
    assertTrue(j.get("counterexample").get("point").get("w1").asText().matches("-?\\d+(/\\d+)?"));
  }

  @Test
  void aBadFileGetsOneLineAndExitTwoButTheOthersAreChecked() {
    int code = run("check", "--no-log", "src/test/resources/lemmas/bad/inverted-box.yaml",
        "examples/depth2-criterion.yaml");
    assertEquals(Main.USAGE, code);
    assertTrue(err.contains("inverted-box.yaml:6: variable 'w1'"), err);
    assertEquals(1, err.trim().lines().count(), err);
    assertTrue(out.contains("PROVED"));
  }

  @Test
  void badOptionsExitTwo() {
    assertEquals(Main.USAGE, run("check", "--shard", "5/4", "examples/depth2-criterion.yaml"));
    assertEquals(Main.USAGE, run("check", "--min-width", "0", "examples/depth2-criterion.yaml"));
    assertEquals(Main.USAGE, run("check", "--pieces", "6", "examples/depth2-criterion.yaml"));
    assertEquals(Main.USAGE, run("check"));
  }
}

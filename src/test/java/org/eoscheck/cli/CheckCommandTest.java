package org.eoscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void aFamilyIsDecidedMemberByMemberWithOneTableAndTheWorstExitCode() throws Exception {
    CliRun r = CliRun.of("check", "--no-log", "src/test/resources/families/product-bound.yaml");
    assertEquals(Main.REFUTED, r.code(), r.out() + r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("product-bound-depth2\\s+PROVED\\s+100%.*")),
        r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("product-bound-depth3\\s+REFUTED.*")),
        r.out());
    CliRun j = CliRun.of("check", "--no-log", "--json", "src/test/resources/families/product-bound.yaml");
    List<String> lines = j.out().strip().lines().toList();
    JsonNode table = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertEquals(2, table.get("members").size());
    assertEquals("PROVED", table.get("members").get(0).get("verdict").asText());
    assertEquals("REFUTED", table.get("members").get(1).get("verdict").asText());
  }

  @Test
  void familyMembersAreProvedAndTheirLogsReplayAgainstTheFamilyFile(@TempDir Path dir)
      throws Exception {
    String file = "src/test/resources/families/loss-identity.yaml";
    CliRun r = CliRun.of("check", "--log", dir.toString(), file);
    assertEquals(Main.OK, r.code(), r.out() + r.err());
    for (int depth = 2; depth <= 4; depth++) {
      Path log = dir.resolve("loss-identity-depth" + depth + ".jsonl");
      CliRun replay = CliRun.of("replay", log.toString(), "--lemma", file);
      assertEquals(Main.OK, replay.code(), replay.out() + replay.err());
    }
    CliRun one = CliRun.of("check", "--log", dir.resolve("x.jsonl").toString(), file);
    assertEquals(Main.USAGE, one.code(), "one .jsonl file cannot hold a family: " + one.out());
  }

  @Test
  void aLogWhoseMemberNameIsForgedIsRefused(@TempDir Path dir) throws Exception {
    String file = "src/test/resources/families/product-bound.yaml";
    CliRun r = CliRun.of("check", "--log", dir.toString(), file);
    assertEquals(Main.REFUTED, r.code());
    // The depth-2 certificate (PROVED) relabelled as the depth-3 member: the kernel derives the
    // depth-3 statement from the text, which the depth-2 proof does not prove.
    Path log = dir.resolve("product-bound-depth2.jsonl");
    String forged = Files.readString(log).replace("\"lemma\":\"product-bound-depth2\"",
        "\"lemma\":\"product-bound-depth3\"");
    Path f = dir.resolve("forged.jsonl");
    Files.writeString(f, forged);
    CliRun replay = CliRun.of("replay", f.toString());
    assertEquals(Main.USAGE, replay.code(), replay.out() + replay.err());
  }

  @Test
  void aFamilyOverALayerWidthOfALinearNetworkNamesItsMembersByTheirDims() throws Exception {
    CliRun r = CliRun.of("check", "--no-log", "src/test/resources/families/linear-loss.yaml");
    assertEquals(Main.OK, r.code(), r.out() + r.err());
    for (String member : List.of("linear-loss-dims1-1-1", "linear-loss-dims1-2-1",
        "linear-loss-dims1-3-1")) {
      assertTrue(r.out().lines().anyMatch(l -> l.matches(member + "\\s+PROVED.*")), r.out());
    }
  }

  @Test
  void aSymmetricLemmaSaysItWasDecidedOnTheSortedRegion() {
    CliRun r = CliRun.of("check", "--no-log", "src/test/resources/families/smallest-square.yaml");
    assertEquals(Main.OK, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("symmetric in w1, ..., w2: decided where u_1 <= ... <= u_2"), r.out());
    CliRun plain = CliRun.of("check", "--no-log", "examples/depth2-criterion.yaml");
    assertTrue(!plain.out().contains("symmetric in"), plain.out());
  }
}

package org.eoscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eoscheck.certificate.CertifiedEvaluator.Form;
import org.eoscheck.certificate.ProofLog.Evidence;
import org.eoscheck.certificate.ProofLog.Leaf;
import org.eoscheck.certificate.ProofLog.Status;
import org.eoscheck.certificate.SampleLog;
import org.eoscheck.smt.Queries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  /** The sample without its z3 leaf (r.1.1 closed by the combined form instead). */
  private static SampleLog withoutZ3() {
    SampleLog s = SampleLog.valid();
    Leaf l = s.leaf("r.1.1");
    s.replace("r.1.1", new Leaf(l.path(), l.box(), Status.PROVED,
        List.of(Evidence.reduction(0), Evidence.interval(1, Form.COMBINED)), 0));
    return s;
  }

  @Test
  void provedLogExitsZeroAndPrintsVerdictAndVolumes() throws Exception {
    Path log = withoutZ3().write(dir.resolve("ok.jsonl"));
    assertEquals(Main.OK, run("replay", log.toString()), err.toString());
    String text = out.toString();
    assertTrue(text.contains("verdict:    PROVED"), text);
    assertTrue(text.contains("volume:     proved 1, refuted 0, unknown 0"), text);
    assertTrue(text.contains("claim 2:    eta*(w1^2 + w2^2) <= 5"), text);
  }

  @Test
  void jsonReport() throws Exception {
    Path log = withoutZ3().write(dir.resolve("ok.jsonl"));
    assertEquals(Main.OK, run("replay", log.toString(), "--json"));
    JsonNode o = new ObjectMapper().readTree(out.toString());
    assertEquals("PROVED", o.get("verdict").asText());
    assertEquals("1", o.get("volume").get("proved").asText());
    assertEquals(4, o.get("leaves").asInt());
  }

  @Test
  void tamperedLogExitsTwoNamingTheLeaf() throws Exception {
    SampleLog s = withoutZ3();
    s.claim1 = "eta*(w1^2 + w2^2) <= 4";
    Path log = s.write(dir.resolve("bad.jsonl"));
    assertEquals(Main.USAGE, run("replay", log.toString()));
    assertTrue(err.toString().contains("leaf r.1.1: claim 2:"), err.toString());
    assertEquals(Main.USAGE, run("replay", log.toString(), "--json"));
    assertTrue(out.toString().contains("\"ok\":false"), out.toString());
  }

  @Test
  void malformedAndMissingLogsExitTwo() throws Exception {
    Path log = dir.resolve("junk.jsonl");
    Files.writeString(log, "{\"type\":\"header\"}\n{}\n");
    assertEquals(Main.USAGE, run("replay", log.toString()));
    assertTrue(err.toString().contains("junk.jsonl:1: missing field"), err.toString());
    assertEquals(Main.USAGE, run("replay", dir.resolve("none.jsonl").toString()));
    assertTrue(err.toString().contains("no such file"), err.toString());
  }

  @Test
  void refutedExitsThreeAndUnfinishedExitsFour() throws Exception {
    SampleLog s = SampleLog.refuted();
    assertEquals(Main.REFUTED, run("replay", s.write(dir.resolve("refuted.jsonl")).toString()));
    SampleLog killed = withoutZ3();
    killed.leaves.remove(3);
    killed.result = null;
    assertEquals(Main.UNKNOWN, run("replay", killed.write(dir.resolve("killed.jsonl")).toString()));
    assertTrue(out.toString().contains("piece r.1.1 = {w1: [1, 3/2], w2: [1/2, 3/2], eta: [1/2, 1]}"),
        out.toString());
  }

  @Test
  void z3LeafIsReplayedByTheWorkerProcesses() throws Exception {
    Path log = SampleLog.valid().write(dir.resolve("z3.jsonl"));
    assertEquals(Main.OK, run("replay", log.toString(), "--budget", "30"), out + "\n" + err);
    assertTrue(out.toString().contains("z3 1"), out.toString());
  }

  @Test
  void hardZ3LeafPastItsBudgetEndsUnknownInBoundedTime() throws Exception {
    // Z3 does not settle this query in 20 s; the log claims PROVED by it. The bound is generous:
    // it only turns a hang into a failure.
    Path log = Queries.hardDepth3Log(dir.resolve("hard.jsonl"));
    int exit = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> run("replay", log.toString(), "--budget", "1"));
    assertEquals(Main.UNKNOWN, exit, out + "\n" + err);
    String text = out.toString();
    assertTrue(text.contains("volume:     proved 0, refuted 0, unknown 1"), text);
    assertTrue(text.contains("note:       leaf r: claim 1 not re-checked: Z3 did not answer within"
        + " the budget of 1 s"), text);
  }

  @Test
  void badOptionsAndUnreadableFilesExitTwoWithOneLineNamingThem() throws Exception {
    Path log = withoutZ3().write(dir.resolve("ok.jsonl"));
    Path missing = dir.resolve("missing.yaml");
    assertEquals(Main.USAGE, run("replay", log.toString(), "--lemma", missing.toString()));
    assertEquals("eoscheck replay: " + log + ": " + missing + ": cannot read the lemma file: no such file",
        err.toString().strip());
    assertEquals(Main.USAGE, run("replay", log.toString(), "--lemma", dir.toString()));
    assertTrue(err.toString().contains(dir + ": cannot read the lemma file"), err.toString());
    assertEquals(Main.USAGE, run("replay", dir.toString()));
    assertTrue(err.toString().contains("eoscheck replay: " + dir + ": " + dir + ": "), err.toString());
    Path gz = dir.resolve("broken.jsonl.gz");
    Files.write(gz, new byte[] {0x1f, (byte) 0x8b, 8, 0});
    assertEquals(Main.USAGE, run("replay", gz.toString()));
    assertTrue(err.toString().contains(gz + ": truncated"), err.toString());
    for (String budget : List.of("0", "-1", "NaN")) {
      assertEquals(Main.USAGE, run("replay", log.toString(), "--budget", budget), budget);
    }
    assertTrue(err.toString().contains("--budget must be positive"), err.toString());
    assertEquals(Main.OK, run("replay", log.toString(), "--budget", "0.5"));
  }

  @Test
  void lemmaFileMustMatchTheLog() throws Exception {
    Path log = withoutZ3().write(dir.resolve("ok.jsonl"));
    Path lemma = dir.resolve("sample.yaml");
    Files.writeString(lemma, withoutZ3().lemmaText());
    assertEquals(Main.OK, run("replay", log.toString(), "--lemma", lemma.toString()));
    Files.writeString(lemma, withoutZ3().lemmaText() + "# edited\n");
    assertEquals(Main.USAGE, run("replay", log.toString(), "--lemma", lemma.toString()));
  }

  @Test
  void mergeJoinsShardsAndNamesAMissingOne() throws Exception {
    Path[] shards = new Path[2];
    for (int i = 1; i <= 2; i++) {
      SampleLog s = withoutZ3();
      s.shard = i + "/2";
      String prefix = "r." + (i - 1);
      s.leaves.removeIf(l -> !l.path().startsWith(prefix));
      s.result = null;
      shards[i - 1] = s.write(dir.resolve("shard" + i + ".jsonl"));
    }
    Path merged = dir.resolve("merged.jsonl");
    assertEquals(Main.OK, run("merge", shards[0].toString(), shards[1].toString(), "--out", merged.toString()));
    assertEquals(Main.OK, run("replay", merged.toString()));
    assertEquals(Main.USAGE, run("merge", shards[1].toString(), "--out", dir.resolve("m2").toString()));
    assertTrue(err.toString().contains("piece r.0 = {w1: [1/2, 1]"), err.toString());
  }
}

package org.eoscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eoscheck.certificate.CertifiedEvaluator.Form;
import org.eoscheck.certificate.ProofLog.Evidence;
import org.eoscheck.certificate.ProofLog.Leaf;
import org.eoscheck.certificate.ProofLog.Status;
import org.eoscheck.certificate.SampleLog;
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
    assertTrue(text.contains("claim 1:    eta*(w1^2 + w2^2) <= 5"), text);
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
    assertTrue(err.toString().contains("leaf r.1.1: claim 1:"), err.toString());
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

package org.eoscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExportCommandTest {
  private static final Path LOG = Path.of("proofs-log/kreisler-depth2-gfs-sharpness-decreases.jsonl");

  @TempDir
  Path dir;

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void writesTheCoqFileAndTheShareItCovers() throws Exception {
    Path v = dir.resolve("d2.v");
    assertEquals(Main.OK, run("export", "--coq", LOG.toString(), "--out", v.toString(),
        "--no-compile"), err.toString());
    String text = Files.readString(v);
    assertTrue(text.contains("Theorem lemma_holds"), text);
    assertTrue(text.contains("is_derive (fun w1 => loss w1 w2) w1 (dloss_w1 w1 w2)"), text);
    assertTrue(out.toString().contains("coq covers: 1 of the volume"), out.toString());
    assertTrue(out.toString().contains("coqc:       not run (--no-compile)"), out.toString());
  }

  @Test
  void aTamperedLogIsRefusedWithReplaysErrorAndNothingIsWritten() throws Exception {
    Path tampered = dir.resolve("tampered.jsonl");
    // the one leaf no longer covers the root box: w1 in [-3, 2] instead of [-3, 3]
    String text = Files.readString(LOG);
    String leaf = "{\"type\":\"leaf\",\"path\":\"r\",\"box\":{\"w1\":[\"-3\",\"3\"]";
    assertTrue(text.contains(leaf), "the leaf line of the log");
    Files.writeString(tampered, text.replace(leaf, leaf.replace("\"3\"]", "\"2\"]")));
    Path v = dir.resolve("t.v");
    assertEquals(Main.USAGE, run("replay", tampered.toString()));
    String replayError = err.toString().replace("eoscheck replay: ", "");
    assertEquals(Main.USAGE, run("export", "--coq", tampered.toString(), "--out", v.toString()));
    assertEquals(replayError, err.toString().replace("eoscheck export: ", ""));
    assertFalse(Files.exists(v));
  }

  @Test
  void aRefutedLogHasNoProofToExport() {
    assertEquals(Main.USAGE, run("export", "--coq", "proofs-log/kreisler-depth2-criterion-is-tight.jsonl",
        "--out", dir.resolve("x.v").toString(), "--no-compile"));
    assertTrue(err.toString().contains("REFUTED"), err.toString());
  }
}

package org.eoscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report's pages and its LaTeX appendix, through the real command line. */
class ReportCommandTest {
  @TempDir
  Path dir;

  @Test
  void latexAppendixIsWrittenFromReplayedCertificates() throws Exception {
    CliRun r = CliRun.of("report", "--latex", "--out", dir.toString(),
        "proofs-log/kreisler-depth2-criterion-is-tight.jsonl");
    assertEquals(Main.OK, r.code(), r.out() + r.err());
    String tex = Files.readString(dir.resolve("appendix.tex"));
    assertTrue(tex.contains("by the kernel"), tex);
    assertTrue(Files.exists(dir.resolve("index.html")));
  }

  @Test
  void aTamperedCertificateIsNotTypeset() throws Exception {
    Path log = dir.resolve("tampered.jsonl");
    Files.writeString(log, Files.readString(Path.of(
        "proofs-log/kreisler-depth2-gfs-sharpness-decreases.jsonl")).replace("eta^2*(w1*w2 - 1)^2 <= 2",
        "eta^2*(w1*w2 - 1)^2 <= 3"));
    CliRun r = CliRun.of("report", "--latex", "--out", dir.resolve("out").toString(), log.toString());
    assertEquals(Main.USAGE, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("tampered.jsonl"), r.err());
    assertTrue(!Files.exists(dir.resolve("out/appendix.tex")));
  }
}

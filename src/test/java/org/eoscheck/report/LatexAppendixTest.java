package org.eoscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.ProofLogReader;
import org.eoscheck.certificate.Replay;
import org.eoscheck.smt.Z3Processes;
import org.junit.jupiter.api.Test;

/** The paper appendix: statements typeset from the lemma text, verdicts from the kernel. */
class LatexAppendixTest {
  private static String appendix(String log) throws Exception {
    ProofLog.Contents c = ProofLogReader.read(Path.of(log));
    Replay.Report r = Replay.replay(c, Z3Processes.shared(), Duration.ofSeconds(30));
    return LatexAppendix.document(List.of(new LatexAppendix.Entry(log, "00ff", c, r)));
  }

  @Test
  void aProvedLemmaIsTypesetWithTheKernelsVerdictHashAndReplayCommand() throws Exception {
    String tex = appendix("proofs-log/kreisler-depth2-gfs-sharpness-decreases.jsonl");
    assertTrue(tex.contains("\\varphi\\left(\\mathrm{GD}\\left(\\theta\\right)\\right) \\le"
        + " \\varphi\\left(\\theta\\right)"), tex);
    assertTrue(tex.contains("\\eta^{2} \\left(w_{1} w_{2} - 1\\right)^{2} \\le 2"), tex);
    assertTrue(tex.contains("\\textbf{PROVED} by the kernel: proved 100\\%"), tex);
    assertTrue(tex.contains("\\texttt{00ff}"), tex);
    assertTrue(tex.contains("eoscheck replay proofs-log/kreisler-depth2-gfs-sharpness-decreases.jsonl"
        + " --lemma theorems/kreisler2023/depth2-gfs-sharpness-decreases.yaml"), tex);
    assertTrue(tex.startsWith("\\documentclass{article}") && tex.endsWith("\\end{document}\n"));
  }

  @Test
  void aFamilyMemberIsTypesetForItsOwnWidth() throws Exception {
    String tex = appendix("proofs-log/beneventano-p-recursion-width2.jsonl");
    assertTrue(tex.contains("\\left(\\mathrm{GD}\\left(\\theta\\right)\\right)_{3}"), tex);
    assertFalse(tex.contains("2 + 1") || tex.contains("a_{3}"), tex);
    assertTrue(tex.contains("Model: two-layer, width 2"), tex);
  }

  @Test
  void plainTextIsEscaped() {
    assertEquals("a\\_b 100\\% x\\^{}2", LatexAppendix.text("a_b 100% x^2"));
  }
}

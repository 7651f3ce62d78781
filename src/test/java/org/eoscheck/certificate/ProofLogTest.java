package org.eoscheck.certificate;

import org.eoscheck.verify.ProofLogWriter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eoscheck.InputException;
import org.eoscheck.certificate.ProofLog.Contents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProofLogTest {
  @TempDir
  Path dir;

  @Test
  void writerAndReaderRoundTrip() throws Exception {
    SampleLog s = SampleLog.valid();
    Path p = s.write(dir.resolve("a.jsonl"));
    Contents c = ProofLogReader.read(p);
    assertEquals(s.header(), c.header());
    assertEquals(s.leaves, c.leaves());
    assertEquals(s.result, c.result());
    List<String> lines = Files.readAllLines(p);
    assertEquals(6, lines.size());
    assertTrue(lines.get(0).startsWith("{\"type\":\"header\",\"format\":\"eoscheck-proof-log/1\""));
    assertTrue(lines.get(1).contains("\"box\":{\"w1\":[\"1/2\",\"1\"],\"w2\":[\"1/2\",\"3/4\"]"), lines.get(1));
  }

  private static String error(String text) {
    return assertThrows(InputException.class, () -> ProofLogReader.read(text, "x.jsonl")).getMessage();
  }

  @Test
  void malformedLinesAreNamedTruncatedLastLineIsIgnored() throws Exception {
    String log = Files.readString(SampleLog.valid().write(dir.resolve("b.jsonl")));
    String[] lines = log.split("\n");
    String withoutResult = String.join("\n", List.of(lines).subList(0, 5)) + "\n";
    Contents killed = ProofLogReader.read(withoutResult + lines[5].substring(0, 20), "k");
    assertNull(killed.result());
    assertEquals(4, killed.leaves().size());
    assertTrue(error(lines[0] + "\n{\"type\":\"leaf\", broken\n" + lines[5] + "\n")
        .startsWith("x.jsonl:2: not a JSON line"));
    assertTrue(error(lines[1] + "\n").startsWith("x.jsonl:1: the first line must be the header"));
    assertTrue(error(log + lines[1] + "\n").startsWith("x.jsonl:7: a leaf line after the result line"));
    assertTrue(error(lines[0] + "\n" + lines[1].replace("\"proved\"", "\"done\"") + "\n")
        .contains("x.jsonl:2: unknown status 'done'"));
    assertTrue(error(lines[0] + "\n" + lines[1].replace("\"3/4\"", "\"3/0\"") + "\n")
        .startsWith("x.jsonl:2: w2"));
    assertTrue(error(lines[0].replace("eoscheck-proof-log/1", "eoscheck-proof-log/9") + "\n")
        .contains("is not eoscheck-proof-log/1"));
  }

  @Test
  void splitLinesRoundTripAndMerge() throws Exception {
    Path p = dir.resolve("s.jsonl");
    SampleLog s = SampleLog.valid();
    ProofLog.Split split = new ProofLog.Split("r", "w1", SampleLog.q("1"));
    try (ProofLogWriter w = ProofLogWriter.open(p)) {
      w.header(s.header());
      w.split(split);
      w.leaf(s.leaves.get(0));
    }
    Contents c = ProofLogReader.read(p);
    assertEquals(List.of(split), c.splits());
    assertEquals(1, c.leaves().size());
  }

  @Test
  void writerEnforcesTheOrder() throws Exception {
    try (ProofLogWriter w = ProofLogWriter.open(dir.resolve("c.jsonl"))) {
      SampleLog s = SampleLog.valid();
      assertThrows(IllegalStateException.class, () -> w.leaf(s.leaves.get(0)));
      w.header(s.header());
      w.result(s.result);
      assertThrows(IllegalStateException.class, () -> w.leaf(s.leaves.get(0)));
    }
  }
}

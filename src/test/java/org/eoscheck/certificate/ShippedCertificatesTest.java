package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.eoscheck.smt.Z3Processes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every certificate committed under proofs-log/ still replays with the verdict it records, and
 * still certifies the lemma file it names as that file stands now: a change that breaks a shipped
 * proof, or edits a lemma without re-checking it, fails here.
 */
class ShippedCertificatesTest {
  @TestFactory
  Stream<DynamicTest> shippedCertificatesReplay() throws Exception {
    List<Path> logs;
    try (Stream<Path> s = Files.list(Path.of("proofs-log"))) {
      logs = s.filter(p -> p.toString().endsWith(".jsonl") || p.toString().endsWith(".jsonl.gz"))
          .sorted().toList();
    }
    assertFalse(logs.isEmpty(), "certificates are shipped");
    return logs.stream().map(log -> DynamicTest.dynamicTest(log.getFileName().toString(), () -> {
      ProofLog.Contents c = ProofLogReader.read(log);
      Path lemma = Path.of(c.header().lemmaFile());
      assertEquals(Files.readString(lemma, StandardCharsets.UTF_8), c.header().lemmaText(),
          lemma + " changed since its certificate was made: run check on it again");
      Replay.Report r = Replay.replay(c, Z3Processes.shared(), Duration.ofSeconds(60));
      assertEquals(c.result().verdict(), r.verdict());
      assertEquals(c.result().volume(), r.volume());
    }));
  }
}

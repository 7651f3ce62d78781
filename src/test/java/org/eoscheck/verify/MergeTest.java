package org.eoscheck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.ProofLog.Contents;
import org.eoscheck.certificate.ProofLogReader;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.certificate.Replay;
import org.eoscheck.certificate.SampleLog;
import org.eoscheck.certificate.SmtOracle;
import org.eoscheck.certificate.ProofLog.Result;
import org.eoscheck.certificate.ProofLog.Verdict;
import org.eoscheck.certificate.ProofLog.Volumes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeTest {
  @TempDir
  Path dir;

  /** Shard i of 2 of the sample: the leaves under r.(i-1). */
  static SampleLog shard(int i) {
    SampleLog s = SampleLog.valid();
    s.shard = i + "/2";
    s.leaves.removeIf(l -> !l.path().startsWith("r." + (i - 1)));
    s.result = new Result(Verdict.UNKNOWN, new Volumes(BigFraction.of(1, 2), BigFraction.ZERO,
        BigFraction.of(1, 2)), 3, 1.5);
    return s;
  }

  private Contents read(SampleLog s, String name) throws Exception {
    return ProofLogReader.read(s.write(dir.resolve(name)));
  }

  @Test
  void shardsMergeIntoTheWholeLog() throws Exception {
    Contents merged = Merge.merge(List.of(read(shard(2), "b"), read(shard(1), "a")), List.of("b", "a"));
    assertEquals(null, merged.header().shard());
    assertEquals(4, merged.leaves().size());
    assertEquals(new Result(Verdict.PROVED, new Volumes(BigFraction.ONE, BigFraction.ZERO,
        BigFraction.ZERO), 6, 3.0), merged.result());
    Path out = dir.resolve("merged.jsonl");
    ProofLogWriter.write(out, merged);
    Replay.Report r = Replay.replay(ProofLogReader.read(out), (q, b) -> new SmtOracle.Unsat(), Duration.ofSeconds(1));
    assertEquals(Verdict.PROVED, r.verdict());
  }

  @Test
  void missingShardIsNamed() throws Exception {
    String m = assertThrows(Rejected.class,
        () -> Merge.merge(List.of(read(shard(1), "a")), List.of("a"))).getMessage();
    assertTrue(m.contains("piece r.1 = {w1: [1, 3/2], w2: [1/2, 3/2], eta: [1/10, 1]} has no leaf"), m);
  }

  @Test
  void differentLemmasOrOptionsAreRefused() throws Exception {
    SampleLog other = shard(2);
    other.options.put("minWidth", "1/128");
    String m = assertThrows(Rejected.class, () -> Merge.merge(
        List.of(read(shard(1), "a"), read(other, "b")), List.of("a", "b"))).getMessage();
    assertTrue(m.startsWith("b: its header differs from a's in 'options'"), m);
    SampleLog twice = shard(1);
    twice.shard = "2/2";
    assertTrue(assertThrows(Rejected.class, () -> Merge.merge(
        List.of(read(shard(1), "a"), read(twice, "b")), List.of("a", "b"))).getMessage()
        .contains("is in both a and b"));
  }
}

package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.ProofLogReader;
import org.eoscheck.certificate.Replay;
import org.eoscheck.smt.Z3Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs written by check are accepted by the independent kernel with the same verdict and volumes;
 * shards merged equal one run; a run killed with SIGKILL resumes without losing or double-counting
 * a box.
 */
class ProofLogRoundTripTest {
  @TempDir
  Path dir;

  /** AM-GM on the minimiser manifold of the depth-3 chain: interval leaves of every kind. */
  private static final String AMGM = """
      name: amgm
      model: scalar
      depth: 3
      variables: {w1: [1/2, 2], w2: [1/2, 2], w3: [1/2, 2]}
      assume: [prod(theta) == 1]
      claim: 1/w1^2 + 1/w2^2 + 1/w3^2 >= 3
      """;

  private static CheckOptions intervals(int pieces, CheckOptions.Shard shard) {
    return new CheckOptions(2, Duration.ofSeconds(5), Duration.ofSeconds(60), BigFraction.of(1, 64),
        100_000, false, null, false, shard, pieces, false);
  }

  private CheckResult run(String lemma, CheckOptions o, Path log) throws Exception {
    return Checkers.standard().check(CheckerTest.problem(lemma), o.withLog(log), Progress.NONE);
  }

  private static Replay.Report replay(Path log) throws Exception {
    return Replay.replay(ProofLogReader.read(log), Z3Processes.shared(), Duration.ofSeconds(20));
  }

  @Test
  void intervalLeavesReplayWithTheSameVolumes() throws Exception {
    Path log = dir.resolve("amgm.jsonl");
    CheckResult r = run(AMGM, intervals(1, null), log);
    Replay.Report rep = replay(log);
    assertEquals(r.verdict().name(), rep.verdict().name());
    assertEquals(r.proved(), rep.volume().proved());
    assertEquals(r.unknown(), rep.volume().unknown());
    assertTrue(r.boxes() > 100, "a real tree: " + r.boxes());
  }

  @Test
  void refutationsReplay() throws Exception {
    Path log = dir.resolve("loose.jsonl");
    CheckResult r = run("""
        name: loose
        model: scalar
        depth: 2
        variables: {w1: [1/10, 3], w2: [1/10, 3], eta: [1/100, 1]}
        assume: [eta^2*(w1*w2 - 1)^2 <= 21/10]
        claim: phi(gd(theta)) <= phi(theta)
        """, CheckOptions.defaults().withTimeLimit(Duration.ofSeconds(30)), log);
    assertEquals(Verdict.REFUTED, r.verdict());
    assertEquals(ProofLog.Verdict.REFUTED, replay(log).verdict());
  }

  @Test
  void fourShardsMergedEqualOneRun() throws Exception {
    CheckResult whole = run(AMGM, intervals(16, null), dir.resolve("whole.jsonl"));
    List<ProofLog.Contents> shards = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      Path p = dir.resolve("shard-" + i + ".jsonl");
      run(AMGM, intervals(16, new CheckOptions.Shard(i, 4)), p);
      shards.add(ProofLogReader.read(p));
      names.add(p.toString());
    }
    Path merged = dir.resolve("merged.jsonl");
    ProofLogWriter.write(merged, Merge.merge(shards, names));
    Replay.Report rep = replay(merged);
    assertEquals(whole.verdict().name(), rep.verdict().name());
    assertEquals(whole.proved(), rep.volume().proved());
    assertEquals(whole.unknown(), rep.volume().unknown());
  }

  @Test
  void aRunKilledWithSigkillResumesWithoutLosingOrDoubleCountingBoxes() throws Exception {
    Path lemma = dir.resolve("amgm.yaml");
    Files.writeString(lemma, AMGM);
    Path log = dir.resolve("killed.jsonl");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "org.eoscheck.cli.Main", "check", lemma.toString(), "--log", log.toString(), "--no-z3",
        "--jobs", "1", "--min-width", "1/256")
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
    // Kill once the run has finished some boxes, but long before it ends.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && (!Files.exists(log) || Files.size(log) < 20_000)) {
      Thread.sleep(20);
    }
    p.destroyForcibly().waitFor();
    ProofLog.Contents partial = ProofLogReader.read(log);
    assertNotNull(partial.header());
    assertEquals(null, partial.result(), "killed before the end");
    int finishedBefore = partial.leaves().size();
    assertTrue(finishedBefore > 0, "some boxes were finished");

    CheckOptions o = new CheckOptions(2, Duration.ofSeconds(5), Duration.ofSeconds(120),
        BigFraction.of(1, 256), 1_000_000, false, log, true, null, 1, false);
    CheckResult resumed = Checkers.standard().check(
        Elaborator.elaborate(LemmaLoader.load(lemma)), o, Progress.NONE);
    CheckResult fresh = run(Files.readString(lemma), new CheckOptions(2, Duration.ofSeconds(5),
        Duration.ofSeconds(120), BigFraction.of(1, 256), 1_000_000, false, null, false, null, 1,
        false), dir.resolve("fresh.jsonl"));
    assertEquals(fresh.proved(), resumed.proved());
    assertEquals(fresh.unknown(), resumed.unknown());
    ProofLog.Contents complete = ProofLogReader.read(log);
    assertEquals(ProofLogReader.read(dir.resolve("fresh.jsonl")).leaves().size(),
        complete.leaves().size(), "no box lost or decided twice");
    Replay.Report rep = replay(log);
    assertEquals(fresh.proved(), rep.volume().proved());
  }
}

package org.eoscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --time-limit bounds the whole run, in every phase: a check (or search) whose slow phase is
 * elaboration, Symja, the kernel's exact identity check or the derivatives and enclosures of a
 * huge claim ends UNKNOWN within the limit plus 5 s. Each runs as its own process, as a user runs
 * it (so the wall time counts the JVM's start and exit, and what a given-up phase leaves behind
 * dies with it); before the limit held in every phase these took minutes or did not end.
 */
class TimeLimitTest {
  private static final int LIMIT = 3;
  /** The limit's promise is 5 s past it; the rest is slack for starting a JVM on a busy machine. */
  private static final double BOUND = LIMIT + 5 + 5;

  @TempDir
  Path dir;

  private record Run(int code, String out, double seconds) {}

  private Run run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-Xss16m",
        "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory",
        "-cp", System.getProperty("java.class.path"), "org.eoscheck.cli.Main"));
    cmd.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
        .start();
    // Far past the bound: a run that does not end is a failure, not a hung build.
    boolean ended = p.waitFor(120, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    assertTrue(ended, "the run did not end in 120 s");
    return new Run(p.exitValue(), Files.readString(out), seconds);
  }

  private Run check(String lemma, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("check", "src/test/resources/timelimit/" + lemma,
        "--time-limit", String.valueOf(LIMIT), "--log", dir.resolve("log.jsonl").toString()));
    args.addAll(List.of(more));
    Run r = run(args.toArray(String[]::new));
    assertEquals(Main.UNKNOWN, r.code(), r.out());
    assertTrue(r.out().contains(": UNKNOWN"), r.out());
    assertTrue(r.seconds() < BOUND, "ended after " + r.seconds() + " s: " + r.out());
    return r;
  }

  @Test
  void elaborationOfNestedBuiltInsIsGivenUpAtTheLimit() throws Exception {
    Run r = check("timelimit-nested-gd.yaml");
    assertTrue(r.out().contains("given up at the time limit: elaboration"), r.out());
    assertTrue(!Files.exists(dir.resolve("log.jsonl")), "no statement, no proof log");
  }

  @Test
  void symjaInTheMeanValueReductionIsGivenUpAtTheLimit() throws Exception {
    Run r = check("timelimit-kreisler-depth8.yaml");
    assertTrue(r.out().contains("given up at the time limit: preconditioning"), r.out());
  }

  @Test
  void theKernelsExactIdentityCheckIsGivenUpAtTheLimit() throws Exception {
    Run r = check("timelimit-exact-identity.yaml", "--no-z3");
    assertTrue(r.out().contains("given up at the time limit: preconditioning"), r.out());
    assertTrue(!r.out().contains("reduced exactly"), "no reduction was checked: " + r.out());
    // What it decided is a valid proof log: the kernel replays it to the same verdict.
    Run replay = run("replay", dir.resolve("log.jsonl").toString());
    assertEquals(Main.UNKNOWN, replay.code(), replay.out());
  }

  @Test
  void derivativesAndEnclosuresOfAHugeClaimAreGivenUpAtTheLimit() throws Exception {
    Run r = check("timelimit-five-gd-steps.yaml");
    assertTrue(r.out().contains("unknown 100%"), r.out());
    assertTrue(r.out().contains("stating the lemma for the kernel")
        || r.out().contains("compiling the enclosures"), r.out());
  }

  @Test
  void searchEndsAtTheLimitWhateverItIsDoing() throws Exception {
    Run r = run("search", "src/test/resources/timelimit/timelimit-nested-gd.yaml",
        "--time-limit", String.valueOf(LIMIT));
    assertEquals(Main.UNKNOWN, r.code(), r.out());
    assertTrue(r.out().contains("given up in elaboration"), r.out());
    assertTrue(r.seconds() < BOUND, "ended after " + r.seconds() + " s: " + r.out());
  }
}

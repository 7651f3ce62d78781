package org.eoscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The soundness corpus ({@code src/test/resources/soundness/}: one small adversarial lemma per
 * file, its {@code expect:} the verdict it must get): undefinedness in claims, hypotheses, losses
 * and built-ins, fixed variables, boundary points. Each file goes through check, replay of its
 * log, and search; a wrong verdict anywhere fails the test, and search never refutes a lemma whose
 * expected verdict is not REFUTED.
 */
class SoundnessCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/soundness");

  @TempDir
  Path dir;

  static List<Path> lemmas() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /** The value of the first line starting with {@code key}, or null. */
  private static String field(Path lemma, String key) throws IOException {
    return Files.readAllLines(lemma).stream().filter(l -> l.startsWith(key))
        .map(l -> l.substring(key.length()).trim()).findFirst().orElse(null);
  }

  /** bad-input-*.yaml files are bad input (exit 2, their "# cause:" in the one line). */
  private static int expectedCode(Path lemma) throws IOException {
    if (lemma.getFileName().toString().startsWith("bad-input-")) {
      return Main.USAGE;
    }
    String expect = field(lemma, "expect:");
    return switch (String.valueOf(expect)) {
      case "PROVED" -> Main.OK;
      case "REFUTED" -> Main.REFUTED;
      case "UNKNOWN" -> Main.UNKNOWN;
      default -> throw new AssertionError(lemma + ": expect " + expect);
    };
  }

  @ParameterizedTest
  @MethodSource("lemmas")
  void checkReplayAndSearchGiveTheExpectedVerdict(Path lemma) throws IOException {
    int expected = expectedCode(lemma);
    Path log = dir.resolve("log.jsonl");
    CliRun check = CliRun.of("check", lemma.toString(), "--time-limit", "20", "--jobs", "1",
        "--log", log.toString());
    assertEquals(expected, check.code(), lemma + ": check said\n" + check.out() + check.err());
    if (expected == Main.USAGE) {
      assertTrue(check.err().strip().lines().count() == 1, "one line: " + check.err());
      assertTrue(check.err().contains(lemma.toString()) && check.err().contains(field(lemma, "# cause:")),
          "names the file and the cause: " + check.err());
      return;
    }
    CliRun replay = CliRun.of("replay", log.toString());
    assertEquals(expected, replay.code(), lemma + ": replay said\n" + replay.out() + replay.err());
    CliRun search = CliRun.of("search", lemma.toString(), "--samples", "2000", "--time-limit", "10");
    if (expected == Main.REFUTED) {
      assertNotEquals(Main.OK, search.code(), "search never proves");
    } else {
      assertEquals(Main.UNKNOWN, search.code(), lemma + ": search said\n" + search.out() + search.err());
    }
  }
}

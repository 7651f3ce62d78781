package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.ProofLogReader;
import org.eoscheck.certificate.Replay;
import org.eoscheck.smt.Z3Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lemmas of src/test/resources/soundness/refuter-*.yaml (issues 11 and 17), each with its
 * expected verdict: check and search refute the false ones at the point where they fail (1/3;
 * a balanced point of phi = 3; any point of a claim undefined everywhere; 1/169, where the claim
 * is undefined), the refuted logs replay as REFUTED, and the true ones (an equality case; a
 * failure where a hypothesis is undefined) give no counterexample.
 */
class RefuterLemmasTest {
  @TempDir
  Path dir;

  private static final Path SOUNDNESS = Path.of("src/test/resources/soundness");

  /** What the certified point of each refuted lemma must satisfy, checked independently. */
  private static final Map<String, Consumer<Counterexample>> POINTS = Map.of(
      "refuter-square-at-one-third", c -> {
        assertEquals(Map.of("x", BigFraction.of(1, 3)), c.point());
        assertEquals(null, c.undefined());
      },
      "refuter-phi-depth3-balanced", c -> {
        // all |w_i| equal: every w_i^2 + delta* is 1 (prod = 1), so phi = 3 exactly
        BigFraction u = c.point().get("w1").pow(2);
        assertEquals(u, c.point().get("w2").pow(2), c.point().toString());
        assertEquals(u, c.point().get("w3").pow(2), c.point().toString());
      },
      "refuter-undefined-everywhere", c -> {
        // (the text of the divisor is the elaborator's: w1 - w1, or 0 once simplified)
        assertTrue(c.undefined().startsWith("division by 0: "), c.undefined());
        assertEquals("undefined", c.lhs());
      },
      "refuter-undefined-at-one-point", c -> {
        assertEquals(Map.of("x", BigFraction.of(1, 169)), c.point());
        assertTrue(c.undefined().startsWith("division by 0"), c.undefined());
      });

  static List<Path> lemmas() throws IOException {
    try (Stream<Path> files = Files.list(SOUNDNESS)) {
      return files.filter(f -> f.getFileName().toString().matches("refuter-.*\\.yaml")).sorted()
          .toList();
    }
  }

  private static String name(Path f) {
    return f.getFileName().toString().replace(".yaml", "");
  }

  @Test
  void everyLemmaFileHasOneExpectedVerdictAndEveryRefutedOneACheckedPoint() throws Exception {
    List<Path> files = lemmas();
    assertTrue(files.size() >= 6, files.toString());
    for (Path f : files) {
      Lemma l = LemmaLoader.load(f);
      assertNotNull(l.expect(), f.toString());
      assertEquals(l.expect().equals("REFUTED"), POINTS.containsKey(name(f)), f.toString());
    }
  }

  @Test
  void checkGivesTheExpectedVerdictWithTheCertifiedPointAndReplayAgrees() throws Exception {
    for (Path f : lemmas()) {
      Problem p = Elaborator.elaborate(LemmaLoader.load(f));
      Path log = dir.resolve(name(f) + ".jsonl");
      CheckResult r = Checkers.standard().check(p, CheckOptions.defaults()
          .withTimeLimit(Duration.ofSeconds(60)).withLog(log), Progress.NONE);
      assertEquals(p.lemma().expect(), r.verdict().name(), f.toString());
      if (r.verdict() == Verdict.REFUTED) {
        POINTS.get(name(f)).accept(r.counterexamples().get(0));
      } else {
        assertEquals(List.of(), r.counterexamples(), f.toString());
      }
      ProofLog.Contents contents = ProofLogReader.read(log);
      Replay.Report replayed = Replay.replay(contents, Z3Processes.shared(), Duration.ofSeconds(20));
      assertEquals(p.lemma().expect(), replayed.verdict().name(), f + " replayed");
      assertEquals(r.counterexamples().size(), contents.counterexamples().size(), f.toString());
    }
  }

  @Test
  void searchRefutesTheFalseOnesAtTheSamePointsAndFindsNothingInTheTrueOnes() throws Exception {
    for (Path f : lemmas()) {
      Problem p = Elaborator.elaborate(LemmaLoader.load(f));
      CounterexampleSearch.Result r = CounterexampleSearch.search(p,
          new CounterexampleSearch.Options(5_000, 1, Duration.ofSeconds(60), Checkers.solver()));
      boolean refuted = p.lemma().expect().equals("REFUTED");
      assertEquals(refuted ? Verdict.REFUTED : Verdict.UNKNOWN, r.verdict(), f.toString());
      r.counterexample().ifPresent(c -> POINTS.get(name(f)).accept(c));
    }
  }

  @Test
  void withoutZ3TheSimpleSourcesAloneRefuteTheIssueLemmas() throws Exception {
    for (String n : List.of("refuter-square-at-one-third", "refuter-phi-depth3-balanced",
        "refuter-undefined-everywhere")) {
      Problem p = Elaborator.elaborate(LemmaLoader.load(SOUNDNESS.resolve(n + ".yaml")));
      CheckResult r = Checkers.standard().check(p, CheckOptions.defaults().withZ3(false)
          .withTimeLimit(Duration.ofSeconds(30)), Progress.NONE);
      assertEquals(Verdict.REFUTED, r.verdict(), n);
      assertEquals(1, r.boxes(), n + ": refuted on the root box, before any split");
      POINTS.get(n).accept(r.counterexamples().get(0));
    }
  }

  @Test
  void theSameSeedGivesTheSameResult() throws Exception {
    for (String n : List.of("refuter-phi-depth3-balanced", "refuter-equality-holds")) {
      Problem p = Elaborator.elaborate(LemmaLoader.load(SOUNDNESS.resolve(n + ".yaml")));
      CounterexampleSearch.Options o = new CounterexampleSearch.Options(3_000, 7,
          Duration.ofSeconds(60));
      CounterexampleSearch.Result a = CounterexampleSearch.search(p, o);
      CounterexampleSearch.Result b = CounterexampleSearch.search(p, o);
      assertEquals(a.counterexample(), b.counterexample(), n);
      assertEquals(a.samples(), b.samples(), n);
      assertEquals(a.certifications(), b.certifications(), n);
      assertEquals(a.worst(), b.worst(), n);
    }
  }

  @Test
  void aBoxWhereTheClaimFailsEverywhereIsARefutedLeafThatReplayConfirms() throws Exception {
    Problem p = Elaborator.elaborate(LemmaLoader.parse("""
        name: fails-on-a-box
        model: custom
        params: [x]
        loss: x^2
        variables: {x: [0, 1]}
        claim: x^2 <= 1/2
        """, "test.yaml"));
    Path log = dir.resolve("box.jsonl");
    CheckOptions d = CheckOptions.defaults();
    CheckOptions explore = new CheckOptions(d.jobs(), d.budget(), Duration.ofSeconds(30),
        BigFraction.of(1, 64), d.maxBoxes(), false, log, false, null, 1, true);
    CheckResult r = Checkers.standard().check(p, explore, Progress.NONE);
    assertEquals(Verdict.REFUTED, r.verdict());
    assertTrue(r.refuted().compareTo(BigFraction.of(1, 4)) > 0, "refuted volume " + r.refuted());
    assertTrue(r.counterexamples().stream().anyMatch(c -> c.source() != null
        && c.source().equals("a box where the claim certainly fails")), r.counterexamples().toString());
    Replay.Report replayed = Replay.replay(ProofLogReader.read(log), (q, b) -> new org.eoscheck.certificate.SmtOracle.Unknown("none"),
        Duration.ofSeconds(5));
    assertEquals(ProofLog.Verdict.REFUTED, replayed.verdict());
    assertEquals(r.refuted(), replayed.volume().refuted());
  }
}

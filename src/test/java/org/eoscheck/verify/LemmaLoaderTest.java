package org.eoscheck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class LemmaLoaderTest {
  private static final Path BAD = Path.of("src/test/resources/lemmas/bad");

  /** Every malformed lemma gives its one-line error, naming file, line and cause. */
  @TestFactory
  Stream<DynamicTest> malformedLemmaFilesGiveTheirError() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(BAD)) {
      files = s.sorted().toList();
    }
    assertTrue(files.size() >= 20, "the corpus is there");
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      String first = Files.readAllLines(f).get(0);
      String expected = first.substring("# expect: ".length());
      InputException e = assertThrows(InputException.class,
          () -> Elaborator.elaborate(LemmaLoader.load(f)));
      assertTrue(e.getMessage().startsWith(f.toString().replace(f.getFileName().toString(), "")
          + expected), () -> "got: " + e.getMessage());
      assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
    }));
  }

  @Test
  void exampleLemmaLoadsWithExactBounds() throws Exception {
    Problem p = Elaborator.elaborate(LemmaLoader.load(Path.of("examples/depth2-criterion.yaml")));
    assertEquals(List.of("w1", "w2", "eta"), p.variables());
    assertEquals(BigFraction.of(1, 10), p.root().lo().get(0));
    assertEquals(BigFraction.of(1, 100), p.root().lo().get(2));
    assertEquals(1, p.hypotheses().size());
    assertEquals(1, p.claims().size());
    assertEquals("PROVED", p.lemma().expect());
  }

  @Test
  void decimalsAreExactAndSingleValuesFixAVariable() throws Exception {
    Lemma l = LemmaLoader.parse("""
        name: t
        model: scalar
        depth: 2
        variables:
          w1: [0.1, 0.3]
          w2: [1e-3, 2]
          eta: 1/2
        claim: loss(gd(theta)) >= 0
        """, "t.yaml");
    Problem p = Elaborator.elaborate(l);
    assertEquals(List.of("w1", "w2"), p.variables());
    assertEquals(BigFraction.of(3, 10), p.root().hi().get(0));
    assertEquals(BigFraction.of(1, 1000), p.root().lo().get(1));
    assertEquals(BigFraction.of(1, 2), p.fixed().get("eta"));
    assertTrue(!p.claims().get(0).difference().text().contains("eta"), "eta substituted");
  }

  @Test
  void equationHypothesisBecomesTwoInequalities() throws Exception {
    Problem p = Elaborator.elaborate(LemmaLoader.parse("""
        name: t
        model: two-layer
        width: 1
        variables: {a1: [0, 2], b1: [0, 2]}
        assume: [a1*b1 == 1]
        claim: residual(theta) == 0
        """, "t.yaml"));
    assertEquals(2, p.hypotheses().size());
    assertTrue(p.claims().get(0).equation());
  }
}

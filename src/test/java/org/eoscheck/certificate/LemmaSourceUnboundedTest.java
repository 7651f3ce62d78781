package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The syntax of unbounded ranges: [lo, oo], [-oo, hi], [-oo, oo] are read (null for an infinite
 * end) and mean the closed half-lines and the line; [oo, 1], [1, -oo], [oo, oo] and a variable
 * fixed at oo are bad input naming the file, the line and the cause.
 */
class LemmaSourceUnboundedTest {
  private static String lemma(String range) {
    return "name: t\nmodel: custom\nparams: [x, y]\nloss: x^2 + y^2\nvariables:\n  x: " + range
        + "\n  y: [0, 1]\nclaim: x^2 >= 0\n";
  }

  @Test
  void halfLinesAndTheLineAreRead() throws InputException {
    BigFraction[] up = LemmaSource.parse(lemma("[1/10, oo]"), "t.yaml").ranges().get("x");
    assertEquals(BigFraction.of(1, 10), up[0]);
    assertNull(up[1]);
    BigFraction[] down = LemmaSource.parse(lemma("[ -oo , -3 ]"), "t.yaml").ranges().get("x");
    assertNull(down[0]);
    assertEquals(BigFraction.of(-3), down[1]);
    LemmaSource line = LemmaSource.parse(lemma("[-oo, oo]"), "t.yaml");
    assertEquals(new Bounds(null, null), LemmaSemantics.of(line).root().get("x"));
    assertTrue(new Bounds(null, null).contains(BigFraction.of(10).pow(30)));
    assertTrue(!new Bounds(BigFraction.ONE, null).contains(BigFraction.ZERO));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "[oo, 1]; the lower end of [oo, 1] is oo",
      "[1, -oo]; the upper end of [1, -oo] is -oo",
      "[oo, oo]; the lower end of [oo, oo] is oo",
      "[-oo, -oo]; the upper end of [-oo, -oo] is -oo",
      "oo; cannot be fixed at oo",
      "[1, inf]; inf"})
  void emptyOrMalformedUnboundedRangesAreBadInput(String range, String cause) {
    InputException e = assertThrows(InputException.class,
        () -> LemmaSource.parse(lemma(range), "t.yaml"));
    assertTrue(e.getMessage().startsWith("t.yaml:6: variable 'x': ") && e.getMessage().contains(cause),
        e.getMessage());
  }
}

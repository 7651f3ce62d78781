package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.eoscheck.InputException;
import org.junit.jupiter.api.Test;

/** Index notation: one text for every depth; expanded before parsing, by kernel and prover. */
class IndexNotationTest {
  private static final Map<String, Integer> DEPTH4 = Map.of("depth", 4);

  @Test
  void sumsAndProductsExpandOverTheirRange() throws Exception {
    assertEquals("((w1)*(w2)*(w3)*(w4)) <= 1",
        IndexNotation.expand("prod(i = 1..depth, w_i) <= 1", DEPTH4));
    assertEquals("((w2^2) + (w3^2)) + 0",
        IndexNotation.expand("sum(i = 2..depth-1, w_i^2) + sum(j = 3..2, w_j)", DEPTH4));
  }

  @Test
  void nestedOperatorsAndIndexArithmetic() throws Exception {
    assertEquals("((((w1*w2))) + (((w2*w3))))",
        IndexNotation.expand("sum(i = 1..2, sum(j = i+1..i+1, w_i*w_{j}))", DEPTH4));
    assertEquals("2*w4 + 4", IndexNotation.expand("2*w_{depth} + depth", DEPTH4));
  }

  @Test
  void forItemsGiveOneRelationPerIndex() throws Exception {
    assertEquals(List.of("w1 <= w2", "w2 <= w3", "w3 <= w4"),
        IndexNotation.items("for i = 1..depth-1: w_i <= w_{i+1}", DEPTH4, false));
  }

  @Test
  void orderStatisticsAreMinimaOfMaxima() throws Exception {
    assertEquals("min(w1^2, w2^2, w3^2)", IndexNotation.expand("u_(1)", Map.of("depth", 3)));
    assertEquals("min(max(w1^2, w2^2), max(w1^2, w3^2), max(w2^2, w3^2))",
        IndexNotation.expand("u_(2)", Map.of("depth", 3)));
    assertEquals("max(w1^2, w2^2, w3^2)", IndexNotation.expand("u_(depth)", Map.of("depth", 3)));
    assertEquals(List.of("w2^2"), IndexNotation.items("u_(2)", Map.of("depth", 3), true));
  }

  @Test
  void linearNetworkNamesKeepTheirUnderscores() throws Exception {
    assertEquals("W1_1_1 + x_a", IndexNotation.expand("W1_1_1 + x_a", DEPTH4));
    assertEquals("((((W1_1_2))) + (((W1_2_2))))",
        IndexNotation.expand("sum(i = 1..2, sum(j = 2..2, W1_i_j))", DEPTH4));
  }

  @Test
  void indexedRangesNameEveryCoordinate() throws Exception {
    assertEquals(List.of("w1", "w2", "w3", "w4"), IndexNotation.variables("w_i", DEPTH4));
    assertEquals(List.of("eta"), IndexNotation.variables("eta", DEPTH4));
  }

  @Test
  void badIndicesAreInputErrors() {
    assertTrue(assertThrows(InputException.class, () -> IndexNotation.expand("w_{depth+1}", DEPTH4))
        .getMessage().contains("index 5 of w is out of range 1..4"));
    assertTrue(assertThrows(InputException.class, () -> IndexNotation.expand("w_{j}", DEPTH4))
        .getMessage().contains("index 'j' is not bound"));
    assertTrue(assertThrows(InputException.class, () -> IndexNotation.expand("u_(0)", DEPTH4))
        .getMessage().contains("out of range"));
    assertTrue(assertThrows(InputException.class,
        () -> IndexNotation.expand("sum(i = 1..depth, w_i", DEPTH4)).getMessage()
        .contains("not complete"));
    assertTrue(assertThrows(InputException.class, () -> IndexNotation.expand("v_(1)", DEPTH4))
        .getMessage().contains("order statistics are u_(k)"));
  }
}

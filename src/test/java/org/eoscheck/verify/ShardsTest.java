package org.eoscheck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.numbers.fraction.BigFraction;
import org.junit.jupiter.api.Test;

class ShardsTest {
  private static final Box ROOT = new Box("r", List.of(BigFraction.of(-1), BigFraction.ZERO),
      List.of(BigFraction.of(3), BigFraction.of(1, 10)));

  @Test
  void piecesTileTheRootWithEqualVolumes() {
    List<Box> pieces = Shards.pieces(ROOT, 16);
    assertEquals(16, pieces.size());
    BigFraction total = BigFraction.ZERO;
    for (Box b : pieces) {
      assertEquals(ROOT.volume(ROOT).divide(16), b.volume(ROOT));
      total = total.add(b.volume(ROOT));
    }
    assertEquals(ROOT.volume(ROOT), total);
    assertEquals(16, new HashSet<>(pieces.stream().map(Box::path).toList()).size());
  }

  @Test
  void shardsPartitionThePieces() {
    Set<String> seen = new HashSet<>();
    for (int i = 1; i <= 3; i++) {
      CheckOptions o = new CheckOptions(1, null, null, BigFraction.of(1, 64), 10, false, null,
          false, new CheckOptions.Shard(i, 3), 8, false);
      for (Box b : Shards.starts(ROOT, o)) {
        assertEquals(true, seen.add(b.path()), "a piece in two shards");
      }
    }
    assertEquals(8, seen.size());
  }

  @Test
  void piecesMustBeAPowerOfTwo() {
    assertThrows(IllegalArgumentException.class, () -> Shards.pieces(ROOT, 6));
  }

  @Test
  void bisectionHalvesExactly() {
    Box[] halves = ROOT.bisect(0);
    assertEquals("r.0", halves[0].path());
    assertEquals(BigFraction.ONE, halves[0].hi().get(0));
    assertEquals(BigFraction.ONE, halves[1].lo().get(0));
    assertEquals(ROOT.volume(ROOT), halves[0].volume(ROOT).add(halves[1].volume(ROOT)));
    assertEquals(1, halves[1].depth());
  }
}

package org.eoscheck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.junit.jupiter.api.Test;

/**
 * The prover's boxes with infinite ends: where they are split (a finite point, so the finite
 * part is a bounded box), their volumes in the measure after x -&gt; x/(1+|x|), and the bounded
 * box inside them where candidate points are taken.
 */
class UnboundedBoxTest {
  private static BigFraction q(long n) {
    return BigFraction.of(n);
  }

  private static Box box(BigFraction lo, BigFraction hi) {
    return new Box("r", Arrays.asList(lo), Arrays.asList(hi));
  }

  @Test
  void halfLinesAreSplitAtAFinitePointBeyondTheirEnd() {
    assertEquals(q(1), box(q(0), null).splitPoint(0));
    assertEquals(q(6), box(q(3), null).splitPoint(0));
    assertEquals(q(10), box(q(-5), null).splitPoint(0));
    assertEquals(q(-8), box(null, q(4)).splitPoint(0));
    assertEquals(q(0), box(null, null).splitPoint(0));
    Box[] parts = box(q(3), null).bisect(0);
    assertTrue(parts[0].bounded());
    assertEquals(List.of(q(3)), parts[0].lo());
    assertEquals(List.of(q(6)), parts[0].hi());
    assertFalse(parts[1].bounded());
    assertNull(parts[1].hi().get(0));
  }

  @Test
  void volumesAreSharesAfterTheCompactifyingChange() {
    Box root = box(q(0), null);
    Box[] parts = root.bisect(0); // [0, 1] and [1, oo]: c(1) = 1/2
    assertEquals(BigFraction.ONE, root.volume(root));
    assertEquals(BigFraction.of(1, 2), parts[0].volume(root));
    assertEquals(BigFraction.of(1, 2), parts[1].volume(root));
    Box[] tail = parts[1].bisect(0); // [1, 2] and [2, oo]: c(2) = 2/3
    assertEquals(BigFraction.of(1, 6), tail[0].volume(root));
    assertEquals(BigFraction.of(1, 3), tail[1].volume(root));
  }

  @Test
  void candidatesComeFromABoundedBoxReachingFarOut() {
    Box f = box(q(3), null).finite();
    assertTrue(f.bounded());
    assertEquals(q(3), f.lo().get(0));
    assertEquals(q(3).add(q(3L << 20)), f.hi().get(0));
    Box line = box(null, null).finite();
    assertEquals(q(-(1L << 20)), line.lo().get(0));
    assertTrue(box(q(3), null).contains(f.hi()));
    assertFalse(box(q(3), null).contains(List.of(q(2))));
  }
}

package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Over-decomposition for scale-out: the root is split into {@code pieces} (a power of two) boxes
 * by bisecting, level by level, the coordinates in turn (skipping none), and shard i of N takes
 * the pieces whose index is i-1 modulo N. Many more pieces than shards balance uneven pieces.
 */
final class Shards {
  private Shards() {}

  static List<Box> starts(Box root, CheckOptions options) {
    if (options.shard() == null && options.pieces() <= 1) {
      return List.of(root);
    }
    List<Box> pieces = pieces(root, Math.max(1, options.pieces()));
    if (options.shard() == null) {
      return pieces;
    }
    List<Box> mine = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      if (i % options.shard().count() == options.shard().index() - 1) {
        mine.add(pieces.get(i));
      }
    }
    return mine;
  }

  /** The canonical partition of the root into n pieces (n a power of two), in path order. */
  static List<Box> pieces(Box root, int n) {
    if (Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("pieces must be a power of two, not " + n);
    }
    List<Box> level = List.of(root);
    int d = 0;
    while (level.size() < n) {
      List<Box> next = new ArrayList<>();
      int variable = d % root.dimension();
      for (Box b : level) {
        Box[] halves = b.bisect(variable);
        next.add(halves[0]);
        next.add(halves[1]);
      }
      level = next;
      d++;
    }
    return level;
  }
}

package org.eoscheck.certificate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.ProofLog.Leaf;

/**
 * Rebuilds the binary tree of boxes from the leaves' paths and checks that it is a subdivision of
 * the root box. Path "r" is the root; p.0 and p.1 are the lower and upper parts of p, which differ
 * from p in one variable v only, split at one rational point s: p.0 has v in [lo, s], p.1 has v
 * in [s, hi], lo &lt; s &lt; hi. Then the leaves' boxes cover the root exactly and meet only on
 * faces, so their volumes add up to the root's.
 *
 * <p>Errors (thrown): bad or repeated paths, a leaf with leaves below it (overlap), two siblings
 * that do not split one box at one point, a box not equal to its place in the tree. A node
 * without any leaf below it is a gap: recorded with its box when it can be derived (the sibling's
 * subtree is complete), so that a killed run or a shard can be described.
 */
public final class Tiling {
  private static final Pattern PATH = Pattern.compile("r(\\.[01])*");

  /** A piece of the tree with no leaf; {@code box} is null when it cannot be derived. */
  public record Gap(String path, Map<String, Bounds> box) {
    public String describe() {
      return "piece " + path + (box == null ? "" : " = " + ProofLog.boxText(box)) + " has no leaf";
    }
  }

  private final Map<String, Leaf> leaves = new HashMap<>();
  private final Set<String> inner = new HashSet<>();
  private final Map<String, Optional<Map<String, Bounds>>> complete = new HashMap<>();
  private final List<Gap> gaps = new ArrayList<>();

  private Tiling() {}

  /** Checks the leaves against the root box; returns the gaps (empty when they tile it). */
  public static List<Gap> check(Map<String, Bounds> root, List<Leaf> leafList) throws Rejected {
    Tiling t = new Tiling();
    for (Leaf l : leafList) {
      if (!PATH.matcher(l.path()).matches()) {
        throw new Rejected("leaf '" + l.path() + "': a path is r followed by .0 and .1 steps");
      }
      if (t.leaves.put(l.path(), l) != null) {
        throw new Rejected("leaf " + l.path() + " appears twice");
      }
      if (!l.box().keySet().equals(root.keySet())) {
        throw new Rejected("leaf " + l.path() + ": its box must bound exactly " + root.keySet());
      }
      for (Map.Entry<String, Bounds> side : l.box().entrySet()) {
        Bounds r = root.get(side.getKey());
        if (!r.contains(side.getValue())) {
          throw new Rejected("leaf " + l.path() + ": " + side.getKey() + " in " + side.getValue()
              + " leaves the root box " + r);
        }
      }
      for (int i = l.path().lastIndexOf('.'); i > 0; i = l.path().lastIndexOf('.', i - 1)) {
        t.inner.add(l.path().substring(0, i));
      }
    }
    for (String p : t.leaves.keySet()) {
      if (t.inner.contains(p)) {
        throw new Rejected("leaf " + p + " overlaps the leaves below it (" + p + ".0 ...)");
      }
    }
    if (!t.leaves.isEmpty() || !t.inner.isEmpty()) {
      t.walk("r", new LinkedHashMap<>(root));
    } else {
      t.gaps.add(new Gap("r", root));
    }
    return t.gaps;
  }

  /** Top-down: node p whose box should be {@code expected} (null when unknown). */
  private void walk(String p, Map<String, Bounds> expected) throws Rejected {
    Leaf leaf = leaves.get(p);
    if (leaf != null) {
      if (expected != null && !leaf.box().equals(expected)) {
        throw new Rejected("leaf " + p + ": box " + ProofLog.boxText(leaf.box())
            + " is not its piece " + ProofLog.boxText(expected) + " of the root box");
      }
      return;
    }
    if (!inner.contains(p)) {
      gaps.add(new Gap(p, expected));
      return;
    }
    Optional<Map<String, Bounds>> c0 = complete(p + ".0");
    Optional<Map<String, Bounds>> c1 = complete(p + ".1");
    Map<String, Bounds> e0 = null;
    Map<String, Bounds> e1 = null;
    if (expected != null) {
      Optional<Map<String, Bounds>> whole = complete(p);
      if (whole.isPresent() && !whole.get().equals(expected)) {
        throw new Rejected("the leaves under " + p + " cover " + ProofLog.boxText(whole.get())
            + ", not its piece " + ProofLog.boxText(expected));
      }
      if (c0.isPresent()) {
        e0 = c0.get();
        e1 = complement(p, expected, e0, true);
      } else if (c1.isPresent()) {
        e1 = c1.get();
        e0 = complement(p, expected, e1, false);
      }
    }
    walk(p + ".0", e0);
    walk(p + ".1", e1);
  }

  /** Bottom-up: the box covered by the subtree at p, if its leaves tile a box. */
  private Optional<Map<String, Bounds>> complete(String p) throws Rejected {
    Optional<Map<String, Bounds>> known = complete.get(p);
    if (known != null) {
      return known;
    }
    Optional<Map<String, Bounds>> box;
    if (leaves.containsKey(p)) {
      box = Optional.of(leaves.get(p).box());
    } else if (!inner.contains(p)) {
      box = Optional.empty();
    } else {
      Optional<Map<String, Bounds>> b0 = complete(p + ".0");
      Optional<Map<String, Bounds>> b1 = complete(p + ".1");
      box = b0.isPresent() && b1.isPresent() ? Optional.of(join(p, b0.get(), b1.get())) : Optional.empty();
    }
    complete.put(p, box);
    return box;
  }

  /** The box split into b0 (lower) and b1 (upper) in exactly one variable. */
  private static Map<String, Bounds> join(String p, Map<String, Bounds> b0, Map<String, Bounds> b1)
      throws Rejected {
    String split = null;
    for (String v : b0.keySet()) {
      if (!b0.get(v).equals(b1.get(v))) {
        if (split != null) {
          throw new Rejected(p + ".0 and " + p + ".1 differ in " + split + " and " + v
              + ": not one split");
        }
        split = v;
      }
    }
    if (split == null) {
      throw new Rejected(p + ".0 and " + p + ".1 are the same box: they overlap");
    }
    Bounds lo = b0.get(split);
    Bounds hi = b1.get(split);
    if (lo.hi() == null || hi.lo() == null) {
      throw new Rejected(p + ".0 and " + p + ".1 do not split " + split + " at a finite point: "
          + lo + " and " + hi);
    }
    int c = lo.hi().compareTo(hi.lo());
    if (c != 0 || lo.isPoint() || hi.isPoint()) {
      throw new Rejected(p + ".0 and " + p + ".1 do not split " + split + " at one point: " + lo
          + " and " + hi + (c > 0 ? " overlap" : c < 0 ? " leave a gap" : " (empty part)"));
    }
    Map<String, Bounds> box = new LinkedHashMap<>(b0);
    box.put(split, new Bounds(lo.lo(), hi.hi()));
    return box;
  }

  /** The other part of {@code whole} next to {@code part}, which must be its lower (upper) part. */
  private static Map<String, Bounds> complement(String p, Map<String, Bounds> whole,
      Map<String, Bounds> part, boolean partIsLower) throws Rejected {
    Map<String, Bounds> other = new LinkedHashMap<>(whole);
    int differing = 0;
    for (String v : whole.keySet()) {
      Bounds w = whole.get(v);
      Bounds b = part.get(v);
      if (w.equals(b)) {
        continue;
      }
      differing++;
      // the part shares one end of the whole and its other end is a finite point strictly inside
      boolean fits = partIsLower
          ? java.util.Objects.equals(b.lo(), w.lo()) && b.hi() != null && strictlyInside(b.hi(), w)
          : java.util.Objects.equals(b.hi(), w.hi()) && b.lo() != null && strictlyInside(b.lo(), w);
      if (!fits) {
        differing = 2;
        break;
      }
      other.put(v, partIsLower ? new Bounds(b.hi(), w.hi()) : new Bounds(w.lo(), b.lo()));
    }
    if (differing != 1) {
      throw new Rejected("the leaves under " + p + (partIsLower ? ".0" : ".1") + " cover "
          + ProofLog.boxText(part) + ", which is not the " + (partIsLower ? "lower" : "upper")
          + " part of " + p + " = " + ProofLog.boxText(whole) + " in one variable");
    }
    return other;
  }

  /** lo &lt; s &lt; hi for the range w (infinite ends included). */
  private static boolean strictlyInside(BigFraction s, Bounds w) {
    return (w.lo() == null || s.compareTo(w.lo()) > 0) && (w.hi() == null || s.compareTo(w.hi()) < 0);
  }

  /**
   * The volume of {@code box} as a fraction of the root's, over the variables whose root range is
   * not a point (a root of zero volume in every variable is one point, of volume 1): the product of
   * the shares of the box's ranges in the root's ({@link Bounds#share}: by width, or after
   * x -&gt; x / (1 + |x|) in a variable whose root range is unbounded).
   */
  static BigFraction volume(Map<String, Bounds> box, Map<String, Bounds> root) {
    BigFraction v = BigFraction.ONE;
    for (Map.Entry<String, Bounds> side : root.entrySet()) {
      if (!side.getValue().isPoint()) {
        v = v.multiply(box.get(side.getKey()).share(side.getValue()));
      }
    }
    return v;
  }
}

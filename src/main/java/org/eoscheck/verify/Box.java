package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.Bounds;

/**
 * A box with exact rational bounds lo[i] <= x_i <= hi[i], named by its path in the
 * branch-and-bound tree: the root is "r"; the children of p are p.0 (lower part) and p.1 (upper
 * part) of one variable split at one point. An end may be infinite: lo[i] == null is -oo and
 * hi[i] == null is +oo (see {@link Bounds} for the measure of such ranges).
 */
public record Box(String path, List<BigFraction> lo, List<BigFraction> hi) {
  /** How far out the finite stand-in of an infinite end lies (see {@link #finite}). */
  private static final BigFraction FAR = BigFraction.of(1 << 20);

  public Box {
    lo = Collections.unmodifiableList(new ArrayList<>(lo));
    hi = Collections.unmodifiableList(new ArrayList<>(hi));
    if (lo.size() != hi.size()) {
      throw new IllegalArgumentException("bounds of different dimensions");
    }
    for (int i = 0; i < lo.size(); i++) {
      new Bounds(lo.get(i), hi.get(i)); // throws when inverted
    }
  }

  public int dimension() {
    return lo.size();
  }

  /** The range of coordinate i. */
  public Bounds bounds(int i) {
    return new Bounds(lo.get(i), hi.get(i));
  }

  /** Whether every end is finite. */
  public boolean bounded() {
    for (int i = 0; i < dimension(); i++) {
      if (!bounds(i).bounded()) {
        return false;
      }
    }
    return true;
  }

  /** hi - lo in coordinate i; only for a bounded range. */
  public BigFraction width(int i) {
    return bounds(i).width();
  }

  public BigFraction mid(int i) {
    return lo.get(i).add(hi.get(i)).divide(2);
  }

  /** The share of coordinate i's range in the reference's ({@link Bounds#share}). */
  public BigFraction share(int i, Box reference) {
    return bounds(i).share(reference.bounds(i));
  }

  /**
   * Where bisect splits coordinate i: the midpoint of a bounded range; a finite point for an
   * unbounded one, so that the finite part goes on as a bounded box: [a, oo] at max(2|a|, 1),
   * [-oo, b] at -max(2|b|, 1), [-oo, oo] at 0.
   */
  public BigFraction splitPoint(int i) {
    BigFraction l = lo.get(i);
    BigFraction h = hi.get(i);
    if (l != null && h != null) {
      return mid(i);
    }
    if (l == null && h == null) {
      return BigFraction.ZERO;
    }
    BigFraction end = l != null ? l : h;
    BigFraction far = atLeastOne(end.abs().multiply(2));
    return l != null ? far : far.negate();
  }

  /** The depth of this box in the tree (the root has depth 0). */
  public int depth() {
    return (int) path.chars().filter(c -> c == '.').count();
  }

  /**
   * The product over the coordinates where the reference box is not a point of the widths, or,
   * where the reference's range is unbounded, of the lengths after x -&gt; x / (1 + |x|); divided
   * by the reference's own, the share of the reference's volume (as the kernel counts it).
   */
  public BigFraction volume(Box reference) {
    BigFraction v = BigFraction.ONE;
    for (int i = 0; i < dimension(); i++) {
      Bounds r = reference.bounds(i);
      if (!r.isPoint()) {
        v = v.multiply(r.bounded() ? width(i) : bounds(i).compactLength());
      }
    }
    return v;
  }

  /** The two parts of this box along coordinate i, split at {@link #splitPoint}. */
  public Box[] bisect(int i) {
    BigFraction m = splitPoint(i);
    List<BigFraction> lowerHi = new ArrayList<>(hi);
    lowerHi.set(i, m);
    List<BigFraction> upperLo = new ArrayList<>(lo);
    upperLo.set(i, m);
    return new Box[] {new Box(path + ".0", lo, lowerHi), new Box(path + ".1", upperLo, hi)};
  }

  /**
   * A bounded box inside this one, for picking sample and candidate points: an infinite end is
   * replaced by a point 2^20 max(1, |other end|) beyond the other end (+-2^20 for [-oo, oo]), so
   * that far-out points are tried too.
   */
  public Box finite() {
    if (bounded()) {
      return this;
    }
    List<BigFraction> l = new ArrayList<>(lo);
    List<BigFraction> h = new ArrayList<>(hi);
    for (int i = 0; i < dimension(); i++) {
      if (l.get(i) == null && h.get(i) == null) {
        l.set(i, FAR.negate());
        h.set(i, FAR);
      } else if (h.get(i) == null) {
        h.set(i, l.get(i).add(FAR.multiply(atLeastOne(l.get(i).abs()))));
      } else if (l.get(i) == null) {
        l.set(i, h.get(i).subtract(FAR.multiply(atLeastOne(h.get(i).abs()))));
      }
    }
    return new Box(path, l, h);
  }

  private static BigFraction atLeastOne(BigFraction x) {
    return x.compareTo(BigFraction.ONE) > 0 ? x : BigFraction.ONE;
  }

  public boolean contains(List<BigFraction> point) {
    for (int i = 0; i < dimension(); i++) {
      if (!bounds(i).contains(point.get(i))) {
        return false;
      }
    }
    return true;
  }
}

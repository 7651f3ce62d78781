package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * A box with exact rational bounds lo[i] <= x_i <= hi[i], named by its path in the
 * branch-and-bound tree: the root is "r"; the children of p are p.0 (lower part) and p.1 (upper
 * part) of one variable split at one point.
 */
public record Box(String path, List<BigFraction> lo, List<BigFraction> hi) {
  public Box {
    lo = List.copyOf(lo);
    hi = List.copyOf(hi);
    if (lo.size() != hi.size()) {
      throw new IllegalArgumentException("bounds of different dimensions");
    }
    for (int i = 0; i < lo.size(); i++) {
      if (lo.get(i).compareTo(hi.get(i)) > 0) {
        throw new IllegalArgumentException("inverted bounds in coordinate " + i);
      }
    }
  }

  public int dimension() {
    return lo.size();
  }

  public BigFraction width(int i) {
    return hi.get(i).subtract(lo.get(i));
  }

  public BigFraction mid(int i) {
    return lo.get(i).add(hi.get(i)).divide(2);
  }

  /** The depth of this box in the tree (the root has depth 0). */
  public int depth() {
    return (int) path.chars().filter(c -> c == '.').count();
  }

  /** Product of the widths over the coordinates where the reference box has positive width. */
  public BigFraction volume(Box reference) {
    BigFraction v = BigFraction.ONE;
    for (int i = 0; i < dimension(); i++) {
      if (reference.width(i).signum() > 0) {
        v = v.multiply(width(i));
      }
    }
    return v;
  }

  /** The two halves of this box along coordinate i, split at its midpoint. */
  public Box[] bisect(int i) {
    BigFraction m = mid(i);
    List<BigFraction> lowerHi = new ArrayList<>(hi);
    lowerHi.set(i, m);
    List<BigFraction> upperLo = new ArrayList<>(lo);
    upperLo.set(i, m);
    return new Box[] {new Box(path + ".0", lo, lowerHi), new Box(path + ".1", upperLo, hi)};
  }

  public boolean contains(List<BigFraction> point) {
    for (int i = 0; i < dimension(); i++) {
      if (point.get(i).compareTo(lo.get(i)) < 0 || point.get(i).compareTo(hi.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }
}

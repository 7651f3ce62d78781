package org.eoscheck.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eoscheck.InputException;
import org.eoscheck.certificate.Bounds;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.Statement;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Rel;
import org.eoscheck.interval.Interval;
import org.eoscheck.interval.IntervalEnclosure;

/**
 * Where the hypotheses of a proof log can hold, on a grid of cells over two of its variables
 * (x, y), for drawing their boundary on a region picture. A cell is marked when interval
 * arithmetic cannot exclude that some point above it satisfies every hypothesis at once:
 * <ul>
 *   <li>{@link #projection}: the other variables range over their whole interval (halved a few
 *       times where that helps, each piece tried on its own), so the marked cells cover the
 *       projection of the set where the hypotheses hold; outside them no point satisfies them;
 *   <li>{@link #slice}: the other variables are fixed at the centre of their interval.
 * </ul>
 * A cell is marked when every hypothesis f &gt;= 0 (f &gt; 0) has an enclosure reaching 0 (above
 * 0) on a piece; an undefined enclosure marks it too. An equation hypothesis f = 0, recorded as
 * f &gt;= 0 and -f &gt;= 0, marks the band of cells its zero set crosses.
 */
final class HypothesisRegion {
  /** Halvings of the other variables per cell (at most 2^SPLITS pieces). */
  private static final int SPLITS = 6;

  private final List<String> variables;
  private final Map<String, Bounds> root;
  private final List<IntervalEnclosure> hypotheses = new ArrayList<>();
  private final List<Boolean> strict = new ArrayList<>();
  private final double[] rootWidth;

  private HypothesisRegion(ProofLog.Header header) throws InputException {
    variables = header.variables();
    root = header.root();
    rootWidth = new double[variables.size()];
    for (int i = 0; i < rootWidth.length; i++) {
      rootWidth[i] = root.get(variables.get(i)).width().doubleValue();
    }
    for (String h : header.hypotheses()) {
      Statement.Condition c = Statement.Condition.of(ExprParser.parseRelation(h));
      hypotheses.add(IntervalEnclosure.of(c.f(), variables));
      strict.add(c.rel() == Rel.GT);
    }
  }

  /** The hypotheses of the log, or null if it has none (or they do not parse). */
  static HypothesisRegion of(ProofLog.Header header) {
    if (header.hypotheses().isEmpty()
        || !header.root().values().stream().allMatch(org.eoscheck.certificate.Bounds::bounded)) {
      return null; // no grid over an unbounded root: the boxes are drawn, the edges are not
    }
    try {
      return new HypothesisRegion(header);
    } catch (InputException | RuntimeException unreadable) {
      return null;
    }
  }

  /** Whether there are variables besides x and y (else slice and projection coincide). */
  boolean hasOthers(String x, String y) {
    return variables.stream().anyMatch(v -> !v.equals(x) && !v.equals(y));
  }

  /** The centre values of the variables other than x and y, in order. */
  Map<String, Double> centre(String x, String y) {
    Map<String, Double> c = new LinkedHashMap<>();
    for (String v : variables) {
      if (!v.equals(x) && !v.equals(y)) {
        c.put(v, root.get(v).midpoint().doubleValue());
      }
    }
    return c;
  }

  /** mask[i][j]: cell i of x (left to right), j of y (bottom to top) may meet the hypotheses. */
  boolean[][] projection(String x, String y, int cells) {
    return mask(x, y, cells, false);
  }

  /** As {@link #projection}, on the slice through the centre of the other variables. */
  boolean[][] slice(String x, String y, int cells) {
    return mask(x, y, cells, true);
  }

  private boolean[][] mask(String x, String y, int cells, boolean slice) {
    int ix = variables.indexOf(x);
    int iy = variables.indexOf(y);
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      if (i != ix && i != iy) {
        others.add(i);
      }
    }
    Interval[] box = new Interval[variables.size()];
    for (int i = 0; i < variables.size(); i++) {
      Bounds b = root.get(variables.get(i));
      box[i] = slice ? Interval.point(b.midpoint().doubleValue()) : Interval.of(b.lo(), b.hi());
    }
    Interval bx = Interval.of(root.get(x).lo(), root.get(x).hi());
    Interval by = Interval.of(root.get(y).lo(), root.get(y).hi());
    boolean[][] mask = new boolean[cells][cells];
    for (int i = 0; i < cells; i++) {
      box[ix] = piece(bx, i, cells);
      for (int j = 0; j < cells; j++) {
        box[iy] = piece(by, j, cells);
        mask[i][j] = mayHold(box, slice ? List.of() : others, SPLITS);
      }
    }
    return mask;
  }

  /**
   * Whether some piece of the box may satisfy every hypothesis: the box is halved along the
   * other variable widest relative to its root interval, {@code splits} times down each branch
   * that is not excluded (at most 2^splits pieces).
   */
  private boolean mayHold(Interval[] box, List<Integer> others, int splits) {
    int state = state(box);
    if (state < 0) {
      return false;
    }
    if (state > 0 || splits == 0 || others.isEmpty()) {
      return true;
    }
    int widest = others.get(0);
    double ratio = -1;
    for (int v : others) {
      double r = box[v].width() / rootWidth[v];
      if (r > ratio) {
        ratio = r;
        widest = v;
      }
    }
    Interval whole = box[widest];
    Interval[] half = box.clone();
    for (int side = 0; side < 2; side++) {
      half[widest] = piece(whole, side, 2);
      if (mayHold(half, others, splits - 1)) {
        return true;
      }
    }
    return false;
  }

  /** -1: some hypothesis certainly fails on the box; 1: all certainly hold; 0: undecided. */
  private int state(Interval[] b) {
    boolean certain = true;
    for (int h = 0; h < hypotheses.size(); h++) {
      Interval v = hypotheses.get(h).enclose(b);
      if (v.isEntire()) {
        certain = false;
        continue;
      }
      boolean s = strict.get(h);
      if (s ? v.certainlyNonPositive() : v.certainlyNegative()) {
        return -1;
      }
      certain &= s ? v.certainlyPositive() : v.certainlyNonNegative();
    }
    return certain ? 1 : 0;
  }

  /** Piece i of n equal pieces of a, widened outward by one ulp. */
  private static Interval piece(Interval a, int i, int n) {
    double w = a.hi() - a.lo();
    double lo = i == 0 ? a.lo() : Math.nextDown(a.lo() + w * i / n);
    double hi = i == n - 1 ? a.hi() : Math.nextUp(a.lo() + w * (i + 1) / n);
    return new Interval(lo, hi);
  }
}

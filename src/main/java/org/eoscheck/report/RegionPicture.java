package org.eoscheck.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.Bounds;
import org.eoscheck.certificate.ProofLog;

/**
 * A picture of a verified region: the leaves of a proof log projected onto two of its variables.
 * Boxes are drawn proved first, then unknown, then refuted, so a pixel is green only if every box
 * above it (in the other variables) is proved: the picture never shows more than was proved.
 * Certified counterexamples are black crosses.
 *
 * <p>Where the lemma has hypotheses, their boundary is drawn over the boxes
 * ({@link HypothesisRegion}): in blue the edge of the projection of the set where they hold (no
 * point projecting outside it satisfies them), and, when there are other variables, in violet
 * their boundary on the slice through the centre of the other variables. The legend says which.
 */
public final class RegionPicture {
  public static final Color PROVED = new Color(0x2e, 0x9d, 0x4f);
  public static final Color UNKNOWN = new Color(0xf2, 0xc1, 0x2e);
  public static final Color REFUTED = new Color(0xd6, 0x2d, 0x2d);
  public static final Color PROJECTION_EDGE = new Color(0x1f, 0x4f, 0xd1);
  public static final Color SLICE_EDGE = new Color(0xa0, 0x2f, 0xc8);
  private static final int SIZE = 480;
  private static final int MARGIN = 60;
  /** Pixels per cell of the hypothesis grid. */
  private static final int CELL = 4;
  private static final int LEGEND_BAND = 40;

  private RegionPicture() {}

  /** Draws the projection of {@code log} onto (x, y) into a PNG at {@code file}. */
  public static void write(ProofLog.Contents log, String x, String y, Path file) throws IOException {
    Bounds bx = log.header().root().get(x);
    Bounds by = log.header().root().get(y);
    HypothesisRegion hyp = HypothesisRegion.of(log.header());
    BufferedImage img = new BufferedImage(SIZE + 2 * MARGIN,
        SIZE + 2 * MARGIN + (hyp == null ? 0 : LEGEND_BAND), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    List<ProofLog.Leaf> leaves = log.leaves().stream()
        .sorted(Comparator.comparingInt(l -> order(l.status()))).toList();
    for (ProofLog.Leaf l : leaves) {
      g.setColor(color(l.status()));
      int x0 = px(l.box().get(x).lo(), true, bx);
      int x1 = px(l.box().get(x).hi(), false, bx);
      int y0 = py(l.box().get(y).hi(), false, by);
      int y1 = py(l.box().get(y).lo(), true, by);
      g.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }
    if (hyp != null) {
      edges(g, hyp.projection(x, y, SIZE / CELL), PROJECTION_EDGE);
      if (hyp.hasOthers(x, y)) {
        edges(g, hyp.slice(x, y, SIZE / CELL), SLICE_EDGE);
      }
      hypothesisLegend(g, hyp, x, y);
    }
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(2f));
    for (ProofLog.Counterexample c : log.counterexamples()) {
      int cx = px(c.point().get(x), true, bx);
      int cy = py(c.point().get(y), true, by);
      g.drawLine(cx - 6, cy - 6, cx + 6, cy + 6);
      g.drawLine(cx - 6, cy + 6, cx + 6, cy - 6);
    }
    g.setStroke(new BasicStroke(1f));
    g.drawRect(MARGIN, MARGIN, SIZE, SIZE);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString(x + " = " + num(bx.lo(), true), MARGIN, MARGIN + SIZE + 18);
    String right = num(bx.hi(), false);
    g.drawString(right, MARGIN + SIZE - g.getFontMetrics().stringWidth(right), MARGIN + SIZE + 18);
    g.drawString(y + " = " + num(by.lo(), true), 4, MARGIN + SIZE);
    g.drawString(num(by.hi(), false), 4, MARGIN + 12);
    String title = log.header().lemma() + ": projection on (" + x + ", " + y + ")";
    for (int size = 14; size >= 9; size--) {
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
      if (g.getFontMetrics().stringWidth(title) <= SIZE + MARGIN - 4) {
        break;
      }
    }
    g.drawString(title, MARGIN, 24);
    legend(g);
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }

  /** Fills the marked cells that have an unmarked neighbour: the boundary of the marked set. */
  private static void edges(Graphics2D g, boolean[][] mask, Color color) {
    g.setColor(color);
    int n = mask.length;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        boolean edge = mask[i][j] && ((i > 0 && !mask[i - 1][j]) || (i < n - 1 && !mask[i + 1][j])
            || (j > 0 && !mask[i][j - 1]) || (j < n - 1 && !mask[i][j + 1]));
        if (edge) {
          g.fillRect(MARGIN + i * CELL, MARGIN + SIZE - (j + 1) * CELL, CELL, CELL);
        }
      }
    }
  }

  private static void hypothesisLegend(Graphics2D g, HypothesisRegion hyp, String x, String y) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int top = MARGIN + SIZE + 36;
    g.setColor(PROJECTION_EDGE);
    g.fillRect(MARGIN, top - 10, 12, 12);
    g.setColor(Color.BLACK);
    g.drawString("hypotheses: edge of their projection (no point outside satisfies them)",
        MARGIN + 16, top);
    if (hyp.hasOthers(x, y)) {
      List<String> at = new java.util.ArrayList<>();
      hyp.centre(x, y).forEach((v, c) -> at.add(v + " = " + num(c)));
      String text = "hypotheses: boundary on the slice " + String.join(", ", at);
      while (g.getFontMetrics().stringWidth(text) > SIZE + MARGIN - 20) {
        text = text.substring(0, text.length() - (text.endsWith("...") ? 4 : 1)) + "...";
      }
      g.setColor(SLICE_EDGE);
      g.fillRect(MARGIN, top + 6, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(text, MARGIN + 16, top + 16);
    }
  }

  private static void legend(Graphics2D g) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int x = MARGIN;
    int y = 44;
    for (Map.Entry<String, Color> e : List.of(Map.entry("proved", PROVED),
        Map.entry("unknown", UNKNOWN), Map.entry("refuted", REFUTED))) {
      g.setColor(e.getValue());
      g.fillRect(x, y - 10, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(e.getKey(), x + 16, y);
      x += 90;
    }
    g.drawString("x  counterexample", x, y);
  }

  private static int order(ProofLog.Status s) {
    return switch (s) {
      case PROVED -> 0;
      case UNKNOWN -> 1;
      case REFUTED -> 2;
    };
  }

  private static Color color(ProofLog.Status s) {
    return switch (s) {
      case PROVED -> PROVED;
      case UNKNOWN -> UNKNOWN;
      case REFUTED -> REFUTED;
    };
  }

  /**
   * Where v (an end: null is -oo if {@code lower}, else +oo) lies along the root range b, from 0
   * to 1: linearly on a bounded range, after x -&gt; x / (1 + |x|) on an unbounded one (the measure
   * of the volumes).
   */
  private static double position(BigFraction v, boolean lower, Bounds b) {
    if (b.bounded()) {
      return v.subtract(b.lo()).divide(b.width()).doubleValue();
    }
    return Bounds.compact(v, lower).subtract(Bounds.compact(b.lo(), true))
        .divide(b.compactLength()).doubleValue();
  }

  private static int px(BigFraction v, boolean lower, Bounds b) {
    return MARGIN + (int) Math.round(SIZE * position(v, lower, b));
  }

  private static int py(BigFraction v, boolean lower, Bounds b) {
    return MARGIN + SIZE - (int) Math.round(SIZE * position(v, lower, b));
  }

  private static String num(BigFraction v, boolean lower) {
    return v == null ? (lower ? "-oo" : "oo") : num(v.doubleValue());
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}

package org.eoscheck.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots (xchart, headless): panels of line, dashed-line and scatter series stacked vertically
 * in one image. Non-finite points are dropped (and non-positive ones on a logarithmic axis); long
 * series are thinned to the minimum and maximum of each of {@link #MAX_POINTS}/2 buckets, which
 * keeps the envelope of an oscillating curve such as the sharpness at the Edge of Stability.
 */
public final class Charts {
  /** Series longer than this are thinned. */
  public static final int MAX_POINTS = 4000;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** How a series is drawn. */
  public enum Style {
    LINE,
    DASHED,
    SCATTER
  }

  /** A named series of points (x_i, y_i). */
  public record Series(String name, double[] x, double[] y, Style style) {
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values, "
            + y.length + " y values");
      }
    }
  }

  /** One plot: title, axis labels, logarithmic y axis or not, its series. */
  public record Panel(String title, String xLabel, String yLabel, boolean logY, List<Series> series) {
    public Panel {
      series = List.copyOf(series);
    }
  }

  /** Distinct, print-friendly series colours (the stability line is always dark red). */
  private static final Color[] PALETTE = {new Color(31, 90, 200), new Color(230, 120, 0),
      new Color(30, 150, 60), new Color(140, 60, 170), new Color(90, 90, 90)};

  private Charts() {}

  /** The horizontal line y = level over [xMin, xMax], dashed (e.g. the stability threshold 2/eta). */
  public static Series level(String name, double level, double xMin, double xMax) {
    return new Series(name, new double[] {xMin, xMax}, new double[] {level, level}, Style.DASHED);
  }

  /** Writes the panels, stacked vertically, as one PNG of the given width and panel height. */
  public static void writePng(Path file, List<Panel> panels, int width, int panelHeight)
      throws IOException {
    List<XYChart> charts = new ArrayList<>();
    for (Panel p : panels) {
      charts.add(chart(p, width, panelHeight));
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(charts, charts.size(), 1, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }

  private static XYChart chart(Panel p, int width, int height) {
    XYChart c = new XYChartBuilder().width(width).height(height).title(p.title())
        .xAxisTitle(p.xLabel()).yAxisTitle(p.yLabel()).build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    c.getStyler().setYAxisLogarithmic(p.logY());
    c.getStyler().setYAxisLogarithmicDecadeOnly(true);
    c.getStyler().setSeriesColors(PALETTE);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setPlotGridLinesVisible(!p.logY());
    c.getStyler().setXAxisDecimalPattern("#.###");
    c.getStyler().setMarkerSize(4);
    int added = 0;
    for (Series s : p.series()) {
      double[][] pts = thin(clean(s.x(), s.y(), p.logY()));
      if (pts[0].length == 0) {
        continue;
      }
      XYSeries xy = c.addSeries(s.name(), pts[0], pts[1]);
      switch (s.style()) {
        case SCATTER:
          xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          break;
        case DASHED:
          xy.setMarker(SeriesMarkers.NONE);
          xy.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
              new float[] {8f, 6f}, 0f));
          xy.setLineColor(Color.RED.darker());
          break;
        default:
          xy.setMarker(SeriesMarkers.NONE);
          xy.setLineWidth(1.2f);
      }
      added++;
    }
    if (added == 0) {
      XYSeries none = c.addSeries("(no finite data)", new double[] {0}, new double[] {1});
      none.setMarker(SeriesMarkers.NONE);
    }
    return c;
  }

  /** The finite points (positive y on a log axis), as {x[], y[]}. */
  static double[][] clean(double[] x, double[] y, boolean logY) {
    int n = 0;
    double[] cx = new double[x.length];
    double[] cy = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logY || y[i] > 0)) {
        cx[n] = x[i];
        cy[n] = y[i];
        n++;
      }
    }
    return new double[][] {java.util.Arrays.copyOf(cx, n), java.util.Arrays.copyOf(cy, n)};
  }

  /** At most {@link #MAX_POINTS} points: per bucket the minimum and maximum, in x order. */
  static double[][] thin(double[][] pts) {
    double[] x = pts[0];
    double[] y = pts[1];
    int n = x.length;
    if (n <= MAX_POINTS) {
      return pts;
    }
    int buckets = MAX_POINTS / 2;
    double[] tx = new double[2 * buckets];
    double[] ty = new double[2 * buckets];
    int m = 0;
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) b * n / buckets);
      int to = (int) ((long) (b + 1) * n / buckets);
      int lo = from;
      int hi = from;
      for (int i = from; i < to; i++) {
        if (y[i] < y[lo]) {
          lo = i;
        }
        if (y[i] > y[hi]) {
          hi = i;
        }
      }
      int first = Math.min(lo, hi);
      int second = Math.max(lo, hi);
      tx[m] = x[first];
      ty[m++] = y[first];
      if (second != first) {
        tx[m] = x[second];
        ty[m++] = y[second];
      }
    }
    return new double[][] {java.util.Arrays.copyOf(tx, m), java.util.Arrays.copyOf(ty, m)};
  }
}

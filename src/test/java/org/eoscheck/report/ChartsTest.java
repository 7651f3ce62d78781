package org.eoscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  @Test
  void writesStackedPanelsAsOnePng(@TempDir Path dir) throws IOException {
    double[] x = {0, 1, 2, 3, 4};
    Charts.Panel top = new Charts.Panel("sharpness", "step", "lambda", false, List.of(
        new Charts.Series("lambda", x, new double[] {1, 2, Double.NaN, 3, 3}, Charts.Style.LINE),
        Charts.level("2/eta", 2.5, 0, 4)));
    Charts.Panel bottom = new Charts.Panel("loss", "step", "loss", true, List.of(
        new Charts.Series("loss", x, new double[] {1, 0.1, 0, -1, 1e-3}, Charts.Style.LINE),
        new Charts.Series("empty", x, new double[] {Double.NaN, 0, 0, 0, 0}, Charts.Style.SCATTER)));
    Path png = dir.resolve("sub/plot.png");
    Charts.writePng(png, List.of(top, bottom), 640, 300);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(640, image.getWidth());
    assertEquals(600, image.getHeight());
  }

  @Test
  void emptyPanelsStillRender(@TempDir Path dir) throws IOException {
    Charts.Panel p = new Charts.Panel("nothing", "x", "y", true,
        List.of(new Charts.Series("nan", new double[] {1}, new double[] {Double.NaN}, Charts.Style.LINE)));
    Path png = dir.resolve("empty.png");
    Charts.writePng(png, List.of(p), 300, 200);
    assertEquals(200, ImageIO.read(png.toFile()).getHeight());
  }

  @Test
  void thinningKeepsTheEnvelope() {
    int n = 100_000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = (i % 2 == 0 ? 1 : -1) * (1 + i / (double) n);
    }
    y[77_777] = 50;
    double[][] t = Charts.thin(new double[][] {x, y});
    assertTrue(t[0].length <= Charts.MAX_POINTS);
    assertEquals(50, Arrays.stream(t[1]).max().orElseThrow());
    assertTrue(Arrays.stream(t[1]).min().orElseThrow() < -1.99);
    for (int i = 1; i < t[0].length; i++) {
      assertTrue(t[0][i] > t[0][i - 1], "x stays ordered");
    }
  }

  @Test
  void cleanDropsNonFiniteAndNonPositiveOnLogAxes() {
    double[][] c = Charts.clean(new double[] {0, 1, 2, 3}, new double[] {1, Double.NaN, 0, -2}, true);
    assertEquals(1, c[0].length);
    double[][] d = Charts.clean(new double[] {0, 1, 2, 3}, new double[] {1, Double.NaN, 0, -2}, false);
    assertEquals(3, d[0].length);
    assertThrows(IllegalArgumentException.class,
        () -> new Charts.Series("bad", new double[2], new double[3], Charts.Style.LINE));
  }
}

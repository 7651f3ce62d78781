package org.eoscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.ProofLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionReportsTest {
  @TempDir
  Path dir;

  @Test
  void shippedCertificatesGiveAnIndexAndPicturesInTheRightColours() throws Exception {
    Path log = Path.of("proofs-log/kreisler-depth2-criterion-is-tight.jsonl");
    ProofLog.Contents c = ProofLogReader.read(log);
    List<RegionReports.Entry> entries = RegionReports.write(List.of(log), List.of(c), dir);
    assertEquals(3, entries.get(0).pictures().size(), "three variables, three pairs");
    String md = Files.readString(dir.resolve("index.md"));
    assertTrue(md.contains("| kreisler-depth2-criterion-is-tight | REFUTED |"), md);
    assertTrue(md.contains("counterexample to claim 1"), md);
    assertTrue(Files.readString(dir.resolve("index.html")).contains("<img src=\""));
    // The run stopped at its first counterexample: the whole box is unknown, so the picture
    // must show unknown (yellow) and no proved (green) pixel inside the frame.
    BufferedImage img = ImageIO.read(entries.get(0).pictures().get(0).toFile());
    int yellow = 0;
    int green = 0;
    for (int x = 70; x < 530; x += 5) {
      for (int y = 70; y < 530; y += 5) {
        int rgb = img.getRGB(x, y) & 0xffffff;
        yellow += rgb == (RegionPicture.UNKNOWN.getRGB() & 0xffffff) ? 1 : 0;
        green += rgb == (RegionPicture.PROVED.getRGB() & 0xffffff) ? 1 : 0;
      }
    }
    assertTrue(yellow > 1000, "yellow pixels: " + yellow);
    assertEquals(0, green);
  }

  /**
   * Depth-2 criterion, box [-3, 3]^2 x [1/100, 1]: on the slice eta = 101/200 the hypothesis
   * eta^2 (w1 w2 - 1)^2 <= 2 holds between the hyperbolas w1 w2 = 1 - sqrt(2)/eta and
   * 1 + sqrt(2)/eta, so the slice boundary passes there and nowhere near the origin; its
   * projection (some eta works for every (w1, w2)) has no edge at all.
   */
  @Test
  void theHypothesisBoundaryIsDrawnWhereItIs() throws Exception {
    BufferedImage img = picture("kreisler-depth2-gfs-sharpness-decreases");
    double reach = Math.sqrt(2) / (101.0 / 200);
    for (double w1 : new double[] {-2.5, -1.5, 1.5, 2.5}) {
      double w2 = (w1 > 0 ? 1 + reach : 1 - reach) / w1;
      assertTrue(near(img, pixel(w1), pixel(-w2), RegionPicture.SLICE_EDGE),
          "slice boundary at w1 = " + w1 + ", w2 = " + w2);
    }
    assertFalse(near(img, pixel(0), pixel(0), RegionPicture.SLICE_EDGE), "not at the origin");
    assertEquals(0, count(img, RegionPicture.PROJECTION_EDGE), "the projection has no edge");
  }

  /**
   * Depth 3 on [1/4, 4]^3 with w1 w2 w3 = 1: some w3 works iff 1/4 <= w1 w2 <= 4, so the
   * projection's edge runs along those two hyperbolas.
   */
  @Test
  void theProjectionOfAnEquationHypothesisHasItsEdgesWhereItShould() throws Exception {
    BufferedImage img = picture("kreisler-minimiser-sharpness-depth3");
    java.util.function.DoubleUnaryOperator px = v -> 60 + 480 * (v - 0.25) / 3.75;
    java.util.function.DoubleUnaryOperator py = v -> 60 + 480 - 480 * (v - 0.25) / 3.75;
    for (double[] p : new double[][] {{2, 2}, {1, 4}, {4, 1}, {0.5, 0.5}}) {
      assertTrue(near(img, (int) px.applyAsDouble(p[0]), (int) py.applyAsDouble(p[1]),
          RegionPicture.PROJECTION_EDGE), "projection edge at " + p[0] + ", " + p[1]);
    }
    assertFalse(near(img, (int) px.applyAsDouble(1), (int) py.applyAsDouble(1),
        RegionPicture.PROJECTION_EDGE), "inside, at (1, 1)");
  }

  /** The (w1, w2) picture of a shipped certificate. */
  private BufferedImage picture(String lemma) throws Exception {
    ProofLog.Contents c = ProofLogReader.read(Path.of("proofs-log/" + lemma + ".jsonl"));
    Path png = dir.resolve(lemma + ".png");
    RegionPicture.write(c, "w1", "w2", png);
    return ImageIO.read(png.toFile());
  }

  /** Pixel of a coordinate of the box [-3, 3] (x axis; for y pass -v). */
  private static int pixel(double v) {
    return (int) Math.round(60 + 480 * (v + 3) / 6);
  }

  private static boolean near(BufferedImage img, int x, int y, java.awt.Color color) {
    for (int dx = -6; dx <= 6; dx++) {
      for (int dy = -6; dy <= 6; dy++) {
        int px = x + dx;
        int py = y + dy;
        if (px >= 0 && py >= 0 && px < img.getWidth() && py < img.getHeight()
            && (img.getRGB(px, py) & 0xffffff) == (color.getRGB() & 0xffffff)) {
          return true;
        }
      }
    }
    return false;
  }

  private static int count(BufferedImage img, java.awt.Color color) {
    int n = 0;
    for (int x = 60; x < 540; x++) {
      for (int y = 60; y < 540; y++) {
        n += (img.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff) ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void pairsOfVariablesIncludeTheLastOne() {
    assertEquals(1, RegionReports.pairs(2).size());
    assertEquals(3, RegionReports.pairs(4).get(2)[1]);
  }
}

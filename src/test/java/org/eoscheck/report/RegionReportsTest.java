package org.eoscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  @Test
  void pairsOfVariablesIncludeTheLastOne() {
    assertEquals(1, RegionReports.pairs(2).size());
    assertEquals(3, RegionReports.pairs(4).get(2)[1]);
  }
}

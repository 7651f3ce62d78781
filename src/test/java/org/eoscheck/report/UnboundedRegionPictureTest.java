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

/**
 * Pictures of logs over unbounded boxes: ranges are placed after x -&gt; x/(1+|x|), so on
 * w1 in [-oo, oo] the split at 0 is the middle of the picture and a tail [1, oo] its last quarter;
 * an unknown tail is drawn, never hidden; the index states the measure.
 */
class UnboundedRegionPictureTest {
  @TempDir
  Path dir;

  private static final String ALL = "[\"-oo\",\"oo\"]";
  private static final String ETA = "[\"0\",\"oo\"]";

  private static String leaf(String path, String w1, String status) {
    return "{\"type\":\"leaf\",\"path\":\"" + path + "\",\"box\":{\"w1\":" + w1 + ",\"w2\":" + ALL
        + ",\"eta\":" + ETA + "},\"status\":\"" + status + "\",\"evidence\":[],\"ms\":1}";
  }

  @Test
  void anUnknownTailIsDrawnWhereTheMeasurePutsIt() throws Exception {
    Path genuine = Path.of("proofs-log/kreisler-depth2-criterion-unbounded.jsonl");
    StringBuilder text = new StringBuilder();
    for (String line : Files.readString(genuine).split("\n")) {
      if (line.startsWith("{\"type\":\"leaf\"")) {
        text.append(leaf("r.0", "[\"-oo\",\"0\"]", "proved")).append('\n')
            .append(leaf("r.1.0", "[\"0\",\"1\"]", "proved")).append('\n')
            .append(leaf("r.1.1", "[\"1\",\"oo\"]", "unknown")).append('\n');
      } else if (!line.startsWith("{\"type\":\"result\"")) {
        text.append(line).append('\n');
      }
    }
    Path log = dir.resolve("tail.jsonl");
    Files.writeString(log, text);
    ProofLog.Contents c = ProofLogReader.read(log);
    List<RegionReports.Entry> entries = RegionReports.write(List.of(log), List.of(c), dir);
    assertTrue(Files.readString(dir.resolve("index.md")).contains("x -> x/(1+|x|)"));
    BufferedImage img = ImageIO.read(entries.get(0).pictures().get(0).toFile()); // (w1, w2)
    // the frame spans x = 60 .. 540: c(w1) = -1 .. 1; c(1) = 1/2 lies at x = 420
    int unknown = RegionPicture.UNKNOWN.getRGB() & 0xffffff;
    int proved = RegionPicture.PROVED.getRGB() & 0xffffff;
    assertEquals(proved, img.getRGB(100, 300) & 0xffffff, "w1 < 0: proved");
    assertEquals(proved, img.getRGB(400, 300) & 0xffffff, "0 < w1 < 1: proved");
    assertEquals(unknown, img.getRGB(440, 300) & 0xffffff, "w1 > 1: unknown");
    assertEquals(unknown, img.getRGB(535, 300) & 0xffffff, "far out: unknown");
  }
}

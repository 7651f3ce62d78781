package org.eoscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void oneRunWithAllOutputs(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("run.csv");
    Path json = dir.resolve("run.json");
    Path png = dir.resolve("run.png");
    CliRun r = run("simulate", "scalar", "--depth", "3", "--eta", "0.55", "--init",
        "w1=0.1,w2=0.1,w3=2", "--steps", "3000", "--every", "10", "--csv", csv.toString(),
        "--json", json.toString(), "--plot", png.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("outcome: converged"), r.out());
    assertTrue(r.out().contains("linearly stable"), r.out());
    List<String> lines = Files.readAllLines(csv);
    assertTrue(lines.contains("# eta: 0.55"), lines.subList(0, 10).toString());
    assertTrue(lines.contains("# seed: 1"));
    assertTrue(lines.contains("# init: w1=0.1,w2=0.1,w3=2"));
    String header = lines.stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
    assertTrue(header.startsWith("step,loss,residual,sharpness,eta_sharpness,sharpness_tol,phi,"), header);
    assertTrue(header.contains("w1^2-w2^2") && header.endsWith("w1,w2,w3"), header);
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals("converged", root.get("outcome").asText());
    assertEquals(0.55, root.get("options").get("eta_value").asDouble());
    assertEquals("double", root.get("options").get("precision").asText());
    JsonNode records = root.get("records");
    JsonNode last = records.get(records.size() - 1);
    // GD settles just below 2/eta although phi at the start is above it (Edge of Stability).
    assertTrue(records.get(0).get("eta_phi").asDouble() > 2);
    assertTrue(last.get("eta_sharpness").asDouble() <= 2 && last.get("eta_sharpness").asDouble() > 1.95);
    assertTrue(records.get(0).get("phi_change").isNull());
    assertEquals(900, ImageIO.read(png.toFile()).getWidth());
  }

  @Test
  void exactPrecisionIsLabelled(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("exact.json");
    CliRun r = run("simulate", "two-layer", "--eta", "1/2", "--init", "2,0.1", "--steps", "400",
        "--precision", "exact", "--digits", "40", "--every", "100", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("exact: BigDecimal, 40 significant digits"), r.out());
    assertTrue(r.out().contains("sharpness: double"), r.out());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    String a1 = root.get("records").get(1).get("theta_exact").get(0).asText();
    assertTrue(a1.replace("-", "").replace(".", "").length() >= 35, a1);
  }

  @Test
  void sweepOfRandomInitialisations(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("sweep.csv");
    Path png = dir.resolve("sweep.png");
    CliRun r = run("simulate", "scalar", "--depth", "2", "--eta", "0.99", "--inits", "40",
        "--seed", "3", "--steps", "6000", "--csv", csv.toString(), "--plot", png.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("outcomes of 40 runs: converged"), r.out());
    List<String> lines = Files.readAllLines(csv);
    assertTrue(lines.contains("# seed: 3") && lines.contains("# inits: 40"));
    assertEquals(40, lines.stream().filter(l -> !l.startsWith("#")).count() - 1);
    assertTrue(Files.size(png) > 1000);
  }

  @Test
  void stepSizeSweepOverRandomInitialisations(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("share.csv");
    Path png = dir.resolve("share.png");
    CliRun r = run("simulate", "scalar", "--depth", "2", "--eta", "0.9:1.1:0.1", "--inits", "40",
        "--steps", "3000", "--csv", csv.toString(), "--plot", png.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("(3 step sizes)"), r.out());
    assertTrue(r.out().contains("the same 40 random initialisations"), r.out());
    List<String> rows = Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).toList();
    assertEquals(4, rows.size(), rows.toString());
    assertTrue(rows.get(0).startsWith("eta,two_over_eta,runs,converged,period_two,bounded,diverged,"
        + "converged_fraction"), rows.get(0));
    // eta* = 2/D = 1: convergence from most points below, from none above.
    String[] below = rows.get(1).split(",");
    String[] above = rows.get(3).split(",");
    assertEquals("0.9", below[0]);
    assertTrue(Double.parseDouble(below[7]) > 0.5, rows.get(1));
    assertEquals("1.1", above[0]);
    assertEquals("0", above[7], rows.get(3));
    assertEquals(900, ImageIO.read(png.toFile()).getWidth());
  }

  @Test
  void stepSizeSweepFromOnePoint(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("ratio.json");
    CliRun r = run("simulate", "two-layer", "--eta", "0.5,0.6,0.9", "--init", "a1=2,b1=0.1",
        "--steps", "20000", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("0.645098"), r.out());
    JsonNode rows = new ObjectMapper().readTree(json.toFile()).get("step_sizes");
    assertEquals(3, rows.size());
    assertEquals(0.4531, rows.get(1).get("sharpness_ratio").asDouble(), 5e-5);
    assertEquals("3/5", rows.get(1).get("eta_exact").asText());
    assertEquals("diverged", rows.get(2).get("outcome").asText());
    assertTrue(rows.get(2).get("sharpness_ratio").isNull());
  }

  @Test
  void normalisedGdAgainstItsLimitingFlow(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("flow.csv");
    CliRun r = run("simulate", "custom", "--params", "x,y", "--loss", "(1 + x^2)*y^2", "--method",
        "ngd", "--init", "2,0.1", "--eta", "0.1,0.05", "--flow", "1", "--flow-points", "2",
        "--csv", csv.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("dX/dtau = -(1/4) P_T grad log lambda_1"), r.out());
    List<String> rows = Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).toList();
    assertEquals("eta,step,tau,error,theta x,theta y,Phi x,Phi y,X x,X y", rows.get(0));
    assertEquals(7, rows.size());
    String[] last = rows.get(6).split(",");
    assertEquals("400", last[1]);
    // ln x + x^2/2 = ln X0 + X0^2/2 - tau/2 (X0 = Phi(2, 0.1)) with tau = 1.
    double g0 = Math.log(2) + 2 - 0.005;
    double x = Double.parseDouble(last[8]);
    assertEquals(g0 - 0.5, Math.log(x) + x * x / 2, 1e-8);
    assertTrue(Double.parseDouble(last[3]) < 1e-4, rows.get(6));
    for (String[] bad : new String[][] {{"--method", "gd", "--flow", "1"},
        {"--method", "ngd", "--flow", "1", "--steps", "5"}, {"--method", "ngd", "--flow", "-1"},
        {"--method", "ngd", "--flow", "1", "--precision", "exact"}}) {
      String[] args = {"simulate", "custom", "--params", "x,y", "--loss", "(1 + x^2)*y^2",
          "--init", "2,0.1", "--eta", "0.1"};
      String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
          java.util.Arrays.stream(bad)).toArray(String[]::new);
      CliRun b = run(all);
      assertEquals(2, b.code(), String.join(" ", bad) + ": " + b.err());
      assertTrue(b.err().startsWith("eoscheck: --flow"), b.err());
    }
  }

  @Test
  void tanhNetworkAndCustomLoss() {
    CliRun tanh = run("simulate", "tanh", "--dims", "2,4,1", "--samples", "8", "--eta", "0.2",
        "--init", "random", "--steps", "50", "--every", "25", "--gf-every", "-1");
    assertEquals(0, tanh.code(), tanh.err());
    assertTrue(tanh.out().contains("tanh network, widths [2, 4, 1]"), tanh.out());
    assertTrue(tanh.out().contains("phi: not computed"), tanh.out());
    CliRun ngd = run("simulate", "custom", "--params", "x,y", "--loss", "(1 + x^2)*y^2",
        "--eta", "0.01", "--init", "1,0.1", "--steps", "200", "--method", "ngd", "--every", "50");
    assertEquals(0, ngd.code(), ngd.err());
    assertTrue(ngd.out().contains("ngd (theta - eta grad L / |grad L|)"), ngd.out());
    assertTrue(ngd.out().contains("gradient flow integrated"), ngd.out());
  }

  @Test
  void badInputIsOneClearLineWithExitCodeTwo() {
    String[][] cases = {
        {"--eta", "-1", "--init", "1,1"},
        {"--eta", "abc", "--init", "1,1"},
        {"--eta", "0.1", "--init", "1,2,3"},
        {"--eta", "0.1", "--init", "w1=1,w9=2"},
        {"--eta", "0.1", "--init", "w1=1,w1=2"},
        {"--eta", "0.1", "--init", "w1=1,2"},
        {"--eta", "0.1", "--init", "1,x"},
        {"--eta", "0.1"},
        {"--eta", "0.1", "--init", "1,1", "--inits", "5"},
        {"--eta", "0.1", "--init", "1,1", "--method", "adam"},
        {"--eta", "0.1", "--init", "1,1", "--precision", "quad"},
        {"--eta", "0.1", "--init", "1,1", "--every", "0"},
        {"--eta", "0.1", "--init", "1,1", "--target", "y"},
        {"--eta", "0.1", "--init", "1,1", "--depth", "0"},
        {"--eta", "0.1", "--inits", "0"},
        {"--eta", "0.9:0.8:0.1", "--inits", "5"},
        {"--eta", "0.1,,0.2", "--init", "1,1"},
    };
    for (String[] c : cases) {
      String[] args = new String[c.length + 2];
      args[0] = "simulate";
      args[1] = "scalar";
      System.arraycopy(c, 0, args, 2, c.length);
      CliRun r = run(args);
      assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
      String err = r.err().strip();
      assertTrue(err.startsWith("eoscheck: ") && !err.contains("\n") && !err.contains("Exception"),
          String.join(" ", c) + " -> " + err);
    }
    CliRun exp = run("simulate", "custom", "--params", "x", "--loss", "exp(x)", "--eta", "0.1",
        "--init", "1", "--precision", "exact");
    assertEquals(2, exp.code());
    assertTrue(exp.err().contains("high precision"), exp.err());
    CliRun tanh = run("simulate", "tanh", "--dims", "2", "--eta", "0.1", "--init", "random");
    assertEquals(2, tanh.code());
    CliRun exactTanh = run("simulate", "tanh", "--eta", "0.1", "--init", "random", "--precision", "exact");
    assertEquals(2, exactTanh.code());
    assertTrue(exactTanh.err().contains("high precision needs a symbolic model"), exactTanh.err());
    CliRun structured = run("simulate", "two-layer", "--eta", "0.1", "--init", "1,1",
        "--sharpness", "structured");
    assertEquals(2, structured.code());
    assertTrue(structured.err().contains("structured sharpness"), structured.err());
    CliRun missingEta = run("simulate", "scalar", "--init", "1,1");
    assertEquals(2, missingEta.code());
  }

  @Test
  void aRiseOfPhiIsNamedWithALemmaFileThatCheckRefutes() throws Exception {
    CliRun r = run("simulate", "scalar", "--depth", "2", "--eta", "0.52", "--init",
        "w1=1.3912,w2=2.7007", "--steps", "5", "--every", "1");
    assertEquals(Main.OK, r.code(), r.err());
    assertTrue(r.out().contains("phi rose from 5.71942656579 at step 0 to 5.99966094186 at step 1:"
        + " theta at step 0 refutes phi(gd(theta)) <= phi(theta)"), r.out());
    String yaml = r.out().substring(r.out().indexOf("name: phi-rise-at-step-0"));
    java.nio.file.Path f = java.nio.file.Files.createTempFile("rise", ".yaml");
    java.nio.file.Files.writeString(f, yaml);
    CliRun check = run("check", f.toString(), "--no-log", "--no-z3", "--time-limit", "20");
    assertEquals(Main.REFUTED, check.code(), check.out() + check.err());
    java.nio.file.Files.delete(f);
    // a run that converges quietly names nothing
    CliRun calm = run("simulate", "scalar", "--depth", "2", "--eta", "0.1", "--init",
        "w1=1.3,w2=0.6", "--steps", "200", "--every", "1");
    assertFalse(calm.out().contains("phi rose"), calm.out());
  }
}

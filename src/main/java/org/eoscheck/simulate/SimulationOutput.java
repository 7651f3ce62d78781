package org.eoscheck.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.eoscheck.report.Charts;

/**
 * Writes simulations as CSV (comment lines "# key: value" with every option and the seed, then a
 * header row and one row per record), JSON (the same, with the high-precision iterates as decimal
 * strings) and PNG plots. CSV and JSON share one list of columns; non-finite numbers are empty
 * cells in CSV and null in JSON.
 */
public final class SimulationOutput {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A named numeric column. */
  private record Column<T>(String name, ToDoubleFunction<T> value) {}

  private SimulationOutput() {}

  private static List<Column<StepRecord>> stepColumns(Trajectory t, double eta, List<String> params) {
    List<Column<StepRecord>> c = new ArrayList<>();
    c.add(new Column<>("step", StepRecord::step));
    c.add(new Column<>("loss", StepRecord::loss));
    c.add(new Column<>("residual", StepRecord::residual));
    c.add(new Column<>("sharpness", StepRecord::sharpness));
    c.add(new Column<>("eta_sharpness", r -> eta * r.sharpness()));
    c.add(new Column<>("sharpness_tol", StepRecord::sharpnessTolerance));
    c.add(new Column<>("phi", StepRecord::phi));
    c.add(new Column<>("eta_phi", r -> eta * r.phi()));
    c.add(new Column<>("phi_tol", StepRecord::phiTolerance));
    c.add(new Column<>("phi_change", StepRecord::phiChange));
    c.add(new Column<>("grad_norm", StepRecord::gradientNorm));
    List<String> inv = t.invariantNames();
    for (int i = 0; i < inv.size(); i++) {
      int k = i;
      c.add(new Column<>(inv.get(i), r -> r.invariants()[k]));
    }
    for (int i = 0; i < inv.size(); i++) {
      int k = i;
      c.add(new Column<>("change " + inv.get(i), r -> r.invariantChanges()[k]));
    }
    for (int i = 0; i < params.size(); i++) {
      int k = i;
      c.add(new Column<>(params.get(i), r -> r.theta()[k]));
    }
    return c;
  }

  private static List<Column<Sweep.Run>> runColumns(double eta, List<String> params) {
    List<Column<Sweep.Run>> c = new ArrayList<>();
    c.add(new Column<>("index", Sweep.Run::index));
    c.add(new Column<>("steps", Sweep.Run::steps));
    c.add(new Column<>("loss", Sweep.Run::loss));
    c.add(new Column<>("sharpness", Sweep.Run::sharpness));
    c.add(new Column<>("eta_sharpness", r -> eta * r.sharpness()));
    c.add(new Column<>("phi_start", Sweep.Run::phiStart));
    c.add(new Column<>("phi_end", Sweep.Run::phiEnd));
    for (int i = 0; i < params.size(); i++) {
      int k = i;
      c.add(new Column<>("init " + params.get(i), r -> r.init()[k]));
    }
    return c;
  }

  /** A double as CSV/plain text: shortest round-trip form, empty when not finite. */
  static String number(double x) {
    if (!Double.isFinite(x)) {
      return "";
    }
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }

  private static String csvCell(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static <T> void csv(Path file, Map<String, Object> meta, List<Column<T>> cols,
      List<String> extraNames, List<T> rows, java.util.function.Function<T, List<String>> extra)
      throws IOException {
    createParent(file);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, Object> e : meta.entrySet()) {
        w.write("# " + e.getKey() + ": " + String.valueOf(e.getValue()).replace('\n', ' ') + "\n");
      }
      List<String> header = new ArrayList<>();
      cols.forEach(c -> header.add(csvCell(c.name())));
      extraNames.forEach(n -> header.add(csvCell(n)));
      w.write(String.join(",", header) + "\n");
      for (T row : rows) {
        List<String> cells = new ArrayList<>();
        for (Column<T> c : cols) {
          cells.add(number(c.value().applyAsDouble(row)));
        }
        extra.apply(row).forEach(s -> cells.add(csvCell(s)));
        w.write(String.join(",", cells) + "\n");
      }
    }
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  private static <T> ObjectNode row(List<Column<T>> cols, T value) {
    ObjectNode o = JSON.createObjectNode();
    for (Column<T> c : cols) {
      double x = c.value().applyAsDouble(value);
      if (Double.isFinite(x)) {
        o.put(c.name(), x);
      } else {
        o.putNull(c.name());
      }
    }
    return o;
  }

  private static ObjectNode header(Map<String, Object> meta) {
    ObjectNode root = JSON.createObjectNode();
    root.set("options", JSON.valueToTree(meta));
    return root;
  }

  private static void writeJson(Path file, ObjectNode root) throws IOException {
    createParent(file);
    JSON.writeValue(file.toFile(), root);
  }

  public static void trajectoryCsv(Path file, Map<String, Object> meta, Trajectory t, double eta,
      List<String> params) throws IOException {
    csv(file, meta, stepColumns(t, eta, params), List.of(), t.records(), r -> List.of());
  }

  public static void trajectoryJson(Path file, Map<String, Object> meta, Trajectory t, double eta,
      List<String> params) throws IOException {
    ObjectNode root = header(meta);
    root.put("outcome", t.outcome().label());
    root.put("steps_run", t.stepsRun());
    List<Column<StepRecord>> cols = stepColumns(t, eta, params);
    ArrayNode records = root.putArray("records");
    for (StepRecord r : t.records()) {
      ObjectNode o = row(cols, r);
      if (r.exactTheta() != null) {
        ArrayNode exact = o.putArray("theta_exact");
        r.exactTheta().forEach(x -> exact.add(x == null ? null : x.toString()));
      }
      records.add(o);
    }
    writeJson(file, root);
  }

  public static void sweepCsv(Path file, Map<String, Object> meta, List<Sweep.Run> runs, double eta,
      List<String> params) throws IOException {
    csv(file, meta, runColumns(eta, params), List.of("outcome"), runs,
        r -> List.of(r.outcome().label()));
  }

  public static void sweepJson(Path file, Map<String, Object> meta, List<Sweep.Run> runs,
      Sweep.Summary summary, double eta, List<String> params) throws IOException {
    ObjectNode root = header(meta);
    ObjectNode s = root.putObject("summary");
    summary.counts().forEach((k, v) -> s.put(k.label(), v));
    s.set("limit_sharpness", JSON.valueToTree(summary.limitSharpness()));
    s.put("limits_at_most_2_over_eta", summary.stableLimits());
    s.put("two_over_eta", summary.twoOverEta());
    List<Column<Sweep.Run>> cols = runColumns(eta, params);
    ArrayNode arr = root.putArray("runs");
    for (Sweep.Run r : runs) {
      arr.add(row(cols, r).put("outcome", r.outcome().label()));
    }
    writeJson(file, root);
  }

  // ---- plots ----

  /** Sharpness and GF-solution sharpness against 2/eta, and the loss on a log scale. */
  public static void trajectoryPlot(Path file, String title, Trajectory t, double eta)
      throws IOException {
    List<StepRecord> rs = t.records();
    double[] step = rs.stream().mapToDouble(StepRecord::step).toArray();
    double[] sharp = rs.stream().mapToDouble(StepRecord::sharpness).toArray();
    double[] phi = rs.stream().mapToDouble(StepRecord::phi).toArray();
    double[] loss = rs.stream().mapToDouble(StepRecord::loss).toArray();
    double last = Math.max(1, step[step.length - 1]);
    Charts.Panel top = new Charts.Panel(title, "step", "sharpness", false, List.of(
        new Charts.Series("sharpness lambda_max", step, sharp, Charts.Style.LINE),
        new Charts.Series("GFS sharpness phi", step, phi, Charts.Style.LINE),
        Charts.level(String.format(Locale.ROOT, "2/eta = %.4g", 2 / eta), 2 / eta, 0, last)));
    Charts.Panel bottom = new Charts.Panel("loss", "step", "loss (log scale)", true,
        List.of(new Charts.Series("loss", step, loss, Charts.Style.LINE)));
    Charts.writePng(file, List.of(top, bottom), 900, 420);
  }

  /** Final sharpness against the GF-solution sharpness at the start, per outcome, with 2/eta. */
  public static void sweepPlot(Path file, String title, List<Sweep.Run> runs, double eta)
      throws IOException {
    List<Charts.Series> series = new ArrayList<>();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Outcome o : Outcome.values()) {
      List<Sweep.Run> sel = runs.stream().filter(r -> r.outcome() == o).toList();
      if (sel.isEmpty() || o == Outcome.DIVERGED) {
        continue; // diverged runs have no final sharpness
      }
      double[] x = sel.stream().mapToDouble(Sweep.Run::phiStart).toArray();
      double[] y = sel.stream().mapToDouble(Sweep.Run::sharpness).toArray();
      for (double v : x) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      series.add(new Charts.Series(o.label() + " (" + sel.size() + ")", x, y, Charts.Style.SCATTER));
    }
    if (!(lo <= hi)) {
      lo = 0;
      hi = 1;
    }
    series.add(new Charts.Series("end = phi at the start (gradient flow)", new double[] {lo, hi},
        new double[] {lo, hi}, Charts.Style.LINE));
    series.add(Charts.level(String.format(Locale.ROOT, "2/eta = %.4g", 2 / eta), 2 / eta, lo, hi));
    Charts.Panel p = new Charts.Panel(title, "GFS sharpness phi at the start",
        "sharpness at the end", false, series);
    Charts.writePng(file, List.of(p), 900, 600);
  }
}

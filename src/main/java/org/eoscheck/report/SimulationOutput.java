package org.eoscheck.report;

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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.eoscheck.simulate.FlowComparison;
import org.eoscheck.simulate.Outcome;
import org.eoscheck.simulate.Sharpness;
import org.eoscheck.simulate.StepRecord;
import org.eoscheck.simulate.StepSizeSweep;
import org.eoscheck.simulate.Sweep;
import org.eoscheck.simulate.Trajectory;

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

  /** Summary columns of a step-size sweep; with one initial point also that run's figures. */
  private static List<Column<StepSizeSweep.Row>> stepSizeColumns(boolean oneInit) {
    List<Column<StepSizeSweep.Row>> c = new ArrayList<>();
    c.add(new Column<>("eta", StepSizeSweep.Row::etaValue));
    c.add(new Column<>("two_over_eta", r -> 2 / r.etaValue()));
    c.add(new Column<>("runs", r -> r.runs().size()));
    for (Outcome o : Outcome.values()) {
      c.add(new Column<>(o.label().replace('-', '_'), r -> r.summary().counts().get(o)));
    }
    c.add(new Column<>("converged_fraction", StepSizeSweep.Row::convergedFraction));
    c.add(new Column<>("limit_sharpness_min", r -> r.summary().limitSharpness().min()));
    c.add(new Column<>("limit_sharpness_median", r -> r.summary().limitSharpness().median()));
    c.add(new Column<>("limit_sharpness_max", r -> r.summary().limitSharpness().max()));
    if (oneInit) {
      c.add(new Column<>("steps", r -> r.runs().get(0).steps()));
      c.add(new Column<>("loss", r -> r.runs().get(0).loss()));
      c.add(new Column<>("sharpness", r -> r.runs().get(0).sharpness()));
      c.add(new Column<>("phi_start", r -> r.runs().get(0).phiStart()));
      c.add(new Column<>("sharpness_ratio", StepSizeSweep.Row::sharpnessRatio));
    }
    return c;
  }

  /** One compared step of a flow comparison, with its step size. */
  private record FlowRow(double eta, FlowComparison.Sample sample) {}

  private static List<Column<FlowRow>> flowColumns(List<String> params) {
    List<Column<FlowRow>> c = new ArrayList<>();
    c.add(new Column<>("eta", FlowRow::eta));
    c.add(new Column<>("step", r -> r.sample().step()));
    c.add(new Column<>("tau", r -> r.sample().tau()));
    c.add(new Column<>("error", r -> r.sample().error()));
    String[] kinds = {"theta", "Phi", "X"};
    for (int k = 0; k < kinds.length; k++) {
      for (int i = 0; i < params.size(); i++) {
        int kind = k;
        int index = i;
        c.add(new Column<>(kinds[k] + " " + params.get(i), r -> (kind == 0 ? r.sample().iterate()
            : kind == 1 ? r.sample().projection() : r.sample().flow())[index]));
      }
    }
    return c;
  }

  private static List<FlowRow> flowRows(List<FlowComparison> comparisons) {
    List<FlowRow> rows = new ArrayList<>();
    for (FlowComparison c : comparisons) {
      c.samples().forEach(s -> rows.add(new FlowRow(c.eta().doubleValue(), s)));
    }
    return rows;
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
    Trajectory.PhiRises rises = t.phiRises();
    root.putObject("phi_rises").put("rises", rises.rises()).put("intervals", rises.intervals())
        .put("largest_rise", Double.isNaN(rises.largestRise()) ? null : rises.largestRise());
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

  /** One row per step size: outcome counts, limit sharpness; with one initial point its run. */
  public static void stepSizeCsv(Path file, Map<String, Object> meta, List<StepSizeSweep.Row> rows,
      boolean oneInit) throws IOException {
    csv(file, meta, stepSizeColumns(oneInit), oneInit ? List.of("outcome") : List.of(), rows,
        r -> oneInit ? List.of(r.runs().get(0).outcome().label()) : List.of());
  }

  public static void stepSizeJson(Path file, Map<String, Object> meta, List<StepSizeSweep.Row> rows,
      boolean oneInit) throws IOException {
    ObjectNode root = header(meta);
    List<Column<StepSizeSweep.Row>> cols = stepSizeColumns(oneInit);
    ArrayNode arr = root.putArray("step_sizes");
    for (StepSizeSweep.Row r : rows) {
      ObjectNode o = row(cols, r).put("eta_exact", SimulationText.rational(r.eta()));
      if (oneInit) {
        o.put("outcome", r.runs().get(0).outcome().label());
      }
      arr.add(o);
    }
    writeJson(file, root);
  }

  /** Every compared step of every step size: the iterate, its projection, the flow, the error. */
  public static void flowCsv(Path file, Map<String, Object> meta, List<FlowComparison> comparisons,
      List<String> params) throws IOException {
    csv(file, meta, flowColumns(params), List.of(), flowRows(comparisons), r -> List.of());
  }

  public static void flowJson(Path file, Map<String, Object> meta, List<FlowComparison> comparisons,
      List<String> params) throws IOException {
    ObjectNode root = header(meta);
    List<Column<FlowRow>> cols = flowColumns(params);
    ArrayNode arr = root.putArray("step_sizes");
    for (FlowComparison c : comparisons) {
      ObjectNode o = arr.addObject();
      o.put("eta", c.eta().doubleValue());
      o.put("eta_exact", SimulationText.rational(c.eta()));
      o.put("steps", c.steps());
      double max = c.maxError();
      if (Double.isFinite(max)) {
        o.put("max_error", max);
      } else {
        o.putNull("max_error");
      }
      ArrayNode samples = o.putArray("samples");
      c.samples().forEach(s -> samples.add(row(cols, new FlowRow(c.eta().doubleValue(), s))));
    }
    writeJson(file, root);
  }

  // ---- plots ----

  /**
   * Top: the share of runs that converged and that diverged against the step size (the others
   * ended in a 2-cycle or stayed bounded: the table and CSV count them). Bottom: the spread of
   * the converged runs' limit sharpness with 2/eta: a limit needs inf {sharpness on the
   * minimisers} <= sharpness <= 2/eta, a window that closes at the critical step.
   */
  public static void convergencePlot(Path file, String title, List<StepSizeSweep.Row> rows)
      throws IOException {
    double[] eta = rows.stream().mapToDouble(StepSizeSweep.Row::etaValue).toArray();
    double[] converged = rows.stream().mapToDouble(r -> r.fraction(Outcome.CONVERGED)).toArray();
    double[] diverged = rows.stream().mapToDouble(r -> r.fraction(Outcome.DIVERGED)).toArray();
    double lo = Arrays.stream(eta).min().orElse(0);
    double hi = Arrays.stream(eta).max().orElse(1);
    Charts.Panel shares = new Charts.Panel(title + ", " + rows.get(0).runs().size()
        + " runs per step size", "step size eta", "share of runs (the rest: period-2 or bounded)",
        false, List.of(
            new Charts.Series("converged", eta, converged, Charts.Style.SCATTER),
            new Charts.Series("diverged", eta, diverged, Charts.Style.SCATTER)));
    double[] grid = grid(lo, hi);
    Charts.Panel limits = new Charts.Panel("limit sharpness of the converged runs",
        "step size eta", "sharpness", false, List.of(
            new Charts.Series("2/eta", grid, Arrays.stream(grid).map(h -> 2 / h).toArray(),
                Charts.Style.DASHED),
            new Charts.Series("max", eta, limitSharpness(rows, Sweep.Distribution::max),
                Charts.Style.SCATTER),
            new Charts.Series("median", eta, limitSharpness(rows, Sweep.Distribution::median),
                Charts.Style.SCATTER),
            new Charts.Series("min", eta, limitSharpness(rows, Sweep.Distribution::min),
                Charts.Style.SCATTER)));
    Charts.writePng(file, List.of(shares, limits), 900, 520);
  }

  private static double[] limitSharpness(List<StepSizeSweep.Row> rows,
      ToDoubleFunction<Sweep.Distribution> statistic) {
    return rows.stream().mapToDouble(r -> statistic.applyAsDouble(r.summary().limitSharpness()))
        .toArray();
  }

  /** 41 evenly spaced points of [lo, hi], for smooth curves. */
  private static double[] grid(double lo, double hi) {
    int n = 40;
    double[] g = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      g[i] = lo + (hi - lo) * i / n;
    }
    return g;
  }

  /**
   * The limit sharpness over the GF-solution sharpness phi(theta_0) against the step size, with
   * gradient flow (ratio 1) and the linear-stability ceiling (2/eta) / phi(theta_0).
   */
  public static void sharpnessRatioPlot(Path file, String title, List<StepSizeSweep.Row> rows)
      throws IOException {
    double[] eta = rows.stream().mapToDouble(StepSizeSweep.Row::etaValue).toArray();
    double[] ratio = rows.stream().mapToDouble(StepSizeSweep.Row::sharpnessRatio).toArray();
    double phi = rows.get(0).runs().get(0).phiStart();
    double lo = Arrays.stream(eta).min().orElse(0);
    double hi = Arrays.stream(eta).max().orElse(1);
    double[] grid = grid(lo, hi);
    // drawn where it is near the data (a limit ratio is at most 1 while eta |eps_t| <= sqrt(2))
    double[] ceiling = Arrays.stream(grid).map(h -> 2 / (h * phi))
        .map(c -> c <= 1.25 ? c : Double.NaN).toArray();
    Charts.Panel p = new Charts.Panel(title, "step size eta",
        "GD limit sharpness / phi(theta_0)", false, List.of(
            new Charts.Series("GD limit / GF solution (converged runs)", eta, ratio,
                Charts.Style.SCATTER),
            new Charts.Series("gradient flow (ratio 1)", new double[] {lo, hi}, new double[] {1, 1},
                Charts.Style.LINE),
            new Charts.Series(String.format(Locale.ROOT,
                "stability ceiling (2/eta) / phi(theta_0), phi(theta_0) = %.6g", phi), grid, ceiling,
                Charts.Style.DASHED)));
    Charts.writePng(file, List.of(p), 900, 560);
  }

  /**
   * Top: the limiting flow X(tau) (lines) and the projections Phi(theta_t) of the largest step
   * size (points), per coordinate that moves (at most four); bottom: |Phi(theta_t) - X(eta^2 t)| against tau per step size.
   */
  public static void flowPlot(Path file, String title, List<FlowComparison> comparisons,
      List<String> params) throws IOException {
    FlowComparison coarse = comparisons.get(0);
    FlowComparison fine = comparisons.get(0);
    for (FlowComparison c : comparisons) {
      coarse = c.eta().compareTo(coarse.eta()) > 0 ? c : coarse;
      fine = c.eta().compareTo(fine.eta()) < 0 ? c : fine;
    }
    List<Charts.Series> paths = new ArrayList<>();
    double[] fineTau = fine.samples().stream().mapToDouble(FlowComparison.Sample::tau).toArray();
    double[] coarseTau = coarse.samples().stream().mapToDouble(FlowComparison.Sample::tau).toArray();
    List<Integer> moving = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      int k = i;
      double[] xs = fine.samples().stream().mapToDouble(smp -> smp.flow()[k]).toArray();
      double lo = Arrays.stream(xs).min().orElse(0);
      double hi = Arrays.stream(xs).max().orElse(0);
      if (hi - lo > 1e-9 * (1 + Math.max(Math.abs(lo), Math.abs(hi)))) {
        moving.add(i);
      }
    }
    if (moving.isEmpty()) {
      for (int i = 0; i < params.size(); i++) {
        moving.add(i);
      }
    }
    for (int i : moving.subList(0, Math.min(4, moving.size()))) {
      int k = i;
      paths.add(new Charts.Series("flow X(tau), " + params.get(i), fineTau,
          fine.samples().stream().mapToDouble(s -> s.flow()[k]).toArray(), Charts.Style.LINE));
      paths.add(new Charts.Series("Phi(theta_t), " + params.get(i) + ", eta = "
          + SimulationText.exact(coarse.eta()),
          coarseTau, coarse.samples().stream().mapToDouble(s -> s.projection()[k]).toArray(),
          Charts.Style.SCATTER));
    }
    List<Charts.Series> errors = new ArrayList<>();
    for (FlowComparison c : comparisons) {
      errors.add(new Charts.Series("eta = " + SimulationText.exact(c.eta()),
          c.samples().stream().mapToDouble(FlowComparison.Sample::tau).toArray(),
          c.samples().stream().mapToDouble(FlowComparison.Sample::error).toArray(),
          Charts.Style.LINE));
    }
    Charts.writePng(file, List.of(
        new Charts.Panel(title, "tau = eta^2 t", "coordinate", false, paths),
        new Charts.Panel("distance to the flow", "tau = eta^2 t",
            "|Phi(theta_t) - X(tau)| (log scale)", true, errors)), 900, 420);
  }

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

package org.eoscheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.EoscheckException;
import org.eoscheck.InputException;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.model.Model;
import org.eoscheck.model.ModelSpec;
import org.eoscheck.model.Models;
import org.eoscheck.simulate.Dynamics;
import org.eoscheck.simulate.PhiRise;
import org.eoscheck.simulate.FlowComparison;
import org.eoscheck.simulate.GradientFlow;
import org.eoscheck.simulate.LimitingFlow;
import org.eoscheck.simulate.Method;
import org.eoscheck.simulate.Precision;
import org.eoscheck.simulate.Sharpness;
import org.eoscheck.simulate.SimulationOptions;
import org.eoscheck.report.SimulationOutput;
import org.eoscheck.report.SimulationText;
import org.eoscheck.simulate.Simulator;
import org.eoscheck.simulate.StepSizeSweep;
import org.eoscheck.simulate.StepSizes;
import org.eoscheck.simulate.Sweep;
import org.eoscheck.simulate.TanhNetwork;
import org.eoscheck.simulate.Trajectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eoscheck simulate MODEL}: numeric GD runs recording loss, sharpness and GF-solution
 * sharpness against 2/eta, one trajectory ({@code --init}) or a sweep of random initialisations
 * ({@code --inits K --seed S}), with CSV, JSON and PNG output. Exit 0, or 2 on bad input.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {"Runs GD (or normalised GD, or GD on sqrt(L)) numerically and records loss,"
        + " sharpness lambda_max and the sharpness phi of the gradient-flow solution against"
        + " 2/eta, the invariants of gradient flow and their per-step change.",
        "MODEL: scalar | two-layer | linear | custom (as in derive), or tanh (a small fully"
        + " connected tanh network on synthetic regression data; --dims gives its widths)."},
    footer = {"", "Examples:",
        "  eoscheck simulate scalar --depth 3 --eta 0.6 --init 1.6,0.4,1.2 --steps 3000 --plot eos.png",
        "  eoscheck simulate scalar --eta 0.95:1.05:0.01 --inits 400 --steps 6000",
        "  eoscheck simulate custom --params x,y --loss '(1+x^2)*y^2' --method ngd \\",
        "      --init 2,0.1 --eta 0.1,0.05,0.025 --flow 4",
        "  eoscheck simulate two-layer --eta 0.5 --init a1=2,b1=0.1 --steps 5000 --precision exact"})
public final class SimulateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "scalar, two-layer, linear, custom or tanh")
  String family;

  @Mixin
  ModelOptions shape;

  @Option(names = "--samples", description = "tanh: number of synthetic samples (default ${DEFAULT-VALUE})")
  int samples = 32;

  @Option(names = "--data-seed", description = "tanh: seed of the synthetic data (default ${DEFAULT-VALUE})")
  long dataSeed = 0;

  @Option(names = "--eta", required = true, description = "step size (exact rational, e.g. 0.6 or 3/5),"
      + " or several: a list 0.1,0.05 or a range start:end:increment such as 0.9:1.1:0.01")
  String eta;

  @Option(names = "--init", description = "initial point: w1=1.5,w2=0.4 or 1.5,0.4 (all parameters),"
      + " or 'random' (one point from --seed and --init-scale)")
  String init;

  @Option(names = "--inits", description = "run K random initialisations and summarise them")
  Integer inits;

  @Option(names = "--seed", description = "seed of the random initialisations (default ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--init-scale", description = "random points ~ N(0, s^2 I) (tanh: LeCun times s);"
      + " default ${DEFAULT-VALUE}")
  double initScale = 1;

  @Option(names = "--steps", description = "number of GD steps (default ${DEFAULT-VALUE})")
  int steps = 1000;

  @Option(names = "--every", description = "record every k-th step (and the last; default ${DEFAULT-VALUE})")
  int every = 1;

  @Option(names = "--method", description = "gd | ngd | sqrtgd (default ${DEFAULT-VALUE})")
  String method = "gd";

  @Option(names = "--precision", description = "double | exact (BigDecimal; default ${DEFAULT-VALUE})")
  String precision = "double";

  @Option(names = "--digits", description = "significant digits of --precision exact (default ${DEFAULT-VALUE})")
  int digits = SimulationOptions.DEFAULT_DIGITS;

  @Option(names = "--sharpness", description = "auto | structured | dense | lanczos (default ${DEFAULT-VALUE})")
  String sharpness = "auto";

  @Option(names = "--gf-every", description = "models without a closed-form phi: integrate gradient"
      + " flow every K steps (0: first and last record only, -1: never; default ${DEFAULT-VALUE})")
  int gfEvery = 0;

  @Option(names = "--no-stop", description = "do not stop at convergence or at a 2-cycle")
  boolean noStop;

  @Option(names = "--tol", description = "relative tolerance of the convergence and 2-cycle tests"
      + " (default 1e-12; with --precision exact 10^-(digits-10))")
  Double tol;

  @Option(names = "--flow", paramLabel = "TAU", description = "ngd, sqrtgd: compare the projection"
      + " Phi(theta_t) of the iterates on the minimisers with the limiting flow X(tau) up to"
      + " tau = eta^2 t = TAU (Arora, Li, Panigrahi 2022); runs TAU/eta^2 steps")
  Double flow;

  @Option(names = "--flow-points", description = "--flow: compare at this many evenly spaced steps"
      + " after the start (default ${DEFAULT-VALUE})")
  int flowPoints = 8;

  @Option(names = "--threads", description = "threads for --inits (default: all processors)")
  Integer threads;

  @Option(names = "--csv", paramLabel = "FILE", description = "write the records (or the runs) as CSV")
  Path csv;

  @Option(names = "--json", paramLabel = "FILE", description = "write the records (or the runs) as JSON")
  Path json;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "write a PNG plot")
  Path plot;

  @Override
  public Integer call() throws EoscheckException, IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Setup s = setup();
    List<BigFraction> etas = stepSizes();
    SimulationOptions options = options(etas.get(0));
    if (flow != null) {
      return flowComparison(out, s, options, etas);
    }
    Simulator simulator;
    try {
      simulator = new Simulator(s.model, s.dynamics, inits != null || etas.size() > 1
          ? options.withEvery(Integer.MAX_VALUE) : options);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
    List<BigFraction> start = init == null ? null : initialPoint(s.dynamics);
    Map<String, Object> meta = metadata(s, options, simulator.provenance(), etas);
    out.println("model: " + s.description());
    out.println(String.format(Locale.ROOT, "run: %s (%s), %s, %d steps, precision %s",
        options.method().label(), options.method().formula(), describeEtas(etas), steps,
        options.precision().label()
            + (options.precision() == Precision.EXACT ? " (" + digits + " digits)" : "")));
    out.print(SimulationText.provenance(simulator.provenance()));
    if (etas.size() > 1) {
      stepSizeSweep(out, s, simulator, start, etas, meta);
    } else if (inits != null) {
      sweep(out, s, simulator, meta);
    } else {
      trajectory(out, s, simulator, start, meta);
    }
    out.flush();
    return Main.OK;
  }

  private void sweep(PrintWriter out, Setup s, Simulator simulator, Map<String, Object> meta)
      throws IOException, InterruptedException {
    List<double[]> points = Sweep.randomInits(s.dynamics, inits, seed, initScale);
    out.println(String.format(Locale.ROOT,
        "sweep: %d random initialisations (seed %d, %s), at most %d steps each", inits, seed,
        describeRandomInits(s), steps));
    out.flush();
    Progress bar = Progress.start(inits, "runs");
    List<Sweep.Run> runs = Sweep.run(simulator, points,
        threads == null ? Runtime.getRuntime().availableProcessors() : threads, bar);
    bar.done();
    double h = simulator.options().etaValue();
    Sweep.Summary summary = Sweep.Summary.of(runs, h);
    out.print(SimulationText.sweep(summary, runs.size()));
    List<String> params = s.dynamics.parameters();
    write(out, f -> SimulationOutput.sweepCsv(f, meta, runs, h, params),
        f -> SimulationOutput.sweepJson(f, meta, runs, summary, h, params),
        f -> SimulationOutput.sweepPlot(f, title(s), runs, h));
  }

  /** Several step sizes, from --inits random points or the one --init point. */
  private void stepSizeSweep(PrintWriter out, Setup s, Simulator simulator, List<BigFraction> start,
      List<BigFraction> etas, Map<String, Object> meta) throws IOException, InterruptedException {
    boolean one = inits == null;
    List<double[]> points = one
        ? List.<double[]>of(start.stream().mapToDouble(BigFraction::doubleValue).toArray())
        : Sweep.randomInits(s.dynamics, inits, seed, initScale);
    if (one) {
      out.println("init: " + describePoint(s.dynamics.parameters(), start));
    } else {
      out.println(String.format(Locale.ROOT,
          "sweep: the same %d random initialisations (seed %d, %s) at each step size, at most %d"
              + " steps each", inits, seed, describeRandomInits(s), steps));
    }
    out.flush();
    Progress bar = Progress.start(points.size() * etas.size(), "runs");
    List<StepSizeSweep.Row> rows;
    try {
      rows = StepSizeSweep.run(s.model, s.dynamics, simulator.options(), etas, points,
          threads == null ? Runtime.getRuntime().availableProcessors() : threads, bar);
    } finally {
      bar.done();
    }
    out.print(SimulationText.stepSizes(rows, one));
    write(out, f -> SimulationOutput.stepSizeCsv(f, meta, rows, one),
        f -> SimulationOutput.stepSizeJson(f, meta, rows, one),
        f -> {
          if (one) {
            SimulationOutput.sharpnessRatioPlot(f, title(s), rows);
          } else {
            SimulationOutput.convergencePlot(f, title(s), rows);
          }
        });
  }

  /** --flow: the iterates' projections against the limiting flow, at each step size. */
  private int flowComparison(PrintWriter out, Setup s, SimulationOptions options,
      List<BigFraction> etas) throws EoscheckException, IOException {
    if (!LimitingFlow.exists(options.method())) {
      throw new InputException("--flow needs --method ngd or sqrtgd: plain GD has no limiting flow"
          + " of this kind");
    }
    if (!(flow > 0) || flow > 1e6) {
      throw new InputException("--flow must be a time in (0, 1e6], not " + flow);
    }
    if (flowPoints < 1 || flowPoints > 10_000) {
      throw new InputException("--flow-points must be between 1 and 10000, not " + flowPoints);
    }
    if (init == null) {
      throw new InputException("--flow needs one initial point (--init), not --inits");
    }
    if (options.precision() != Precision.DOUBLE) {
      throw new InputException("--flow runs in double precision only");
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--steps")) {
      throw new InputException("--flow sets the number of steps (TAU/eta^2): drop --steps");
    }
    for (BigFraction h : etas) {
      if (flow / (h.doubleValue() * h.doubleValue()) > 1e9) {
        throw new InputException("--flow " + flow + " needs more than 10^9 steps of eta = " + h);
      }
    }
    List<BigFraction> start = initialPoint(s.dynamics);
    double[] x0 = start.stream().mapToDouble(BigFraction::doubleValue).toArray();
    LimitingFlow limiting = new LimitingFlow(s.dynamics, options.method());
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("theta", "double");
    provenance.put("Phi(theta_t)", "double: gradient flow integrated with DormandPrince853 to"
        + " |grad L| <= " + GradientFlow.GRADIENT_TOLERANCE);
    provenance.put("X(tau)", "double: " + limiting.formula() + " integrated with DormandPrince853;"
        + " dense Hessian eigen-decomposition, third derivatives by central differences");
    Map<String, Object> meta = metadata(s, options, provenance, etas);
    meta.put("steps", null);
    meta.put("flow_tau", flow);
    meta.put("flow_points", flowPoints);
    out.println("model: " + s.description());
    out.println(String.format(Locale.ROOT, "run: %s (%s), %s, TAU/eta^2 steps each, precision double",
        options.method().label(), options.method().formula(), describeEtas(etas)));
    out.print(SimulationText.provenance(provenance));
    out.println("init: " + describePoint(s.dynamics.parameters(), start));
    out.println("flow: " + limiting.formula() + " on the minimisers, tau = eta^2 t, X(0) = Phi(theta_0)"
        + " (Arora, Li, Panigrahi, ICML 2022), up to tau = " + fmt(flow));
    out.flush();
    List<FlowComparison> comparisons = new ArrayList<>();
    for (BigFraction h : etas) {
      FlowComparison c = FlowComparison.run(s.dynamics, options.method(), h, x0, flow, flowPoints);
      comparisons.add(c);
      if (etas.size() == 1) {
        out.print(SimulationText.flowSamples(c));
      }
    }
    out.print(SimulationText.flowSummary(comparisons));
    List<String> params = s.dynamics.parameters();
    write(out, f -> SimulationOutput.flowCsv(f, meta, comparisons, params),
        f -> SimulationOutput.flowJson(f, meta, comparisons, params),
        f -> SimulationOutput.flowPlot(f, title(s), comparisons, params));
    out.flush();
    return Main.OK;
  }

  private void trajectory(PrintWriter out, Setup s, Simulator simulator, List<BigFraction> start,
      Map<String, Object> meta) throws IOException {
    out.println("init: " + describePoint(s.dynamics.parameters(), start));
    out.flush();
    Progress bar = Progress.start(steps, "steps");
    Trajectory t = simulator.run(start, bar);
    bar.done();
    out.print(SimulationText.trajectory(t, simulator.options()));
    double h = simulator.options().etaValue();
    List<String> params = s.dynamics.parameters();
    if (s.spec() != null) {
      PhiRise.first(t, simulator.options().eta(), simulator.options().method())
          .ifPresent(r -> out.print(r.text(s.spec(), params)));
    }
    write(out, f -> SimulationOutput.trajectoryCsv(f, meta, t, h, params),
        f -> SimulationOutput.trajectoryJson(f, meta, t, h, params),
        f -> SimulationOutput.trajectoryPlot(f, title(s), t, h));
  }

  private String describeRandomInits(Setup s) {
    return s.dynamics instanceof TanhNetwork ? "LeCun normal times " + fmt(initScale)
        : "theta ~ N(0, " + fmt(initScale) + "^2 I)";
  }

  private String describeEtas(List<BigFraction> etas) {
    if (etas.size() == 1) {
      return "eta = " + eta.trim() + " (2/eta = " + fmt(2 / etas.get(0).doubleValue()) + ")";
    }
    return "eta = " + eta.trim() + " (" + etas.size() + " step sizes)";
  }

  /** Writes one output file. */
  @FunctionalInterface
  private interface FileWriter {
    void write(Path file) throws IOException;
  }

  /** Writes the requested --csv, --json and --plot files and says so. */
  private void write(PrintWriter out, FileWriter toCsv, FileWriter toJson, FileWriter toPlot)
      throws IOException {
    Path[] files = {csv, json, plot};
    FileWriter[] writers = {toCsv, toJson, toPlot};
    for (int i = 0; i < files.length; i++) {
      if (files[i] != null) {
        writers[i].write(files[i]);
        out.println("wrote " + files[i]);
      }
    }
  }

  /** The model (null for tanh) and its double-precision dynamics. */
  private record Setup(Model model, Dynamics dynamics, ModelSpec spec) {
    String description() {
      return model == null ? dynamics.description()
          : model.description() + " (" + model.citation() + ")";
    }
  }

  private Setup setup() throws InputException {
    String f = family == null ? "" : family.trim();
    if (f.equals("tanh")) {
      List<Integer> widths = shape.dims == null ? List.of(2, 8, 8, 1) : shape.dims;
      if (widths.size() < 2 || widths.stream().anyMatch(w -> w < 1 || w > 512)) {
        throw new InputException("--dims for tanh needs at least two widths between 1 and 512,"
            + " e.g. 2,8,8,1");
      }
      if (samples < 1 || samples > 100_000) {
        throw new InputException("--samples must be between 1 and 100000, not " + samples);
      }
      return new Setup(null, TanhNetwork.synthetic(widths, samples, dataSeed), null);
    }
    ModelSpec spec = shape.spec(f);
    Model model = Models.create(spec);
    if (!model.symbols().isEmpty()) {
      throw new InputException("the model has the symbol(s) " + String.join(", ", model.symbols())
          + ": simulate needs numbers (e.g. --target 1)");
    }
    return new Setup(model, Simulator.dynamicsOf(model), spec);
  }

  private List<BigFraction> stepSizes() throws InputException {
    try {
      return StepSizes.parse(eta);
    } catch (InputException e) {
      throw new InputException("--eta: " + e.getMessage());
    }
  }

  private SimulationOptions options(BigFraction h) throws InputException {
    if (steps < 0 || steps > 1_000_000_000) {
      throw new InputException("--steps must be between 0 and 1000000000, not " + steps);
    }
    if (every < 1) {
      throw new InputException("--every must be at least 1, not " + every);
    }
    if (digits < 16 || digits > 10_000) {
      throw new InputException("--digits must be between 16 and 10000, not " + digits);
    }
    if (gfEvery < -1) {
      throw new InputException("--gf-every must be -1, 0 or positive, not " + gfEvery);
    }
    if (tol != null && !(tol >= 0 && tol < 1)) {
      throw new InputException("--tol must be in [0, 1), not " + tol);
    }
    if (init == null && inits == null && flow == null) {
      throw new InputException("give an initial point (--init w1=..,w2=.. or --init random)"
          + " or a number of random ones (--inits K)");
    }
    if (init != null && inits != null) {
      throw new InputException("give either --init or --inits, not both");
    }
    if (inits != null && (inits < 1 || inits > 10_000_000)) {
      throw new InputException("--inits must be between 1 and 10000000, not " + inits);
    }
    if (!(initScale > 0) || Double.isInfinite(initScale)) {
      throw new InputException("--init-scale must be positive, not " + initScale);
    }
    if (threads != null && (threads < 1 || threads > 1024)) {
      throw new InputException("--threads must be between 1 and 1024, not " + threads);
    }
    Method m = choice("--method", method, Method.values(), Method::label);
    Precision p = choice("--precision", precision, Precision.values(), Precision::label);
    Sharpness.Mode sm = choice("--sharpness", sharpness, Sharpness.Mode.values(), Sharpness.Mode::label);
    double tolerance = tol != null ? tol : p == Precision.EXACT
        ? SimulationOptions.exactTolerance(digits) : SimulationOptions.DEFAULT_TOLERANCE;
    return new SimulationOptions(m, h, steps, every, p, digits, sm, gfEvery, !noStop, tolerance);
  }

  private static <T> T choice(String option, String text, T[] values,
      java.util.function.Function<T, String> label) throws InputException {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (T v : values) {
      if (label.apply(v).equals(t)) {
        return v;
      }
    }
    throw new InputException(option + " must be one of "
        + String.join(", ", Arrays.stream(values).map(label).toList()) + ", not '" + text + "'");
  }

  private List<BigFraction> initialPoint(Dynamics d) throws InputException {
    List<String> names = d.parameters();
    String text = init.trim();
    if (text.equals("random")) {
      return Arrays.stream(d.randomPoint(new SplittableRandom(seed), initScale))
          .mapToObj(BigFraction::from).toList();
    }
    String[] parts = text.split(",");
    boolean named = text.contains("=");
    BigFraction[] values = new BigFraction[names.size()];
    if (!named && parts.length != names.size()) {
      throw new InputException("--init has " + parts.length + " value(s), but the model has "
          + names.size() + " parameter(s): " + abbreviate(names));
    }
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].trim();
      int eq = part.indexOf('=');
      if (named != (eq >= 0)) {
        throw new InputException("--init: give all values as name=value or none, at '" + part + "'");
      }
      int index = i;
      String valueText = part;
      if (named) {
        String name = part.substring(0, eq).trim();
        index = names.indexOf(name);
        if (index < 0) {
          throw new InputException("--init: unknown parameter '" + name + "'; the parameters are "
              + abbreviate(names));
        }
        if (values[index] != null) {
          throw new InputException("--init: parameter '" + name + "' is given twice");
        }
        valueText = part.substring(eq + 1).trim();
      }
      try {
        values[index] = ExprParser.parseRational(valueText);
      } catch (InputException e) {
        throw new InputException("--init: '" + valueText + "' is not a number");
      }
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        throw new InputException("--init: no value for parameter '" + names.get(i) + "'");
      }
    }
    return List.of(values);
  }

  private static String abbreviate(List<String> names) {
    return names.size() <= 12 ? String.join(", ", names)
        : String.join(", ", names.subList(0, 10)) + ", ... (" + names.size() + " in all)";
  }

  private static String describePoint(List<String> names, List<BigFraction> x) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < names.size() && i < 12; i++) {
      parts.add(names.get(i) + " = " + fmt(x.get(i).doubleValue()));
    }
    if (names.size() > 12) {
      parts.add("... (" + names.size() + " parameters)");
    }
    return String.join(", ", parts);
  }

  private static String fmt(double x) {
    return String.format(Locale.ROOT, "%.6g", x);
  }

  /** The model and method, and the step size when there is one. */
  private String title(Setup s) {
    String t = (s.model == null ? s.dynamics.description() : s.model.description()) + ", "
        + method.trim().toLowerCase(Locale.ROOT);
    return eta.contains(",") || eta.contains(":") ? t : t + ", eta = " + eta.trim();
  }

  private Map<String, Object> metadata(Setup s, SimulationOptions o, Map<String, String> provenance,
      List<BigFraction> etas) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", "eoscheck simulate");
    m.put("version", org.eoscheck.Version.get());
    m.put("model", family.trim());
    m.put("description", s.description());
    shape.putGiven(m);
    if (s.model == null) {
      m.put("samples", samples);
      m.put("data_seed", dataSeed);
    }
    m.put("parameters", s.dynamics.parameters());
    m.put("eta", eta.trim());
    if (etas.size() == 1) {
      m.put("eta_value", o.etaValue());
      m.put("two_over_eta", 2 / o.etaValue());
    } else {
      m.put("eta_values", etas.stream().map(BigFraction::doubleValue).toList());
    }
    m.put("method", o.method().label());
    m.put("precision", o.precision().label());
    m.put("digits", o.precision() == Precision.EXACT ? o.digits() : null);
    m.put("steps", steps);
    m.put("every", inits != null || etas.size() > 1 ? null : every);
    m.put("sharpness", o.sharpness().label());
    m.put("gf_every", gfEvery);
    m.put("stop_early", o.stopEarly());
    m.put("tolerance", o.tolerance());
    m.put("init", init == null ? null : init.trim());
    m.put("inits", inits);
    m.put("seed", seed);
    m.put("init_scale", initScale);
    m.put("provenance", provenance);
    return m;
  }

  /** A progress bar on stderr, only when attached to a console. */
  static final class Progress implements IntConsumer {
    private final int total;
    private final String unit;
    private final PrintWriter err;
    private int shown = -1;

    private Progress(int total, String unit, PrintWriter err) {
      this.total = Math.max(1, total);
      this.unit = unit;
      this.err = err;
    }

    static Progress start(int total, String unit) {
      return new Progress(total, unit, System.console() == null ? null
          : new PrintWriter(System.err, true));
    }

    @Override
    public synchronized void accept(int done) {
      if (err == null) {
        return;
      }
      int percent = (int) (100L * done / total);
      if (percent == shown) {
        return;
      }
      shown = percent;
      int filled = percent * 30 / 100;
      err.print("\r[" + "#".repeat(filled) + " ".repeat(30 - filled) + "] " + percent + "% "
          + done + "/" + total + " " + unit);
      err.flush();
    }

    void done() {
      if (err != null && shown >= 0) {
        err.print("\r" + " ".repeat(70) + "\r");
        err.flush();
      }
    }
  }
}

package org.eoscheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eoscheck.EoscheckException;
import org.eoscheck.InputException;
import org.eoscheck.expr.ExprPrinter;
import org.eoscheck.verify.Counterexample;
import org.eoscheck.verify.CounterexampleSearch;
import org.eoscheck.verify.Checkers;
import org.eoscheck.verify.Deadline;
import org.eoscheck.verify.Elaborator;
import org.eoscheck.verify.Lemma;
import org.eoscheck.verify.LemmaLoader;
import org.eoscheck.verify.Problem;
import org.eoscheck.verify.TrajectoryCandidates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eoscheck search}: hunts for a counterexample to a lemma file by sampling, local
 * optimisation and gradient-descent trajectories in double precision, and reports only a point
 * the trusted kernel certifies. Exit 3
 * REFUTED, 4 UNKNOWN (nothing found: never PROVED), 2 bad input.
 */
@Command(name = "search", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Hunts for a counterexample to a lemma file, in boxes too large or models too"
        + " deep for check: first the points where counterexamples are (corners, centre, small"
        + " denominators, symmetric points, model minimisers, exact rational roots), then Sobol"
        + " and random sampling, local optimisation of the violation, simple points, roots and"
        + " Z3 models near the best points, and the iterates of gradient descent (GD, NGD or"
        + " sqrt-GD, as the lemma speaks of) from Sobol points, perturbed minimisers and the best"
        + " samples; every point is re-evaluated exactly by the trusted kernel.",
        "It can refute a lemma, never prove one.",
        "Exit codes: 3 REFUTED (certified counterexample), 4 UNKNOWN (none found), 2 usage or"
            + " input error, 1 internal."})
public final class SearchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1", paramLabel = "LEMMA-FILE", description = "A lemma file (YAML).")
  Path file;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "100000",
      description = "Points sampled before local optimisation (default: ${DEFAULT-VALUE}).")
  long samples;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the random choices; the same seed gives the same result (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--time-limit", paramLabel = "S", defaultValue = "60",
      description = "Seconds for the whole search of a lemma (of each member of a family file;"
          + " default: ${DEFAULT-VALUE}).")
  double timeLimit;

  @Option(names = "--json", description = "One JSON object on stdout.")
  boolean json;

  @Option(names = "--no-z3", description = "Never ask Z3 for points near the best ones.")
  boolean noZ3;

  @Option(names = "--trajectories", paramLabel = "K",
      description = "Runs of gradient descent (the lemma's GD, NGD or sqrt-GD) after sampling, from"
          + " Sobol points, perturbed minimisers and the sampler's near-violations; their iterates"
          + " are candidates (default: 32 per variable, 64 to 512; 0: none).")
  Integer trajectories;

  @Option(names = "--steps", paramLabel = "S",
      description = "Steps per run (default: 20/eta at the centre of the step-size range, 100 to"
          + " 2000).")
  Integer steps;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Threads for the runs (default: all cores); the result does not depend on it.")
  Integer jobs;

  @Override
  public Integer call() throws EoscheckException {
    if (samples < 1) {
      throw new InputException("--samples must be at least 1, not " + samples);
    }
    if (trajectories != null && (trajectories < 0 || trajectories > 1_000_000)) {
      throw new InputException("--trajectories must be between 0 and 1000000, not " + trajectories);
    }
    if (steps != null && (steps < 0 || steps > 10_000_000)) {
      throw new InputException("--steps must be between 0 and 10000000, not " + steps);
    }
    if (jobs != null && (jobs < 1 || jobs > 1024)) {
      throw new InputException("--jobs must be between 1 and 1024, not " + jobs);
    }
    if (!(timeLimit > 0) || timeLimit > 1e9) {
      throw new InputException("--time-limit must be a positive number of seconds");
    }
    PrintWriter out = spec.commandLine().getOut();
    int exit = Main.UNKNOWN;
    for (Lemma lemma : LemmaLoader.members(file)) { // a family: each member in turn
      if (search(lemma, out) == Main.REFUTED) {
        exit = Main.REFUTED;
      }
    }
    return exit;
  }

  /** One lemma's search within the time limit: REFUTED or UNKNOWN. */
  private int search(Lemma lemma, PrintWriter out) throws EoscheckException {
    Deadline deadline = Deadline.after(Duration.ofMillis((long) (timeLimit * 1000)));
    CounterexampleSearch.Result r;
    try {
      // Elaboration, compilation, sampling and certification all count; the watchdog gives up
      // on whatever does not stop in time.
      r = deadline.plus(CheckCommand.WATCHDOG).run("the search", () -> {
        Problem problem = deadline.run("elaboration", () -> Elaborator.elaborate(lemma));
        if (deadline.passed()) {
          throw new Deadline.Exceeded("elaboration");
        }
        TrajectoryCandidates.Settings d = TrajectoryCandidates.defaults(problem, seed,
            jobs != null ? jobs : Runtime.getRuntime().availableProcessors());
        TrajectoryCandidates.Settings runs = new TrajectoryCandidates.Settings(
            trajectories != null ? trajectories : d.trajectories(),
            steps != null ? steps : d.steps(), seed, d.jobs());
        return CounterexampleSearch.search(problem,
            new CounterexampleSearch.Options(samples, seed, deadline.remaining(),
                noZ3 ? null : Checkers.solver(), runs.trajectories() == 0 ? null : runs));
      });
    } catch (Deadline.Exceeded e) {
      out.println(json ? stoppedJson(lemma, e.describe()) : stoppedText(lemma, e.describe()));
      out.flush();
      return Main.UNKNOWN;
    }
    out.println(json ? json(r) : text(r));
    out.flush();
    return r.counterexample().isPresent() ? Main.REFUTED : Main.UNKNOWN;
  }

  /** The report of a search given up in {@code phase} (at the time limit), before it had anything. */
  static String stoppedText(Lemma lemma, String phase) {
    return String.format(Locale.ROOT, "%s (%s): UNKNOWN (no certified counterexample found; search"
        + " never proves a claim)%n  search: given up in %s", lemma.name(), lemma.file(), phase);
  }

  static String stoppedJson(Lemma lemma, String phase) {
    ObjectNode o = JSON.createObjectNode();
    o.put("lemma", lemma.name());
    o.put("file", lemma.file());
    o.put("verdict", "UNKNOWN");
    o.putNull("counterexample");
    o.put("stoppedIn", phase);
    return o.toString();
  }

  static String text(CounterexampleSearch.Result r) {
    StringBuilder s = new StringBuilder();
    Problem p = r.problem();
    s.append(String.format(Locale.ROOT, "%s (%s): %s%s%n", p.lemma().name(), p.lemma().file(),
        r.verdict(), r.counterexample().isPresent() ? ""
            : " (no certified counterexample found; search never proves a claim)"));
    s.append(String.format(Locale.ROOT,
        "  search: %d points (%d sampled, %d by local optimisation), %d certified evaluations,"
            + " seed %d, %.2f s%n", r.samples(), r.sampled(), r.samples() - r.sampled(),
        r.certifications(), r.seed(), r.seconds()));
    CounterexampleSearch.Trajectories t = r.trajectories();
    if (t != null) {
      s.append(String.format(Locale.ROOT,
          "  trajectories: %d runs of %s, %d steps each; %d iterates in the box, %d of them"
              + " satisfying the hypotheses; %s%n", t.runs(), t.method(), t.steps(), t.inBox(),
          t.feasible(), t.diverged() == 0 ? "none diverged"
              : t.diverged() == t.runs() ? "all " + t.runs() + " diverged"
              : t.diverged() + " diverged"));
    }
    if (r.counterexample().isPresent()) {
      Counterexample c = r.counterexample().get();
      s.append(String.format("  counterexample to claim %d (certified%s): %s%n    %s%n",
          c.claim() + 1, c.source() == null ? "" : ", found by " + c.source(), exactPoint(c),
          c.describe()));
    } else if (r.worst() == null) {
      s.append("  no point was found where every hypothesis holds and a claim is defined (in double precision)\n");
    } else {
      CounterexampleSearch.Worst w = r.worst();
      s.append(String.format(Locale.ROOT, "  worst margin %s of claim %d (%s): %s at %s%n",
          w.margin(), w.claim() + 1, p.claims().get(w.claim()).source().text(),
          w.margin() > w.tolerance() ? "violated in double precision only, not certified"
              : w.margin() > 0 ? "within the rounding noise of double precision" : "smallest slack",
          w.point()));
    }
    return s.toString().stripTrailing();
  }

  private static Map<String, String> exactPoint(Counterexample c) {
    Map<String, String> point = new LinkedHashMap<>();
    c.point().forEach((k, v) -> point.put(k, ExprPrinter.rational(v)));
    return point;
  }

  /** lemma, file, verdict, counterexample (or null), samples, sampled, worstMargin, seconds, seed. */
  static String json(CounterexampleSearch.Result r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("lemma", r.problem().lemma().name());
    o.put("file", r.problem().lemma().file());
    o.put("verdict", r.verdict().name());
    if (r.counterexample().isPresent()) {
      Counterexample c = r.counterexample().get();
      ObjectNode cx = o.putObject("counterexample");
      cx.put("claim", c.claim() + 1);
      ObjectNode point = cx.putObject("point");
      exactPoint(c).forEach(point::put);
      cx.put("lhs", c.lhs());
      cx.put("rhs", c.rhs());
      cx.put("undefined", c.undefined());
      cx.put("source", c.source());
      if (r.trajectories() != null && r.trajectories().start() != null) {
        ObjectNode start = cx.putObject("trajectoryStart");
        start.put("kind", r.trajectories().start().kind());
        ObjectNode at = start.putObject("point");
        r.trajectories().start().point().forEach(at::put);
      }
    } else {
      o.putNull("counterexample");
    }
    o.put("samples", r.samples());
    o.put("sampled", r.sampled());
    o.put("certifications", r.certifications());
    if (r.worst() == null) {
      o.putNull("worstMargin");
    } else {
      o.put("worstMargin", r.worst().margin());
      o.put("worstClaim", r.worst().claim() + 1);
      ObjectNode point = o.putObject("worstPoint");
      r.worst().point().forEach(point::put);
    }
    CounterexampleSearch.Trajectories t = r.trajectories();
    if (t != null) {
      ObjectNode tr = o.putObject("trajectories");
      tr.put("runs", t.runs());
      tr.put("diverged", t.diverged());
      tr.put("steps", t.steps());
      tr.put("method", t.method());
      tr.put("iteratesInBox", t.inBox());
      tr.put("feasible", t.feasible());
    }
    o.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
    o.put("seed", r.seed());
    return o.toString();
  }
}

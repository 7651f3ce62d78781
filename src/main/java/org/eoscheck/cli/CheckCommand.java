package org.eoscheck.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.EoscheckException;
import org.eoscheck.InputException;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.ExprPrinter;
import org.eoscheck.report.Reports;
import org.eoscheck.verify.Progress;
import org.eoscheck.verify.CheckOptions;
import org.eoscheck.verify.CheckResult;
import org.eoscheck.verify.Checkers;
import org.eoscheck.verify.Counterexample;
import org.eoscheck.verify.Deadline;
import org.eoscheck.verify.Elaborator;
import org.eoscheck.verify.Goal;
import org.eoscheck.verify.Lemma;
import org.eoscheck.verify.LemmaLoader;
import org.eoscheck.verify.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eoscheck check}: decides lemma files; exit 0 PROVED, 3 REFUTED, 4 UNKNOWN, 2 bad input. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Decides lemma files on their box: PROVED (on the whole region), REFUTED (with"
        + " an exact counterexample) or UNKNOWN (with the share of the region left undecided).",
        "Exit codes: 0 PROVED, 3 REFUTED, 4 UNKNOWN remains, 2 usage or input error, 1 internal."})
public final class CheckCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Lemma files (YAML).")
  List<Path> files;

  @Option(names = "--json", description = "One JSON object per lemma on stdout.")
  boolean json;

  @Option(names = "--jobs", paramLabel = "N", description = "Worker threads (default: all cores).")
  Integer jobs;

  @Option(names = "--budget", paramLabel = "S", defaultValue = "5",
      description = "Seconds for one solver query (default: ${DEFAULT-VALUE}); holds even if the solver hangs.")
  double budget;

  @Option(names = "--time-limit", paramLabel = "S", defaultValue = "300",
      description = "Seconds for one lemma, every phase included (default: ${DEFAULT-VALUE}); what"
          + " is not decided then stays UNKNOWN, and the run ends at most about 5 s later.")
  double timeLimit;

  @Option(names = "--min-width", paramLabel = "Q", defaultValue = "1/4096",
      description = "Smallest box width, as a fraction of the root width (default: ${DEFAULT-VALUE}).")
  String minWidth;

  @Option(names = "--max-boxes", paramLabel = "N", defaultValue = "200000",
      description = "At most this many boxes per lemma (default: ${DEFAULT-VALUE}).")
  long maxBoxes;

  @Option(names = "--no-z3", description = "Intervals only; no SMT solver.")
  boolean noZ3;

  @Option(names = "--log", paramLabel = "PATH",
      description = "Proof log: a directory (default: proofs-log) or, for one lemma, a .jsonl file.")
  Path log;

  @Option(names = "--no-log", description = "Write no proof log.")
  boolean noLog;

  @Option(names = "--resume", description = "Continue the run recorded in the proof log.")
  boolean resume;

  @Option(names = "--explore",
      description = "Keep deciding boxes after a counterexample, for the volumes (default: stop).")
  boolean explore;

  @Option(names = "--shard", paramLabel = "i/N", description = "Take share i of N (1-based).")
  String shard;

  @Option(names = "--pieces", paramLabel = "P", defaultValue = "64",
      description = "With --shard: the root is first split into P pieces (a power of two; default: ${DEFAULT-VALUE}).")
  int pieces;

  /**
   * How long past the time limit the command waits for a lemma's check (which itself ends about a
   * second after it) before reporting it UNKNOWN with the volumes decided so far and going on.
   */
  static final Duration WATCHDOG = Duration.ofSeconds(3);

  /** Lemmas read as the sorted form of a symmetric statement, with the kernel's note. */
  private final Map<String, String> symmetry = new java.util.concurrent.ConcurrentHashMap<>();

  /** The number of lemmas in the file being checked (a family has several). */
  private int familySize;

  @Override
  public Integer call() throws EoscheckException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CheckOptions base = options();
    int exit = Main.OK;
    for (Path file : files) {
      List<Lemma> members;
      try {
        members = LemmaLoader.members(file);
      } catch (InputException e) {
        err.println("eoscheck: " + e.getMessage());
        exit = Math.max(exit, Main.USAGE);
        continue;
      }
      List<CheckResult> results = new ArrayList<>();
      familySize = members.size();
      for (Lemma lemma : members) {
        CheckResult r = decide(lemma, base, err);
        if (r == null) {
          exit = Math.max(exit, Main.USAGE);
          continue;
        }
        results.add(r);
        if (json) {
          out.println(Reports.json(r));
        } else {
          summary(out, r);
        }
        out.flush();
        String expected = lemma.expect();
        if (expected != null && !expected.equals(r.verdict().name())) {
          err.println("eoscheck: " + lemma.file() + ": " + lemma.name() + ": expected " + expected
              + ", got " + r.verdict().name());
        }
        exit = worst(exit, code(r));
      }
      if (members.size() > 1) {
        out.println(json ? Reports.familyJson(members.get(0).file(), results)
            : Reports.familyTable(results));
        out.flush();
      }
    }
    return exit;
  }

  /** One lemma checked by its time limit; null (and the cause said) for bad input. */
  private CheckResult decide(Lemma lemma, CheckOptions base, PrintWriter err)
      throws EoscheckException {
    long start = System.nanoTime();
    Deadline deadline = Deadline.after(base.timeLimit());
    Snapshot progress = new Snapshot(progress(err));
    try {
      return deadline.plus(WATCHDOG).run("the run", () -> check(lemma, base, deadline, progress));
    } catch (InputException e) {
      err.println("eoscheck: " + e.getMessage());
      return null;
    } catch (Deadline.Exceeded e) {
      // The watchdog: something did not stop in time; report what was decided and go on.
      Snapshot.Figures f = progress.silence();
      return CheckResult.stopped(lemma.name(), lemma.file(), f.proved(), f.refuted(), f.boxes(),
          (System.nanoTime() - start) / 1e9, null, List.of(), List.of(e.describe()));
    }
  }

  private static int code(CheckResult r) {
    return switch (r.verdict()) {
      case PROVED -> Main.OK;
      case REFUTED -> Main.REFUTED;
      case UNKNOWN -> Main.UNKNOWN;
    };
  }

  /** Elaborates and checks one lemma by the deadline; elaboration cut short leaves it UNKNOWN. */
  private CheckResult check(Lemma lemma, CheckOptions base, Deadline deadline, Progress progress)
      throws EoscheckException {
    long start = System.nanoTime();
    Problem problem;
    try {
      problem = deadline.run("elaboration", () -> Elaborator.elaborate(lemma));
    } catch (Deadline.Exceeded e) {
      return CheckResult.stopped(lemma.name(), lemma.file(), BigFraction.ZERO, BigFraction.ZERO,
          0, (System.nanoTime() - start) / 1e9, null, List.of(), List.of(e.describe()));
    }
    if (problem.symmetry() != null) {
      symmetry.put(lemma.name(), problem.symmetry());
    }
    CheckOptions o = base.withLog(noLog ? null : logFile(problem));
    return Checkers.standard().check(problem, o, progress, deadline);
  }

  /**
   * The latest figures of a running check, for the watchdog's report, passed on to the display
   * until {@link #silence}.
   */
  private static final class Snapshot implements Progress {
    /** Shares of the volume decided and boxes examined. */
    record Figures(BigFraction proved, BigFraction refuted, long boxes) {}

    private final Progress display;
    private boolean silent;
    private volatile Figures last = new Figures(BigFraction.ZERO, BigFraction.ZERO, 0);

    Snapshot(Progress display) {
      this.display = display;
    }

    @Override
    public synchronized void update(BigFraction p, BigFraction r, BigFraction u, long b, int depth) {
      if (!silent) {
        last = new Figures(p, r, b);
        display.update(p, r, u, b, depth);
      }
    }

    /** The last figures; no more are taken or shown. */
    synchronized Figures silence() {
      silent = true;
      return last;
    }
  }

  /** Over several lemmas: a bad file outranks REFUTED, which outranks UNKNOWN, then PROVED. */
  private static int worst(int a, int b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(int code) {
    return switch (code) {
      case Main.OK -> 0;
      case Main.UNKNOWN -> 1;
      case Main.REFUTED -> 2;
      case Main.USAGE -> 3;
      default -> 4;
    };
  }

  private CheckOptions options() throws InputException {
    BigFraction min;
    try {
      min = ExprParser.parseRational(minWidth);
    } catch (InputException e) {
      throw new InputException("--min-width: " + e.getMessage());
    }
    if (min.signum() <= 0 || min.compareTo(BigFraction.ONE) > 0) {
      throw new InputException("--min-width must be in (0, 1], not " + minWidth);
    }
    if (budget <= 0 || timeLimit <= 0) {
      throw new InputException("--budget and --time-limit must be positive");
    }
    if (jobs != null && jobs < 1) {
      throw new InputException("--jobs must be at least 1");
    }
    if (Integer.bitCount(pieces) != 1) {
      throw new InputException("--pieces must be a power of two, not " + pieces);
    }
    CheckOptions.Shard s = null;
    if (shard != null) {
      String[] parts = shard.split("/");
      try {
        s = new CheckOptions.Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
      } catch (RuntimeException e) {
        throw new InputException("--shard must be i/N with 1 <= i <= N, not '" + shard + "'");
      }
      if (s.count() > pieces) {
        throw new InputException("--shard " + shard + ": more shards than --pieces " + pieces);
      }
    }
    if (resume && noLog) {
      throw new InputException("--resume continues a proof log: it cannot go with --no-log");
    }
    return new CheckOptions(jobs == null ? Runtime.getRuntime().availableProcessors() : jobs,
        Duration.ofMillis((long) (budget * 1000)), Duration.ofMillis((long) (timeLimit * 1000)),
        min, maxBoxes, !noZ3, null, resume, s, s == null ? 1 : pieces, explore);
  }

  private Path logFile(Problem problem) throws InputException {
    if (log != null && log.toString().endsWith(".jsonl")) {
      if (files.size() > 1 || familySize > 1) {
        throw new InputException("--log FILE.jsonl takes one lemma; give a directory for several");
      }
      return log;
    }
    Path dir = log == null ? Path.of("proofs-log") : log;
    String name = problem.lemma().name().replaceAll("[^A-Za-z0-9._-]", "_");
    return dir.resolve(shard == null ? name + ".jsonl"
        : name + ".shard-" + shard.replace('/', '-') + ".jsonl");
  }

  private Progress progress(PrintWriter err) {
    if (System.console() == null || json) {
      return Progress.NONE;
    }
    long[] last = {0};
    return (p, r, u, boxes, depth) -> {
      long now = System.nanoTime();
      if (now - last[0] > 200_000_000L) {
        last[0] = now;
        synchronized (err) {
          err.printf(Locale.ROOT, "\r  proved %.4f%%  refuted %.4f%%  unknown %.4f%%  boxes %d  depth %d   ",
              100 * p.doubleValue(), 100 * r.doubleValue(), 100 * u.doubleValue(), boxes, depth);
          err.flush();
        }
      }
    };
  }

  private void summary(PrintWriter out, CheckResult r) {
    if (System.console() != null) {
      spec.commandLine().getErr().print("\r" + " ".repeat(90) + "\r");
      spec.commandLine().getErr().flush();
    }
    out.printf(Locale.ROOT, "%s (%s): %s%n", r.lemma(), r.file(), r.verdict());
    out.printf(Locale.ROOT, "  volume: proved %s, refuted %s, unknown %s; %d boxes, %.2f s%n",
        Reports.percent(r.proved()), Reports.percent(r.refuted()), Reports.percent(r.unknown()),
        r.boxes(), r.seconds());
    if (symmetry.containsKey(r.lemma())) {
      out.printf("  %s%n", symmetry.get(r.lemma()));
    }
    for (Goal g : r.goals()) {
      out.printf("  claim %d: %s%n", g.index() + 1, g.claim().source().text());
      if (g.reduction() != null) {
        ExprPrinter.Named residual = ExprPrinter.printNamed(g.residual());
        out.printf("    reduced exactly to: %s%s%n", residual.text(),
            g.reduction().closed() ? " (nothing left but definedness)"
                : g.claim().strict() ? " > 0 on the leaves" : " >= 0 on the leaves");
        residual.where().forEach(w -> out.printf("      where %s%n", w));
      }
    }
    for (Counterexample c : r.counterexamples().subList(0, Math.min(1, r.counterexamples().size()))) {
      Map<String, String> point = new LinkedHashMap<>();
      c.point().forEach((k, v) -> point.put(k, ExprPrinter.rational(v)));
      out.printf("  counterexample to claim %d (certified%s): %s%n    %s%n", c.claim() + 1,
          c.source() == null ? "" : ", found by " + c.source(), point, c.describe());
    }
    if (!r.cutShort().isEmpty()) {
      out.printf("  given up at the time limit: %s%n", String.join(", ", r.cutShort()));
    }
    if (r.log() != null) {
      out.printf("  proof log: %s%n", r.log());
    }
  }
}

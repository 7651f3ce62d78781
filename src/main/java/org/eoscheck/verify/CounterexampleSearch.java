package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog.Verdict;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.verify.Margins.Score;
import org.eoscheck.certificate.SmtOracle;
import org.hipparchus.random.SobolSequenceGenerator;

/**
 * Hunts for counterexamples to a {@link Problem} in regions far too large, or models far too deep,
 * for the prover (scalar networks of depth 10 and more, linear networks with matrices). It can
 * REFUTE a lemma, never prove one.
 *
 * <ol>
 *   <li>Where counterexamples are, before sampling: every source of {@link CandidatePoints}
 *       on the box (corners and centre, small denominators, symmetric points, model minimisers,
 *       exact rational roots), each point judged by the kernel unless double intervals already
 *       rule it out ({@link Refuter}). Equality cases and undefined claims are found here.</li>
 *   <li>Sampling: points of the box, alternately from a Sobol sequence (shifted modulo 1 by the
 *       seed, a Cranley-Patterson rotation), uniform pseudo-random points and pseudo-random points
 *       with some coordinates on the faces of the box; hypotheses and claim differences are
 *       evaluated in double ({@link Margins}).</li>
 *   <li>Local optimisation of the violation from the best few points: a Hooke-Jeeves pattern
 *       search in the unit cube of box coordinates (projected onto the box), which prefers points
 *       satisfying every hypothesis and then a larger violation.</li>
 *   <li>Exact re-evaluation: each candidate becomes an exact rational point of the box (a rounded
 *       decimal, else the exact binary value; else points on the segment towards an interior
 *       violating sample, in case rounding left a hypothesis boundary) and is judged by the trusted
 *       kernel ({@link Certificates#certifier}). Only a certified point is reported.</li>
 *   <li>Trajectories ({@link TrajectoryCandidates}, with {@link Options#trajectories()}): runs of
 *       the lemma's GD, NGD or sqrt-GD from Sobol points and perturbed minimisers before sampling
 *       (cheap, and they meet what sampling does not: an equation's set, the neighbourhood of the
 *       minimisers), and from the best sampled points after it; their worst iterates go to the
 *       kernel.</li>
 *   <li>Beside sampling, around the best points (anchors): the simplest rational point of boxes
 *       of shrinking width around each (a box on which the claim certainly fails gives its
 *       simplest point), the exact rational roots through the anchors, and the model of the
 *       kernel's refutation query sent to Z3 on small boxes around them (with a solver).</li>
 * </ol>
 *
 * <p>Points are ranked by their {@link Margins.Score}: hypotheses first, then the violation.
 *
 * <p>Single-threaded (but for the trajectories' runs) and deterministic for a given seed and
 * sample count (the time limit, when it
 * binds, cuts the work short and may change the outcome).
 */
public final class CounterexampleSearch {
  /** Starting points of the local optimisation. */
  private static final int STARTS = 6;
  /** Kernel judgements at most for the candidate sources on the whole box, before sampling. */
  private static final int CANDIDATE_JUDGEMENTS = 48;
  /** Anchors (best points) examined beside sampling, and their boxes' widths 2^-k of the box. */
  private static final int ANCHORS = 4;
  private static final int[] ANCHOR_SCALES = {4, 8, 12, 16, 20, 24, 32, 40, 48};
  /** Z3 queries beside sampling at most (the box, then boxes around anchors), each's budget. */
  private static final int Z3_QUERIES = 3;
  private static final Duration Z3_BUDGET = Duration.ofSeconds(2);
  /** Certification attempts at most (each is an exact or high-precision evaluation). */
  private static final int MAX_CERTIFICATIONS = 30;
  /** Certification attempts made even when the time limit has passed (within {@link #GRACE}). */
  private static final int MIN_CERTIFICATIONS = 3;
  /** How long past the time limit those last certifications may take before they are given up. */
  private static final java.time.Duration GRACE = java.time.Duration.ofSeconds(2);
  private static final int SOBOL_MAX_DIMENSION = 21201;

  /**
   * @param samples points sampled before the local optimisation (at least 1)
   * @param seed the seed of every random choice
   * @param timeLimit wall-clock limit of the whole search
   * @param solver Z3, or null for none
   * @param trajectories the runs of {@link TrajectoryCandidates} after sampling, or null for none
   */
  public record Options(long samples, long seed, Duration timeLimit, SmtOracle solver,
      TrajectoryCandidates.Settings trajectories) {
    /** Without Z3 and trajectories. */
    public Options(long samples, long seed, Duration timeLimit) {
      this(samples, seed, timeLimit, null, null);
    }

    /** Without trajectories. */
    public Options(long samples, long seed, Duration timeLimit, SmtOracle solver) {
      this(samples, seed, timeLimit, solver, null);
    }

    public Options {
      if (samples < 1) {
        throw new IllegalArgumentException("samples must be at least 1");
      }
      if (timeLimit.isNegative() || timeLimit.isZero()) {
        throw new IllegalArgumentException("the time limit must be positive");
      }
    }

    public static Options defaults() {
      return new Options(100_000, 1, Duration.ofSeconds(60));
    }
  }

  /**
   * What the trajectories did: runs started and of them diverged, steps per run, the update rule,
   * iterates in the box and of them satisfying every hypothesis; the start of the run that found
   * the counterexample (null if none did).
   */
  public record Trajectories(int runs, int diverged, int steps, String method, long inBox,
      long feasible, TrajectoryCandidates.Start start) {}

  /**
   * The worst point found: the largest violation, or (if no point violates a claim) the smallest
   * slack, among points where every hypothesis holds in double precision; {@code tolerance} is
   * the rounding-noise level below which a positive margin was not submitted to the kernel.
   */
  public record Worst(int claim, double margin, double tolerance, Map<String, Double> point) {
    public Worst {
      point = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(point));
    }
  }

  /**
   * The outcome of a search.
   *
   * @param counterexample a certified counterexample, if one was found
   * @param samples points evaluated in all (sampling and local optimisation)
   * @param sampled of those, the points sampled in the first phase
   * @param worst the worst point, or null if no point satisfied every hypothesis with a claim
   *     defined
   * @param certifications candidate points submitted to the kernel
   * @param trajectories what the trajectories did, or null if none ran
   */
  public record Result(Problem problem, Optional<Counterexample> counterexample, long samples,
      long sampled, Worst worst, int certifications, double seconds, long seed,
      Trajectories trajectories) {
    public Verdict verdict() {
      return counterexample.isPresent() ? Verdict.REFUTED : Verdict.UNKNOWN;
    }
  }

  /** A point in unit-cube coordinates with its score. */
  private record Point(double[] t, Margins.Score score, String source) {}

  private final Problem problem;
  private final Options options;
  private final PointCertifier certifier;
  private final Refuter refuter;
  private final List<Goal> goals = new ArrayList<>();
  private final Z3Candidates z3;
  private final Margins margins;
  private final int dimension;
  /** The root box, its infinite ends replaced by far-out finite ones ({@link Box#finite}). */
  private final Box box;
  private final double[] lo;
  private final double[] width;
  private final Deadline deadline;
  /** Sampling stops here, leaving a fifth of the time for local optimisation and certification. */
  private final Deadline samplingDeadline;
  private long evaluations;

  private CounterexampleSearch(Problem problem, Options options, PointCertifier certifier) {
    // The time limit counts from here: compiling a deep model's program is part of the search.
    this.deadline = Deadline.after(options.timeLimit());
    this.samplingDeadline = Deadline.after(options.timeLimit().multipliedBy(4).dividedBy(5));
    this.problem = problem;
    this.options = options;
    this.certifier = certifier;
    for (int k = 0; k < problem.claims().size(); k++) {
      Problem.Claim c = problem.claims().get(k);
      goals.add(new Goal(k, c, c.difference(), null, List.of(c.difference())));
    }
    this.refuter = new Refuter(problem, new Enclosures(problem, goals), certifier);
    Z3Candidates solver = null;
    if (options.solver() != null) {
      try {
        solver = Z3Candidates.unreduced(problem, options.solver());
      } catch (org.eoscheck.certificate.Rejected notEncodable) {
        solver = null; // the kernel does not accept the statement: no queries
      }
    }
    this.z3 = solver;
    this.margins = new Margins(problem);
    this.dimension = problem.variables().size();
    this.box = problem.root().finite();
    this.lo = new double[dimension];
    this.width = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      lo[i] = box.lo().get(i).doubleValue();
      width[i] = box.hi().get(i).doubleValue() - lo[i];
    }
  }

  /** Searches {@code problem} for a counterexample certified by the trusted kernel. */
  public static Result search(Problem problem, Options options) throws InputException {
    return search(problem, options, Certificates.certifier(problem));
  }

  static Result search(Problem problem, Options options, PointCertifier certifier)
      throws InputException {
    CounterexampleSearch s;
    try {
      s = new CounterexampleSearch(problem, options, certifier);
    } catch (IllegalArgumentException e) {
      throw new InputException(problem.lemma().file() + ": cannot evaluate the lemma: "
          + e.getMessage());
    }
    return s.run();
  }

  private Result run() {
    long start = System.nanoTime();
    int[] attempts = {0};
    Optional<Counterexample> first = Optional.empty();
    for (Goal g : goals) {
      first = first.or(() -> refuter.candidates(problem.root(), g, List.of(),
          CANDIDATE_JUDGEMENTS));
    }
    if (first.isPresent()) {
      return new Result(problem, first, 0, 0, null, refuter.judgements(),
          (System.nanoTime() - start) / 1e9, options.seed(), null);
    }
    Trajectories[] trajectories = {null};
    if (options.trajectories() != null) {
      // the runs from Sobol points and perturbed minimisers are cheap, and they meet what
      // sampling does not (an equation's set, the neighbourhood of the minimisers): first
      Optional<Counterexample> c = follow(List.of(), trajectories);
      if (c.isPresent()) {
        return new Result(problem, c, 0, 0, null, refuter.judgements(),
            (System.nanoTime() - start) / 1e9, options.seed(), trajectories[0]);
      }
    }
    List<Point> best = sample();
    long sampled = evaluations;
    List<Point> optimised = new ArrayList<>();
    for (Point p : best.subList(0, Math.min(STARTS, best.size()))) {
      if (p.score().feasible()) {
        optimised.add(optimise(p));
      }
    }
    List<Point> all = new ArrayList<>(optimised);
    all.addAll(best);
    all.sort(Comparator.comparing(Point::score, Score.BETTER_FIRST));
    Worst worst = null;
    if (!all.isEmpty() && all.get(0).score().feasible()) {
      Point w = all.get(0);
      worst = new Worst(w.score().claim(), w.score().margin() + 0.0, w.score().tolerance(),
          named(coordinates(w.t())));
    }
    Optional<Counterexample> found = certify(all, best, attempts);
    if (found.isEmpty() && options.trajectories() != null) {
      List<double[]> anchors = new ArrayList<>();
      for (Point p : all.subList(0, Math.min(ANCHORS, all.size()))) {
        if (p.score().feasible()) {
          anchors.add(coordinates(p.t()));
        }
      }
      if (!anchors.isEmpty()) {
        found = follow(anchors, trajectories); // a second round, from the near-violations
      }
    }
    if (found.isEmpty()) {
      found = beside(all);
    }
    return new Result(problem, found, evaluations, sampled, worst,
        attempts[0] + refuter.judgements(), (System.nanoTime() - start) / 1e9, options.seed(),
        trajectories[0]);
  }

  /**
   * The trajectory source from Sobol points, perturbed minimisers and {@code anchors}; what the
   * runs did goes to {@code report[0]}.
   */
  private Optional<Counterexample> follow(List<double[]> anchors, Trajectories[] report) {
    if (timeUp()) {
      return Optional.empty();
    }
    Optional<Refuter.FromTrajectories> runs = refuter.trajectories(problem.root(), goals,
        options.trajectories(), anchors, deadline, MAX_CERTIFICATIONS);
    if (runs.isEmpty()) {
      return Optional.empty();
    }
    Refuter.FromTrajectories r = runs.get();
    Trajectories before = report[0] == null
        ? new Trajectories(0, 0, options.trajectories().steps(), "", 0, 0, null) : report[0];
    report[0] = new Trajectories(before.runs() + r.runs().runs(),
        before.diverged() + r.runs().diverged(), before.steps(),
        refuter.trajectorySource().orElseThrow().method().label(),
        before.inBox() + r.runs().inBox(), before.feasible() + r.runs().feasible(),
        r.candidate().map(TrajectoryCandidates.Candidate::start).orElse(null));
    return r.counterexample();
  }

  // ---------------------------------------------------------------- phase 1: sampling

  private List<Point> sample() {
    SplittableRandom random = new SplittableRandom(options.seed());
    double[] shift = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      shift[i] = random.nextDouble();
    }
    SobolSequenceGenerator sobol = dimension <= SOBOL_MAX_DIMENSION
        ? new SobolSequenceGenerator(dimension) : null;
    List<Point> best = new ArrayList<>();
    double[] t = new double[dimension];
    for (long k = 0; k < options.samples(); k++) {
      if ((k & 255) == 0 && k > 0 && samplingDeadline.passed()) {
        break;
      }
      int kind = (int) (k & 3);
      if (sobol != null && (kind == 0 || kind == 2)) {
        double[] q = sobol.nextVector();
        for (int i = 0; i < dimension; i++) {
          double v = q[i] + shift[i];
          t[i] = v >= 1 ? v - 1 : v;
        }
      } else {
        for (int i = 0; i < dimension; i++) {
          double u = random.nextDouble();
          t[i] = kind == 3 && u < 0.25 ? 0 : kind == 3 && u > 0.75 ? 1 : random.nextDouble();
        }
      }
      keep(best, t, score(t));
    }
    return best;
  }

  /** Keeps the {@code 4 * STARTS} best points, best first. */
  private static void keep(List<Point> best, double[] t, Score s) {
    int limit = 4 * STARTS;
    if (best.size() == limit && !s.betterThan(best.get(limit - 1).score())) {
      return;
    }
    int i = best.size();
    while (i > 0 && s.betterThan(best.get(i - 1).score())) {
      i--;
    }
    best.add(i, new Point(t.clone(), s, "sampling"));
    if (best.size() > limit) {
      best.remove(limit);
    }
  }

  // ---------------------------------------------------------------- phase 2: local search

  /** Hooke-Jeeves pattern search in the unit cube from {@code p}, within an evaluation budget. */
  private Point optimise(Point p) {
    long budget = evaluations + 400L * dimension + 100;
    double[] base = p.t().clone();
    Score baseScore = p.score();
    double step = 1.0 / 16;
    while (step > 1e-13 && evaluations < budget && !timeUp()) {
      double[] t = base.clone();
      Score s = explore(t, baseScore, step);
      if (!s.betterThan(baseScore)) {
        step /= 2;
        continue;
      }
      // pattern move: x + (x - base), kept if exploring around it beats x
      double[] pattern = new double[dimension];
      for (int i = 0; i < dimension; i++) {
        pattern[i] = clamp(2 * t[i] - base[i]);
      }
      Score ps = explore(pattern, score(pattern), step);
      if (ps.betterThan(s)) {
        base = pattern;
        baseScore = ps;
      } else {
        base = t;
        baseScore = s;
      }
    }
    return new Point(base, baseScore, baseScore == p.score() ? p.source() : "pattern search");
  }

  /** Coordinate moves of size {@code step} from t (changed in place); the score reached. */
  private Score explore(double[] t, Score s, double step) {
    for (int i = 0; i < dimension; i++) {
      double old = t[i];
      for (int sign = 1; sign >= -1; sign -= 2) {
        double v = clamp(old + sign * step);
        if (v == old) {
          continue;
        }
        t[i] = v;
        Score trial = score(t);
        if (trial.betterThan(s)) {
          s = trial;
          break;
        }
        t[i] = old;
      }
    }
    return s;
  }

  private static double clamp(double v) {
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }

  // ---------------------------------------------------------------- evaluation

  private double[] coordinates(double[] t) {
    double[] out = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      out[i] = lo[i] + t[i] * width[i];
    }
    return out;
  }

  /** The score of unit-cube point t, in double precision. */
  Score score(double[] t) {
    evaluations++;
    return margins.score(coordinates(t));
  }

  private boolean timeUp() {
    return deadline.passed();
  }

  // ---------------------------------------------------------------- phase 3: certification

  /**
   * Submits the promising candidates to the kernel: each as rounded and exact rational points,
   * then at points on the segment towards the best-violating sampled point (which is usually
   * interior to the hypotheses).
   */
  private Optional<Counterexample> certify(List<Point> candidates, List<Point> sampled, int[] attempts) {
    Point anchor = sampled.stream().filter(p -> p.score().promising()).findFirst().orElse(null);
    for (Point c : candidates) {
      if (!c.score().promising()) {
        continue;
      }
      List<double[]> tries = new ArrayList<>();
      tries.add(c.t());
      if (anchor != null && anchor != c) {
        for (int k : new int[] {30, 20, 12, 6, 3, 1}) {
          double lambda = 1 - Math.scalb(1.0, -k);
          double[] t = new double[dimension];
          for (int i = 0; i < dimension; i++) {
            t[i] = anchor.t()[i] + lambda * (c.t()[i] - anchor.t()[i]);
          }
          tries.add(t);
        }
      }
      for (double[] t : tries) {
        Score s = score(t);
        if (!s.promising()) {
          continue;
        }
        List<Map<String, BigFraction>> points = exactPoints(t);
        // the candidate itself in every rounding; a point towards the anchor in the first only
        for (Map<String, BigFraction> point : t == c.t() ? points : points.subList(0, 1)) {
          if (attempts[0] >= MAX_CERTIFICATIONS || attempts[0] >= MIN_CERTIFICATIONS && timeUp()) {
            return Optional.empty();
          }
          attempts[0]++;
          Optional<Counterexample> cx;
          try {
            // An exact evaluation of a deep model can take long: never past the grace.
            cx = deadline.plus(GRACE).run("certification", () -> certifier.certify(s.claim(), point));
          } catch (Deadline.Exceeded e) {
            return Optional.empty();
          } catch (org.eoscheck.EoscheckException impossible) {
            throw new IllegalStateException(impossible);
          }
          if (cx.isPresent()) {
            return cx.map(found -> found.from(c.source()));
          }
        }
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- phase 4: beside sampling

  /**
   * Around the best points (feasible ones first): for boxes of width 2^-k of the root's around
   * each, largest first, a certified point of a box where the claim certainly fails, else the
   * box's simplest point; then the rational roots through the anchors (each anchor's simplest
   * point at scale 2^-24); then Z3 on the smallest boxes.
   */
  private Optional<Counterexample> beside(List<Point> ranked) {
    List<Point> anchors = ranked.subList(0, Math.min(ANCHORS, ranked.size()));
    List<List<BigFraction>> simple = new ArrayList<>();
    for (Point a : anchors) {
      for (int k : ANCHOR_SCALES) {
        if (timeUp()) {
          return Optional.empty();
        }
        Box around = around(a.t(), k);
        for (Goal g : goals) {
          Optional<Counterexample> c = refuter.inViolatedBox(around, g)
              .or(() -> refuter.search(around, g, 0));
          if (c.isPresent()) {
            return c;
          }
        }
        if (k == 24) {
          simple.add(IntStream.range(0, dimension).mapToObj(i -> SimpleRationals.simplest(
              around.lo().get(i), around.hi().get(i))).toList());
        }
      }
    }
    for (Goal g : goals) {
      if (timeUp()) {
        return Optional.empty();
      }
      Optional<Counterexample> c = refuter.roots(problem.root(), g, simple, CANDIDATE_JUDGEMENTS);
      if (c.isPresent()) {
        return c;
      }
    }
    return z3 == null ? Optional.empty() : fromZ3(anchors);
  }

  /** The box of half-width 2^-k of the root's around unit-cube point t, within the root. */
  private Box around(double[] t, int k) {
    List<BigFraction> l = new ArrayList<>();
    List<BigFraction> h = new ArrayList<>();
    BigFraction half = BigFraction.of(java.math.BigInteger.ONE, java.math.BigInteger.TWO.pow(k));
    for (int i = 0; i < dimension; i++) {
      BigFraction rootLo = box.lo().get(i);
      BigFraction rootHi = box.hi().get(i);
      BigFraction c = rootLo.add(box.width(i).multiply(fraction(new BigDecimal(t[i]))));
      BigFraction r = box.width(i).multiply(half);
      BigFraction a = c.subtract(r);
      BigFraction b = c.add(r);
      l.add(a.compareTo(rootLo) < 0 ? rootLo : a);
      h.add(b.compareTo(rootHi) > 0 ? rootHi : b);
    }
    return new Box("anchor", l, h);
  }

  /** The models of the kernel's refutation query on the box, then on small boxes around anchors. */
  private Optional<Counterexample> fromZ3(List<Point> anchors) {
    List<Box> boxes = new ArrayList<>(List.of(problem.root()));
    for (Point a : anchors) {
      boxes.add(around(a.t(), 12));
      boxes.add(around(a.t(), 4));
    }
    for (Box b : boxes.subList(0, Math.min(Z3_QUERIES, boxes.size()))) {
      if (deadline.passed()) {
        return Optional.empty();
      }
      Duration budget = deadline.clip(Z3_BUDGET);
      for (Goal g : goals) {
        Optional<Counterexample> c = z3.model(g.index(), b, budget)
            .flatMap(p -> refuter.tryPoint(p, g, CandidatePoints.Z3));
        if (c.isPresent()) {
          return c;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Exact rational points of the box for unit-cube point t: the coordinates rounded to 12, then
   * 17 significant digits (clamped into the box), then lo + t (hi - lo) with t's exact binary
   * value (rounding can leave a hypothesis that holds with equality at the optimum).
   */
  List<Map<String, BigFraction>> exactPoints(double[] t) {
    List<Map<String, BigFraction>> out = new ArrayList<>();
    double[] c = coordinates(t);
    for (int digits : new int[] {12, 17, 0}) {
      Map<String, BigFraction> point = new LinkedHashMap<>();
      for (int i = 0; i < dimension; i++) {
        BigFraction l = box.lo().get(i);
        BigFraction h = box.hi().get(i);
        BigFraction q;
        if (digits == 0) {
          q = l.add(h.subtract(l).multiply(fraction(new BigDecimal(t[i]))));
        } else {
          q = fraction(new BigDecimal(c[i]).round(new MathContext(digits)));
          q = q.compareTo(l) < 0 ? l : q.compareTo(h) > 0 ? h : q;
        }
        point.put(problem.variables().get(i), q);
      }
      if (!out.contains(point)) {
        out.add(point);
      }
    }
    return out;
  }

  static BigFraction fraction(BigDecimal d) {
    return d.scale() <= 0 ? BigFraction.of(d.toBigIntegerExact())
        : BigFraction.of(d.unscaledValue(), java.math.BigInteger.TEN.pow(d.scale()));
  }

  private Map<String, Double> named(double[] coords) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < dimension; i++) {
      m.put(problem.variables().get(i), coords[i]);
    }
    return m;
  }
}

package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.Polynomial;
import org.eoscheck.certificate.RationalFunction;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.expr.CompiledExpr;
import org.eoscheck.expr.Derivative;
import org.eoscheck.expr.Expr;
import org.eoscheck.model.Model;
import org.eoscheck.simulate.Dynamics;
import org.eoscheck.simulate.Method;
import org.eoscheck.simulate.Simulator;
import org.eoscheck.verify.Margins.Score;
import org.hipparchus.random.SobolSequenceGenerator;

/**
 * Candidates from gradient descent's own iterates: where Edge-of-Stability lemmas break
 * (catapults, period-2 oscillation about the minimiser manifold, the sharpness crossing 2/eta),
 * sets far too thin for sampling. Shared by {@code search} and check's refuter.
 *
 * <p>Runs of the lemma's update rule (GD; NGD or GD on sqrt(L) where the lemma speaks of
 * {@code ngd(..)} or {@code sqrtgd(..)}) in double precision ({@link Simulator#dynamicsOf}), at
 * the step size and the other variables of its start, from
 * <ul>
 *   <li>Sobol points of the box (shifted by the seed),</li>
 *   <li>points of the minimiser manifold pi(theta) = target (a Sobol point moved onto it by Newton
 *       steps along grad pi), perturbed by a relative 10^-9, 10^-6, 10^-3, 10^-2 or 10^-1, where the model has a
 *       product,</li>
 *   <li>the points a sampler found nearly violating (anchors; a round of their own).</li>
 * </ul>
 * Every iterate in the box where every hypothesis holds (in double precision) is scored by the
 * claims' violation margin ({@link Margins}); where the lemma assumes an equation h == 0 the
 * iterate is first moved onto h = 0 along one variable (Newton in double), and its exact point
 * is then solved for that variable ({@link RationalRoots}), so that it lies on the set exactly.
 * The worst iterates are returned; only the kernel's certificate makes one a counterexample.
 *
 * <p>Runs that leave every bound ({@link Simulator#DIVERGENCE_BOUND}) or produce NaN are counted
 * as diverged; NaN iterates are never candidates. Runs are independent and merged in their order,
 * so the outcome is the same for any number of threads.
 */
public final class TrajectoryCandidates {
  /** Candidates kept per run, and in all. */
  private static final int PER_RUN = 4;
  private static final int KEPT = 24;
  /** Relative perturbations of minimisers, in turn. */
  private static final double[] PERTURBATIONS = {1e-9, 1e-6, 1e-3, 1e-2, 1e-1};
  /** Equality hypotheses count as met in double precision up to this |h| (times max(1, |x|)). */
  private static final double ON_SET = 1e-9;
  private static final int SOBOL_MAX_DIMENSION = 21201;

  /**
   * @param trajectories runs (0: none)
   * @param steps steps per run
   * @param seed the seed of the starts
   * @param jobs threads
   */
  public record Settings(int trajectories, int steps, long seed, int jobs) {
    public Settings {
      if (trajectories < 0 || steps < 0 || jobs < 1) {
        throw new IllegalArgumentException("trajectories, steps >= 0 and jobs >= 1");
      }
    }
  }

  /** Where a run started: "Sobol point", "perturbed minimiser" or "near-violation". */
  public record Start(String kind, Map<String, Double> point) {
    public Start {
      point = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(point));
    }
  }

  /** An iterate worth the kernel's judgement: run (1-based), step, the box point, its score. */
  record Candidate(int trajectory, int step, Start start, double[] x, Score score) {}

  /**
   * What the runs did: runs, of them diverged (non-finite or unbounded), iterates in the box, of
   * them satisfying every hypothesis, and the candidates (worst first).
   */
  record Runs(int runs, int diverged, long inBox, long feasible, List<Candidate> candidates) {}

  private final Problem problem;
  private final Margins margins;
  private final Dynamics dynamics;
  private final Method method;
  /** Index among the problem's variables of each model parameter, or -1 if it is fixed. */
  private final int[] parameter;
  /** The fixed value of each fixed parameter (NaN for free ones). */
  private final double[] fixedValue;
  private final int eta;
  private final double fixedEta;
  private final CompiledExpr residual;
  private final CompiledExpr residualGradient;
  /** The equality hypotheses h (h == 0), compiled, and their polynomials (null if not one). */
  private final List<Integer> equalities;
  private final CompiledExpr equalityProgram;
  private final List<Polynomial> equalityPolynomials = new ArrayList<>();

  private TrajectoryCandidates(Problem problem, Margins margins, Dynamics dynamics, Method method) {
    this.problem = problem;
    this.margins = margins;
    this.dynamics = dynamics;
    this.method = method;
    Model model = problem.lemma().model();
    List<String> params = model.parameters();
    this.parameter = new int[params.size()];
    this.fixedValue = new double[params.size()];
    for (int k = 0; k < params.size(); k++) {
      parameter[k] = problem.variables().indexOf(params.get(k));
      BigFraction f = problem.fixed().get(params.get(k));
      fixedValue[k] = f == null ? Double.NaN : f.doubleValue();
    }
    this.eta = problem.variables().indexOf(Model.ETA);
    BigFraction e = problem.fixed().get(Model.ETA);
    this.fixedEta = e == null ? Double.NaN : e.doubleValue();
    CompiledExpr r = null;
    CompiledExpr g = null;
    if (model.residual().isPresent() && model.symbols().isEmpty()) {
      Expr res = model.residual().get();
      r = CompiledExpr.compile(res, params);
      g = CompiledExpr.compile(Derivative.gradient(res, params), params);
    }
    this.residual = r;
    this.residualGradient = g;
    this.equalities = margins.equalities();
    List<Expr> hs = new ArrayList<>();
    for (int j : equalities) {
      hs.add(margins.hypothesis(j));
      Polynomial p;
      try {
        p = RationalFunction.of(margins.hypothesis(j)).num();
      } catch (Rejected | RuntimeException notPolynomial) {
        p = null;
      }
      equalityPolynomials.add(p);
    }
    this.equalityProgram = hs.isEmpty() ? null : CompiledExpr.compile(hs, problem.variables());
  }

  /**
   * The trajectory source of {@code problem}, if it has one: a model with numeric parameters
   * (no symbolic target), at least one of them free, and a step size (a variable or fixed).
   */
  static Optional<TrajectoryCandidates> of(Problem problem, Margins margins) {
    Model model = problem.lemma().model();
    if (model == null || !model.symbols().isEmpty()
        || model.parameters().stream().noneMatch(problem.variables()::contains)
        || !problem.variables().contains(Model.ETA) && !problem.fixed().containsKey(Model.ETA)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new TrajectoryCandidates(problem, margins, Simulator.dynamicsOf(model),
          methodOf(problem.lemma())));
    } catch (IllegalArgumentException notCompilable) {
      return Optional.empty();
    }
  }

  /** The update rule the lemma's claims and hypotheses speak of: sqrt-GD, NGD, else GD. */
  static Method methodOf(Lemma lemma) {
    List<String> texts = new ArrayList<>();
    lemma.claims().forEach(c -> texts.add(c.text()));
    lemma.assumptions().forEach(a -> texts.add(a.text()));
    if (texts.stream().anyMatch(t -> t.contains("sqrtgd("))) {
      return Method.SQRTGD;
    }
    return texts.stream().anyMatch(t -> t.matches("(?s).*\\bngd\\(.*")) ? Method.NGD : Method.GD;
  }

  public Method method() {
    return method;
  }

  /**
   * Default runs and steps from the box and the model: 32 runs per variable (64 to 512), and
   * 20/eta steps at the centre of the step-size range (100 to 2000), enough for GD to reach the
   * minimiser manifold and oscillate about it.
   */
  public static Settings defaults(Problem problem, long seed, int jobs) {
    int runs = Math.max(64, Math.min(512, 32 * problem.variables().size()));
    double h = Double.NaN;
    int i = problem.variables().indexOf(Model.ETA);
    if (i >= 0) {
      h = problem.root().mid(i).doubleValue();
    } else if (problem.fixed().containsKey(Model.ETA)) {
      h = problem.fixed().get(Model.ETA).doubleValue();
    }
    int steps = h > 0 ? (int) Math.max(100, Math.min(2000, Math.ceil(20 / h))) : 200;
    return new Settings(runs, steps, seed, jobs);
  }

  /**
   * Runs the trajectories inside {@code box} (a box of the problem's variables): from the
   * anchors, points of it (box coordinates) that nearly violate, where there are any, else from
   * Sobol points and perturbed minimisers; stops starting runs once {@code until} has passed.
   */
  Runs run(Box box, Settings settings, List<double[]> anchors, Deadline until) {
    List<double[]> starts = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    starts(box, settings, anchors, starts, kinds);
    int n = starts.size();
    Run[] results = new Run[n];
    Bounds bounds = Bounds.of(box);
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, settings.jobs()));
    try {
      pool.submit(() -> IntStream.range(0, n).parallel().forEach(k -> {
        if (!until.passed()) {
          results[k] = follow(bounds, k, kinds.get(k), starts.get(k), settings.steps(), until);
        }
      })).join();
    } finally {
      pool.shutdown();
    }
    int runs = 0;
    int diverged = 0;
    long inBox = 0;
    long feasible = 0;
    List<Candidate> all = new ArrayList<>();
    for (Run r : results) {
      if (r == null) {
        continue;
      }
      runs++;
      diverged += r.diverged ? 1 : 0;
      inBox += r.inBox;
      feasible += r.feasible;
      all.addAll(r.best);
    }
    all.sort(WORST_FIRST);
    return new Runs(runs, diverged, inBox, feasible, List.copyOf(all.subList(0,
        Math.min(KEPT, all.size()))));
  }

  /** A box's bounds in double (BigFraction conversions are far too slow per iterate). */
  private record Bounds(double[] lo, double[] hi) {
    static Bounds of(Box box) {
      int d = box.dimension();
      double[] lo = new double[d];
      double[] hi = new double[d];
      for (int i = 0; i < d; i++) {
        lo[i] = box.lo().get(i).doubleValue();
        hi[i] = box.hi().get(i).doubleValue();
      }
      return new Bounds(lo, hi);
    }

    boolean contains(double[] x) {
      for (int i = 0; i < x.length; i++) {
        if (!(x[i] >= lo[i] && x[i] <= hi[i])) {
          return false;
        }
      }
      return true;
    }

    double width(int i) {
      return hi[i] - lo[i];
    }
  }

  private static final Comparator<Candidate> WORST_FIRST = Comparator
      .comparing(Candidate::score, Score.BETTER_FIRST)
      .thenComparingInt(Candidate::trajectory).thenComparingInt(Candidate::step);

  /**
   * The starts: one run from each anchor where there are anchors; else Sobol points and perturbed
   * minimisers in turn (Sobol points only where the model has no product).
   */
  private void starts(Box box, Settings settings, List<double[]> anchors, List<double[]> starts,
      List<String> kinds) {
    if (!anchors.isEmpty()) {
      for (double[] a : anchors.subList(0, Math.min(anchors.size(), settings.trajectories()))) {
        starts.add(a.clone());
        kinds.add("near-violation");
      }
      return;
    }
    int d = problem.variables().size();
    SplittableRandom random = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + 17);
    double[] shift = new double[d];
    for (int i = 0; i < d; i++) {
      shift[i] = random.nextDouble();
    }
    // Sobol points up to the generator's largest dimension, else uniform pseudo-random ones
    SobolSequenceGenerator sobol = d <= SOBOL_MAX_DIMENSION
        ? new SobolSequenceGenerator(Math.max(1, d)) : null;
    double[] lo = new double[d];
    double[] width = new double[d];
    for (int i = 0; i < d; i++) {
      lo[i] = box.lo().get(i).doubleValue();
      width[i] = box.hi().get(i).doubleValue() - lo[i];
    }
    int kind = 0;
    int guard = 0;
    while (starts.size() < settings.trajectories() && guard++ < 4 * settings.trajectories() + 8) {
      kind = 1 - kind;
      double[] q = sobol != null ? sobol.nextVector() : random.doubles(d).toArray();
      double[] x = new double[d];
      for (int i = 0; i < d; i++) {
        double t = q[i] + shift[i];
        x[i] = lo[i] + (t >= 1 ? t - 1 : t) * width[i];
      }
      if (kind == 1 || residual == null) {
        starts.add(x);
        kinds.add("Sobol point");
        continue;
      }
      double[] theta = theta(x);
      if (toManifold(theta)) {
        double eps = PERTURBATIONS[starts.size() % PERTURBATIONS.length];
        for (int k = 0; k < theta.length; k++) {
          theta[k] *= 1 + eps * random.nextGaussian();
        }
        place(theta, x);
        starts.add(x);
        kinds.add("perturbed minimiser");
      }
    }
  }

  /** Newton steps theta -= r grad r / |grad r|^2 onto r = 0 (r = pi - target); whether it got there. */
  private boolean toManifold(double[] theta) {
    double[] g = new double[theta.length];
    for (int it = 0; it < 60; it++) {
      double r = residual.eval(theta);
      if (!Double.isFinite(r)) {
        return false;
      }
      if (Math.abs(r) <= 1e-13) {
        return true;
      }
      residualGradient.eval(theta, g);
      double norm2 = 0;
      for (double gi : g) {
        norm2 += gi * gi;
      }
      if (!(norm2 > 0) || !Double.isFinite(norm2)) {
        return false;
      }
      // damped: at most a unit move per step
      double scale = r / norm2;
      double move = Math.abs(scale) * Math.sqrt(norm2);
      if (move > 1) {
        scale /= move;
      }
      for (int k = 0; k < theta.length; k++) {
        theta[k] -= scale * g[k];
      }
    }
    return false;
  }

  /** The model parameters at box point x (fixed ones at their values). */
  private double[] theta(double[] x) {
    double[] theta = new double[parameter.length];
    for (int k = 0; k < parameter.length; k++) {
      theta[k] = parameter[k] >= 0 ? x[parameter[k]] : fixedValue[k];
    }
    return theta;
  }

  /** Writes the free parameters of theta into box point x. */
  private void place(double[] theta, double[] x) {
    for (int k = 0; k < parameter.length; k++) {
      if (parameter[k] >= 0) {
        x[parameter[k]] = theta[k];
      }
    }
  }

  /** One run's outcome. */
  private static final class Run {
    boolean diverged;
    long inBox;
    long feasible;
    final List<Candidate> best = new ArrayList<>();
  }

  private Run follow(Bounds box, int index, String kind, double[] x0, int steps, Deadline until) {
    Run run = new Run();
    double h = eta >= 0 ? x0[eta] : fixedEta;
    Start start = new Start(kind, margins.named(x0));
    double[] theta = theta(x0);
    double[] next = new double[theta.length];
    double[] grad = new double[theta.length];
    double[] x = x0.clone();
    int[] along = new int[equalities.size()];
    java.util.Arrays.fill(along, -1);
    for (int t = 0; t <= steps; t++) {
      if (!finite(theta)) {
        run.diverged = true;
        break;
      }
      place(theta, x);
      if (box.contains(x)) {
        double[] y = equalities.isEmpty() ? x : onSet(box, x.clone(), along);
        if (y != null) {
          run.inBox++;
          Score s = margins.score(y, ON_SET * scale(y));
          if (s.feasible()) {
            run.feasible++;
            if (s.promising()) {
              keep(run.best, new Candidate(index + 1, t, start, y.clone(), s));
            }
          }
        }
      }
      if (t == steps || (t & 63) == 63 && until.passed()) {
        break;
      }
      method.step(dynamics, h, theta, grad, next);
      double moved = 0;
      double size = 0;
      for (int k = 0; k < theta.length; k++) {
        moved = Math.max(moved, Math.abs(next[k] - theta[k]));
        size = Math.max(size, Math.abs(theta[k]));
      }
      double[] swap = theta;
      theta = next;
      next = swap;
      if (moved <= 1e-15 * Math.max(1, size)) {
        break; // a fixed point: no new iterates
      }
    }
    return run;
  }

  private static boolean finite(double[] theta) {
    for (double v : theta) {
      if (!(Math.abs(v) <= Simulator.DIVERGENCE_BOUND)) {
        return false;
      }
    }
    return true;
  }

  private static double scale(double[] x) {
    double m = 1;
    for (double v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /** Keeps the PER_RUN worst candidates of a run, worst first. */
  private static void keep(List<Candidate> best, Candidate c) {
    best.add(c);
    best.sort(WORST_FIRST);
    if (best.size() > PER_RUN) {
      best.remove(best.size() - 1);
    }
  }

  /**
   * x moved onto every equality h = 0 by 1-D Newton steps in one variable, within the box; null
   * where that fails. The variable ({@code along[e]}, chosen once per run) is the one of largest
   * |dh/dx_i| * width_i at the first iterate.
   */
  private double[] onSet(Bounds box, double[] x, int[] along) {
    int m = equalities.size();
    double[] values = new double[m];
    double[] tangent = new double[m];
    double[] v = new double[x.length];
    for (int e = 0; e < m; e++) {
      int best = along[e];
      if (best < 0) {
        double bestSlope = 0;
        for (int i = 0; i < x.length; i++) {
          v[i] = 1;
          equalityProgram.evalTangent(x, v, values, tangent);
          v[i] = 0;
          double slope = Math.abs(tangent[e]) * box.width(i);
          if (slope > bestSlope) {
            best = i;
            bestSlope = slope;
          }
        }
        if (best < 0) {
          return null;
        }
        along[e] = best;
      }
      v[best] = 1;
      for (int it = 0; it < 50; it++) {
        equalityProgram.evalTangent(x, v, values, tangent);
        if (!Double.isFinite(values[e]) || !(tangent[e] != 0)) {
          return null;
        }
        double dx = values[e] / tangent[e];
        x[best] -= dx;
        if (Math.abs(dx) <= 1e-15 * Math.max(1, Math.abs(x[best]))) {
          break; // converged to rounding (the exact point is solved exactly later)
        }
      }
      v[best] = 0;
      if (!box.contains(x)) {
        return null;
      }
    }
    return x;
  }

  /**
   * The exact rational points to judge for box point x: its roundings
   * ({@link Margins#roundings}), each moved onto every equality hypothesis exactly by solving it
   * for the variable nearest a rational root (where the lemma has equations).
   */
  List<List<BigFraction>> exactPoints(Box box, double[] x) {
    List<List<BigFraction>> out = new ArrayList<>();
    for (List<BigFraction> p : margins.roundings(x)) {
      List<BigFraction> q = equalities.isEmpty() ? p : solved(box, p, x);
      if (q != null && box.contains(q) && !out.contains(q)) {
        out.add(q);
      }
    }
    return out;
  }

  /** p with each equality solved exactly for one variable (the root nearest x); null if none. */
  private List<BigFraction> solved(Box box, List<BigFraction> p, double[] x) {
    List<BigFraction> q = new ArrayList<>(p);
    for (Polynomial poly : equalityPolynomials) {
      if (poly == null) {
        return null;
      }
      Map<String, BigFraction> at = margins.named(q);
      BigFraction bestRoot = null;
      int bestVar = -1;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (int i = 0; i < q.size(); i++) {
        for (BigFraction r : RationalRoots.roots(poly, problem.variables().get(i), at,
            box.lo().get(i), box.hi().get(i))) {
          double distance = Math.abs(r.doubleValue() - x[i])
              / Math.max(1e-300, box.width(i).doubleValue());
          if (distance < bestDistance) {
            bestDistance = distance;
            bestRoot = r;
            bestVar = i;
          }
        }
      }
      if (bestRoot == null) {
        return null;
      }
      q.set(bestVar, bestRoot);
    }
    return q;
  }

  /** A run's label in the output: "trajectory i (gd) at step t". */
  String source(Candidate c) {
    return "trajectory " + c.trajectory() + " (" + method.label() + ", from a " + c.start().kind()
        + ") at step " + c.step();
  }
}

package org.eoscheck.simulate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.CompiledExpr;
import org.eoscheck.expr.Expr;
import org.eoscheck.model.Model;
import org.eoscheck.model.ScalarNetwork;

/**
 * Runs GD (or normalised GD, or GD on sqrt L) on a model and records, every k-th step, the loss,
 * residual, sharpness lambda_max(Hess L) (compare with 2/eta), GF-solution sharpness phi, gradient
 * norm, and the invariants of gradient flow with their per-step change; it stops at divergence and,
 * unless told otherwise, at convergence or at a 2-cycle.
 *
 * <p>In {@link Precision#EXACT} the iterates, loss, residual, phi and invariants (and their
 * changes) are computed in BigDecimal from the model's symbolic maps; sharpness, gradient norm and
 * phi by gradient-flow integration stay in double, from the rounded iterate ({@link #provenance()}
 * says which figure came from which arithmetic). Instances are immutable and thread-safe.
 */
public final class Simulator {
  /** A coordinate beyond this magnitude counts as divergence. */
  public static final double DIVERGENCE_BOUND = 1e10;

  private final Model model;
  private final Dynamics dynamics;
  private final SimulationOptions options;
  private final List<Model.Invariant> invariants;
  private final CompiledExpr invariantProgram;
  private final ExactMaps exact;

  /**
   * @param model the symbolic model (needed for high precision and invariants; may be null for
   *     purely numeric dynamics such as {@link TanhNetwork})
   */
  public Simulator(Model model, Dynamics dynamics, SimulationOptions options) {
    this.model = model;
    this.dynamics = dynamics;
    this.options = options;
    this.invariants = model == null ? List.of() : model.invariants();
    this.invariantProgram = invariants.isEmpty() ? null : CompiledExpr.compile(
        invariants.stream().map(Model.Invariant::expr).toList(), dynamics.parameters());
    if (options.sharpness() == Sharpness.Mode.STRUCTURED
        && dynamics.structuredSharpnessMethod().isEmpty()) {
      throw new IllegalArgumentException("structured sharpness is known for scalar networks only;"
          + " use dense or lanczos for " + dynamics.description());
    }
    if (options.precision() == Precision.EXACT) {
      if (model == null) {
        throw new IllegalArgumentException("high precision needs a symbolic model, not "
            + dynamics.description());
      }
      exact = new ExactMaps(model, options, invariants);
    } else {
      exact = null;
    }
  }

  /** A simulator with the fastest double-precision dynamics available for {@code model}. */
  public static Simulator of(Model model, SimulationOptions options) {
    return new Simulator(model, dynamicsOf(model), options);
  }

  /** {@link ScalarDynamics} for scalar networks with a numeric target, else {@link ExprDynamics}. */
  public static Dynamics dynamicsOf(Model model) {
    if (model instanceof ScalarNetwork s && s.target() instanceof Expr.Num y) {
      return new ScalarDynamics(s.depth(), y.value().doubleValue(), s.parameters());
    }
    return new ExprDynamics(model);
  }

  /** Whether high precision can evaluate this model's maps (no transcendental functions). */
  public static boolean supportsExact(Model model, Method method) {
    return ExactMaps.expressions(model, method).stream().allMatch(DecimalEvaluator::supports);
  }

  public Dynamics dynamics() {
    return dynamics;
  }

  public SimulationOptions options() {
    return options;
  }

  public List<String> invariantNames() {
    return invariants.stream().map(Model.Invariant::name).toList();
  }

  /** Which arithmetic and method produced each recorded figure. */
  public Map<String, String> provenance() {
    Map<String, String> p = new LinkedHashMap<>();
    String main = options.precision() == Precision.EXACT
        ? "exact: BigDecimal, " + options.digits() + " significant digits, from the model's symbolic "
            + options.method().label() + " map"
        : "double";
    p.put("theta, loss, residual, invariants and their changes", main);
    p.put("phi", dynamics.hasGfsSharpness()
        ? (options.precision() == Precision.EXACT ? main + "; " : "double; ")
            + dynamics.gfsSharpnessMethod()
        : options.gfEvery() < 0 ? "not computed (no closed form; gradient-flow integration is off)"
        : "double: gradient flow integrated with DormandPrince853 to |grad L| <= "
            + GradientFlow.GRADIENT_TOLERANCE + " (the norm reached is recorded as phi_tol)");
    p.put("sharpness", "double: " + Sharpness.describe(dynamics, options.sharpness()));
    p.put("gradient norm", "double");
    return p;
  }

  /** Runs from {@code init} (exact rationals, rounded to the arithmetic); progress gets step counts. */
  public Trajectory run(List<BigFraction> init, IntConsumer progress) {
    if (init.size() != dynamics.dimension()) {
      throw new IllegalArgumentException("an initial point needs " + dynamics.dimension()
          + " coordinates, not " + init.size());
    }
    Track track = exact == null ? new DoubleTrack(init) : exact.track(init);
    List<StepRecord> records = new ArrayList<>();
    int steps = options.steps();
    int tick = Math.max(1, steps / 200);
    Outcome outcome = Outcome.BOUNDED;
    int t = 0;
    while (true) {
      Outcome stop = test(track);
      boolean last = stop != null || t == steps;
      if (t % options.every() == 0 || last) {
        records.add(observe(t, track, last));
      }
      if (last) {
        outcome = stop == null ? Outcome.BOUNDED : stop;
        break;
      }
      track.advance();
      t++;
      if (progress != null && t % tick == 0) {
        progress.accept(t);
      }
    }
    return new Trajectory(records, outcome, t, invariantNames());
  }

  /** Divergence always; convergence and 2-cycles when stopping early; else null. */
  private Outcome test(Track track) {
    double size = 0;
    for (double xi : track.current()) {
      if (!(Math.abs(xi) <= DIVERGENCE_BOUND)) {
        return Outcome.DIVERGED;
      }
      size = Math.max(size, Math.abs(xi));
    }
    if (!options.stopEarly()) {
      return null;
    }
    double scale = Math.max(1, size);
    double tol = options.tolerance() * scale;
    double step = track.distance(1);
    if (step <= tol) {
      return Outcome.CONVERGED;
    }
    // A 2-cycle returns to theta_{t-2} while its amplitude stays above sqrt(tol): a slowly
    // converging oscillation (factor rho near -1) also meets the first test, but only once its
    // amplitude is below tol / (1 - rho^2).
    if (track.distance(2) <= tol && step > Math.sqrt(options.tolerance()) * scale) {
      return Outcome.PERIOD_TWO;
    }
    return null;
  }

  /** max_i |a_i - b_i|, or infinity when b is missing. */
  private static double distance(double[] a, double[] b) {
    if (b == null) {
      return Double.POSITIVE_INFINITY;
    }
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }

  private StepRecord observe(int t, Track track, boolean last) {
    double[] x = track.current();
    Values v = track.values();
    double[] g = new double[x.length];
    dynamics.gradient(x, g);
    Sharpness.Estimate lambda = Sharpness.of(dynamics, x, options.sharpness());
    double phi = v.phi;
    double phiTol = dynamics.hasGfsSharpness() ? 0 : Double.NaN;
    int gfEvery = options.gfEvery();
    if (!dynamics.hasGfsSharpness() && gfEvery >= 0
        && (t == 0 || last || gfEvery > 0 && t % gfEvery == 0) && allFinite(x)) {
      GradientFlow.Limit limit = GradientFlow.limit(dynamics, x, options.sharpness());
      phi = limit.sharpness().value();
      phiTol = limit.gradientNorm();
    }
    return new StepRecord(t, v.loss, v.residual, lambda.value(), lambda.tolerance(), phi, phiTol,
        v.phiChange, Lanczos.norm(g), v.invariants, v.changes, x.clone(), track.exactPoint());
  }

  private static boolean allFinite(double[] x) {
    return Arrays.stream(x).allMatch(Double::isFinite);
  }

  /** Observed values at the current point, with changes from the previous point. */
  private record Values(double loss, double residual, double phi, double phiChange,
      double[] invariants, double[] changes) {}

  /** The iterates in one arithmetic: the current point as doubles, distances in its own arithmetic. */
  private interface Track {
    double[] current();

    /** max_i |theta_t,i - theta_{t-lag},i| in the track's arithmetic (lag 1 or 2; inf if none). */
    double distance(int lag);

    void advance();

    Values values();

    List<BigDecimal> exactPoint();
  }

  private double[] invariantsAt(double[] x) {
    return invariantProgram == null ? new double[0] : invariantProgram.evalAll(x);
  }

  private static double[] minus(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = b == null ? Double.NaN : a[i] - b[i];
    }
    return d;
  }

  /** Iterates in double, with three buffers rotated (no allocation per step). */
  private final class DoubleTrack implements Track {
    private double[] x;
    private double[] prev;
    private double[] prev2;
    private final double[] grad;
    private final double eta = options.etaValue();

    DoubleTrack(List<BigFraction> init) {
      x = init.stream().mapToDouble(BigFraction::doubleValue).toArray();
      grad = new double[x.length];
    }

    public double[] current() {
      return x;
    }

    public double distance(int lag) {
      return Simulator.distance(x, lag == 1 ? prev : prev2);
    }

    public void advance() {
      double[] next = prev2 == null ? new double[x.length] : prev2;
      options.method().step(dynamics, eta, x, grad, next);
      prev2 = prev;
      prev = x;
      x = next;
    }

    public Values values() {
      double phi = dynamics.gfsSharpness(x);
      double phiChange = prev == null ? Double.NaN : phi - dynamics.gfsSharpness(prev);
      double[] inv = invariantsAt(x);
      return new Values(dynamics.loss(x), dynamics.residual(x), phi, phiChange, inv,
          minus(inv, prev == null ? null : invariantsAt(prev)));
    }

    public List<BigDecimal> exactPoint() {
      return null;
    }
  }

  /** The model's maps as expressions for high precision, eta replaced by its exact value. */
  private static final class ExactMaps {
    private final List<String> names;
    private final List<Expr> step;
    private final Expr loss;
    private final Expr residual;
    private final Expr phi;
    private final List<Expr> invariants;
    private final DecimalEvaluator evaluator;

    ExactMaps(Model model, SimulationOptions options, List<Model.Invariant> invariants) {
      if (!model.symbols().isEmpty()) {
        throw new IllegalArgumentException("high precision needs numbers for the symbols "
            + model.symbols());
      }
      if (!supportsExact(model, options.method())) {
        throw new IllegalArgumentException("high precision supports field operations, sqrt, abs,"
            + " min and max only; this model's maps use exp, log, sin, cos or tanh");
      }
      this.names = model.parameters();
      Map<String, Expr> eta = Map.of(Model.ETA, new Expr.Num(options.eta()));
      this.step = options.method().map(model).stream().map(e -> e.substitute(eta)).toList();
      this.loss = model.loss();
      this.residual = model.residual().orElse(null);
      this.phi = model.gfsSharpness().orElse(null);
      this.invariants = invariants.stream().map(Model.Invariant::expr).toList();
      this.evaluator = new DecimalEvaluator(new MathContext(options.digits()));
    }

    static List<Expr> expressions(Model model, Method method) {
      List<Expr> all = new ArrayList<>(method.map(model));
      all.add(model.loss());
      model.residual().ifPresent(all::add);
      model.gfsSharpness().ifPresent(all::add);
      return all;
    }

    Track track(List<BigFraction> init) {
      return new ExactTrack(init.stream().map(evaluator::of).toArray(BigDecimal[]::new));
    }

    private Map<String, BigDecimal> env(BigDecimal[] x) {
      Map<String, BigDecimal> env = new HashMap<>();
      for (int i = 0; i < x.length; i++) {
        env.put(names.get(i), x[i]);
      }
      return env;
    }

    /** The value, or null where it is undefined (division by zero and the like). */
    private BigDecimal value(Expr e, Map<String, BigDecimal> env) {
      if (e == null) {
        return null;
      }
      try {
        return evaluator.eval(e, env);
      } catch (ArithmeticException ex) {
        return null;
      }
    }

    private static double toDouble(BigDecimal x) {
      return x == null ? Double.NaN : x.doubleValue();
    }

    private static double difference(BigDecimal a, BigDecimal b) {
      return a == null || b == null ? Double.NaN : a.subtract(b).doubleValue();
    }

    private final class ExactTrack implements Track {
      private BigDecimal[] x;
      private BigDecimal[] prev;
      private BigDecimal[] prev2;
      private double[] xd;

      ExactTrack(BigDecimal[] init) {
        x = init;
        xd = view(init);
      }

      private double[] view(BigDecimal[] p) {
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
          d[i] = p[i] == null ? Double.NaN : p[i].doubleValue();
        }
        return d;
      }

      public double[] current() {
        return xd;
      }

      public double distance(int lag) {
        BigDecimal[] other = lag == 1 ? prev : prev2;
        if (other == null) {
          return Double.POSITIVE_INFINITY;
        }
        BigDecimal d = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
          if (x[i] == null || other[i] == null) {
            return Double.NaN;
          }
          d = d.max(x[i].subtract(other[i]).abs());
        }
        return d.doubleValue();
      }

      public void advance() {
        Map<String, BigDecimal> env = env(x);
        BigDecimal[] next = new BigDecimal[x.length];
        for (int i = 0; i < next.length; i++) {
          next[i] = value(step.get(i), env);
        }
        prev2 = prev;
        prev = x;
        x = next;
        xd = view(next);
      }

      public Values values() {
        if (Arrays.asList(x).contains(null)) {
          double[] nan = new double[invariants.size()];
          Arrays.fill(nan, Double.NaN);
          return new Values(Double.NaN, Double.NaN, Double.NaN, Double.NaN, nan, nan);
        }
        Map<String, BigDecimal> env = env(x);
        Map<String, BigDecimal> prevEnv = prev == null ? null : env(prev);
        BigDecimal phiNow = value(phi, env);
        double phiChange = prevEnv == null ? Double.NaN : difference(phiNow, value(phi, prevEnv));
        double[] inv = new double[invariants.size()];
        double[] changes = new double[invariants.size()];
        for (int i = 0; i < inv.length; i++) {
          BigDecimal now = value(invariants.get(i), env);
          inv[i] = toDouble(now);
          changes[i] = prevEnv == null ? Double.NaN : difference(now, value(invariants.get(i), prevEnv));
        }
        return new Values(toDouble(value(loss, env)), toDouble(value(residual, env)),
            toDouble(phiNow), phiChange, inv, changes);
      }

      public List<BigDecimal> exactPoint() {
        return Arrays.asList(x.clone());
      }
    }
  }
}

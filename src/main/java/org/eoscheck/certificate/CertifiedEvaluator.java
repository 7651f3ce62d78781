package org.eoscheck.certificate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Derivative;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Fn;
import org.eoscheck.expr.Rel;
import org.eoscheck.expr.Expr.Add;
import org.eoscheck.expr.Expr.Apply;
import org.eoscheck.expr.Expr.Call;
import org.eoscheck.expr.Expr.Div;
import org.eoscheck.expr.Expr.GfsShift;
import org.eoscheck.expr.Expr.Mul;
import org.eoscheck.expr.Expr.Neg;
import org.eoscheck.expr.Expr.Num;
import org.eoscheck.expr.Expr.Pow;
import org.eoscheck.expr.Expr.Var;

/**
 * Certified interval evaluation of an {@link Expr} over a box with exact rational sides: the
 * result encloses the exact value at every point of the box, or the evaluation fails with
 * {@link Undefined}. This is the kernel's only arithmetic; it shares nothing with the prover's
 * double-precision interval code.
 *
 * <p>Arithmetic: decimal endpoints rounded outward at a fixed number of significant digits
 * (lower endpoints with {@link RoundingMode#FLOOR}, upper with {@link RoundingMode#CEILING}).
 * Since rounding in one direction is monotone, min_i FLOOR(p_i) = FLOOR(min_i p_i), so products
 * and quotients round the extreme of the four endpoint combinations. Integer powers use
 * repeated multiplication of non-negative numbers rounded in one direction (even powers are
 * non-negative by construction); sqrt is rounded and then corrected by an exact check r^2 vs x.
 * exp, log, sin, cos and tanh come from {@link Elementary}: argument reduction and Taylor series
 * with a proved remainder bound, in interval arithmetic with guard digits,
 * then rounded outward to these digits; exp, log and tanh are increasing (their range over an
 * interval is spanned by the ends), sin and cos add the extrema inside the interval.
 *
 * <p>Domain: a divisor whose enclosure contains 0, a sqrt argument whose enclosure is not
 * &gt;= 0, a log argument whose enclosure is not &gt; 0, a negative power of a base possibly 0,
 * or a gfsShift target not certainly &gt; 0 makes the evaluation fail ("possibly undefined"),
 * never a number. So does exp of an argument possibly above 2^20 (a cap on work: e^(2^20) has
 * 455,392 digits); below -2^20 exp is enclosed by [0, e^(-2^20)], and sin and cos of arguments
 * beyond 2^20 in absolute value by [-1, 1].
 *
 * <p>gfsShift(t; u_1..u_D) = delta*, the root of p(delta) = prod_i (u_i + delta) = t with
 * delta &gt; -min u (Kreisler, Nacson, Soudry, Carmon 2023). On (-min u, oo) p increases from 0
 * to oo, so delta* increases in t and decreases in each u_i: on a box it lies between
 * delta*(t_lo; u_hi) and delta*(t_hi; u_lo). Each is bracketed by bisection on decimals with
 * exact tests: L is a lower bound when L &lt;= -min u or p(L) &lt;= t; U is an upper bound when
 * U &gt; -min u and p(U) &gt;= t. A sum u_i + gfsShift(t; u) is enclosed as a whole, by the same
 * monotonicity (it increases in u_i and t, decreases in the other u_j).
 *
 * <p>Forms (the proof log names which one closed a leaf; see {@link Form}).
 */
public final class CertifiedEvaluator {
  /** Significant digits of the kernel's decimals. */
  public static final int DIGITS = 40;

  private final int digits;
  private final MathContext down;
  private final MathContext up;
  private final Elementary elementary;
  private final SymmetricSpectrum spectrum;
  /** The enclosures of the numbers met so far (a leaf evaluates the same expressions many times). */
  private final Map<BigFraction, CertifiedInterval> numbers = new ConcurrentHashMap<>();

  public CertifiedEvaluator() {
    this(DIGITS);
  }

  public CertifiedEvaluator(int digits) {
    this.digits = digits;
    this.down = new MathContext(digits, RoundingMode.FLOOR);
    this.up = new MathContext(digits, RoundingMode.CEILING);
    this.elementary = new Elementary(digits);
    this.spectrum = new SymmetricSpectrum(digits);
  }

  /** Significant digits of this evaluator's decimals. */
  int digits() {
    return digits;
  }

  /** The expression is possibly undefined somewhere on the box, or not supported by the kernel. */
  public static final class Undefined extends Exception {
    private static final long serialVersionUID = 1L;

    public Undefined(String message) {
      super(message);
    }
  }

  /** The unchecked carrier of {@link Undefined} through the visitor. */
  private static final class Signal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Signal(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * How an enclosure of f on a box B is formed.
   * <ul>
   * <li>natural: interval evaluation of the expression tree;
   * <li>mean-value: f(m) + sum_i df/dx_i(B) (B_i - m_i), m the exact midpoint of B (valid when
   *     every partial derivative is defined on B, so f is C^1 there), met with the natural form;
   * <li>monotone: for each variable (in order) whose partial derivative has a certain sign on B,
   *     pin it to the endpoint that minimises (for the lower bound) or maximises (for the upper
   *     bound) f, then evaluate naturally; met with the natural form. Sound since moving one
   *     coordinate inside B changes f monotonically when the partial's sign holds on all of B.
   * <li>combined: natural met with mean-value (when every partial is defined on B) met with the
   *     monotone bounds, the pinned boxes evaluated by natural met with mean-value (this is the
   *     prover's enclosure, org.eoscheck.interval.IntervalEnclosure, in certified arithmetic);
   * <li>natural-under-hypotheses: the natural form with the hypotheses' expressions clipped to
   *     [0, oo) where they occur ({@link UnderHypotheses}); it encloses the residual only at the
   *     points where the hypotheses hold, which is all a leaf must show.
   * </ul>
   * Every form is an enclosure of the range of f on B, so their intersections are too.
   * Partial derivatives come from {@link Derivative}.
   */
  public enum Form {
    NATURAL("natural"),
    MEAN_VALUE("mean-value"),
    MONOTONE("monotone"),
    COMBINED("combined"),
    UNDER_HYPOTHESES("natural-under-hypotheses");

    private final String label;

    Form(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static Optional<Form> byLabel(String label) {
      return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst();
    }
  }

  /** An expression with its partial derivatives (empty where {@link Derivative} refuses). */
  public record Differentiated(Expr f, Map<String, Optional<Expr>> partials) {
    public static Differentiated of(Expr f, List<String> variables) {
      Map<String, Optional<Expr>> partials = new LinkedHashMap<>();
      for (String v : variables) {
        Optional<Expr> d;
        try {
          d = Optional.of(Derivative.of(f, v));
        } catch (IllegalArgumentException notDifferentiable) {
          d = Optional.empty();
        }
        partials.put(v, d);
      }
      return new Differentiated(f, partials);
    }
  }

  /** The natural enclosure of {@code e} on a rational box. */
  public CertifiedInterval enclose(Expr e, Map<String, Bounds> box) throws Undefined {
    return natural(e, decimals(box));
  }

  /** The enclosure of {@code d.f()} on a rational box by the given form. */
  public CertifiedInterval enclose(Form form, Differentiated d, Map<String, Bounds> box)
      throws Undefined {
    Map<String, CertifiedInterval> env = decimals(box);
    CertifiedInterval natural = natural(d.f(), env);
    switch (form) {
      case NATURAL:
        return natural;
      case MEAN_VALUE:
        return natural.meet(meanValue(d, box, env));
      case MONOTONE:
        return natural.meet(monotone(d, box, env, false, 1));
      case UNDER_HYPOTHESES:
        throw new Undefined("the natural-under-hypotheses form needs the hypotheses");
      default:
        return withMeanValue(d, box, env, natural).meet(monotone(d, box, env, true, 1));
    }
  }

  /** natural met with the mean-value form where that form exists. */
  private CertifiedInterval withMeanValue(Differentiated d, Map<String, Bounds> box,
      Map<String, CertifiedInterval> env, CertifiedInterval natural) {
    try {
      return natural.meet(meanValue(d, box, env));
    } catch (Undefined noDerivative) {
      return natural;
    }
  }

  /** The natural form on a box (met with the mean-value form if {@code combined}). */
  private CertifiedInterval pinned(Differentiated d, Map<String, Bounds> box, boolean combined)
      throws Undefined {
    Map<String, CertifiedInterval> env = decimals(box);
    CertifiedInterval natural = natural(d.f(), env);
    return combined ? withMeanValue(d, box, env, natural) : natural;
  }

  private CertifiedInterval meanValue(Differentiated d, Map<String, Bounds> box,
      Map<String, CertifiedInterval> env) throws Undefined {
    if (!box.values().stream().allMatch(Bounds::bounded)) {
      throw new Undefined("no mean-value form on an unbounded box");
    }
    Map<String, Bounds> midpoint = new LinkedHashMap<>();
    box.forEach((v, b) -> midpoint.put(v, Bounds.point(b.midpoint())));
    CertifiedInterval sum = natural(d.f(), decimals(midpoint));
    for (Map.Entry<String, Bounds> side : box.entrySet()) {
      Bounds b = side.getValue();
      if (b.isPoint()) {
        continue;
      }
      Expr partial = d.partials().getOrDefault(side.getKey(), Optional.empty()).orElseThrow(
          () -> new Undefined("not differentiable in " + side.getKey() + ": " + d.f().text()));
      BigFraction m = b.midpoint();
      CertifiedInterval offset = new CertifiedInterval(down(b.lo().subtract(m)), up(b.hi().subtract(m)));
      sum = add(sum, mul(natural(partial, env), offset));
    }
    return sum;
  }

  /**
   * The monotone form: in each variable v where the slope df/dv has a certain sign on the whole
   * box, the least value of f is taken with v at the end where f is least, the greatest at the
   * other. The slope is enclosed by its natural form, or, on a box with an infinite end and
   * {@code depth} &gt; 0, also by its own monotone form one level down (so f = exp(x) - x^2 on
   * [1, oo]: f' = exp(x) - 2x is &gt;= f'(1) since f'' = exp(x) - 2 &gt;= 0, hence f &gt;= f(1)).
   */
  private CertifiedInterval monotone(Differentiated d, Map<String, Bounds> box,
      Map<String, CertifiedInterval> env, boolean combined, int depth) throws Undefined {
    Map<String, Bounds> low = new LinkedHashMap<>(box);
    Map<String, Bounds> high = new LinkedHashMap<>(box);
    for (Map.Entry<String, Bounds> side : box.entrySet()) {
      Optional<Expr> partial = d.partials().getOrDefault(side.getKey(), Optional.empty());
      if (side.getValue().isPoint() || partial.isEmpty()) {
        continue;
      }
      CertifiedInterval slope;
      try {
        slope = slope(partial.get(), box, env, depth);
      } catch (Undefined unknownSlope) {
        continue;
      }
      // f monotone in v on the whole range: its extremes lie at the ends; an infinite end is not
      // a point, so that side keeps the whole range (f(x) >= f(a) on [a, oo] if f increases)
      Bounds whole = side.getValue();
      Bounds lo = whole.lo() == null ? whole : Bounds.point(whole.lo());
      Bounds hi = whole.hi() == null ? whole : Bounds.point(whole.hi());
      if (slope.certainly(Rel.GE)) {
        low.put(side.getKey(), lo);
        high.put(side.getKey(), hi);
      } else if (slope.negate().certainly(Rel.GE)) {
        low.put(side.getKey(), hi);
        high.put(side.getKey(), lo);
      }
    }
    return new CertifiedInterval(pinned(d, low, combined).lo(), pinned(d, high, combined).hi());
  }

  /** An enclosure of a slope on the box (see {@link #monotone}). */
  private CertifiedInterval slope(Expr partial, Map<String, Bounds> box,
      Map<String, CertifiedInterval> env, int depth) throws Undefined {
    CertifiedInterval s = natural(partial, env);
    if (depth <= 0 || s.certainly(Rel.GE) || s.negate().certainly(Rel.GE)
        || box.values().stream().allMatch(Bounds::bounded)) {
      return s;
    }
    Differentiated ds = Differentiated.of(partial, new ArrayList<>(box.keySet()));
    return s.meet(monotone(ds, box, env, false, depth - 1));
  }

  /** A rational box as decimal intervals rounded outward. */
  public Map<String, CertifiedInterval> decimals(Map<String, Bounds> box) {
    Map<String, CertifiedInterval> env = new LinkedHashMap<>();
    box.forEach((v, b) -> env.put(v, new CertifiedInterval(b.lo() == null ? null : down(b.lo()),
        b.hi() == null ? null : up(b.hi()))));
    return env;
  }

  /**
   * Fails with {@link Undefined} unless every expression of {@code es} is certainly defined on
   * the box; one evaluation, so equal gfsShift terms are bracketed once for all of them.
   */
  public void requireDefined(List<Expr> es, Map<String, Bounds> box) throws Undefined {
    try {
      Evaluation one = new Evaluation(decimals(box));
      for (Expr e : es) {
        one.of(e);
      }
    } catch (Signal s) {
      throw new Undefined(s.getMessage());
    }
  }

  /** The natural enclosure of {@code e} on a box of decimal intervals. */
  public CertifiedInterval natural(Expr e, Map<String, CertifiedInterval> env) throws Undefined {
    try {
      return new Evaluation(env).of(e);
    } catch (Signal s) {
      throw new Undefined(s.getMessage());
    }
  }

  /** One evaluation; shared subtrees (the same object) are evaluated once. */
  private final class Evaluation implements Expr.Visitor<CertifiedInterval> {
    private final Map<String, CertifiedInterval> env;
    private final Map<Expr, CertifiedInterval> memo = new IdentityHashMap<>();
    /** Equal gfsShift terms (and u_i + gfsShift sums) are bracketed once, whatever their object. */
    private final Map<Expr, CertifiedInterval> shifts = new java.util.HashMap<>();

    Evaluation(Map<String, CertifiedInterval> env) {
      this.env = env;
    }

    CertifiedInterval of(Expr e) {
      CertifiedInterval r = memo.get(e);
      if (r == null) {
        r = e.accept(this);
        memo.put(e, r);
      }
      return r;
    }

    public CertifiedInterval num(Num n) {
      return numbers.computeIfAbsent(n.value(), q -> new CertifiedInterval(down(q), up(q)));
    }

    public CertifiedInterval var(Var v) {
      CertifiedInterval x = env.get(v.name());
      if (x == null) {
        throw new Signal("unknown variable " + v.name());
      }
      return x;
    }

    public CertifiedInterval add(Add a) {
      if (a.terms().size() == 2) {
        for (int k = 0; k < 2; k++) {
          if (a.terms().get(1 - k) instanceof GfsShift g && g.squares().contains(a.terms().get(k))) {
            int i = g.squares().indexOf(a.terms().get(k));
            CertifiedInterval r = shifts.get(a);
            if (r == null) {
              r = shiftedSquare(g, i);
              shifts.put(a, r);
            }
            return r;
          }
        }
      }
      CertifiedInterval sum = of(a.terms().get(0));
      for (Expr t : a.terms().subList(1, a.terms().size())) {
        sum = CertifiedEvaluator.this.add(sum, of(t));
      }
      return sum;
    }

    public CertifiedInterval mul(Mul m) {
      CertifiedInterval product = of(m.factors().get(0));
      for (Expr f : m.factors().subList(1, m.factors().size())) {
        product = CertifiedEvaluator.this.mul(product, of(f));
      }
      return product;
    }

    public CertifiedInterval neg(Neg n) {
      return of(n.arg()).negate();
    }

    public CertifiedInterval div(Div d) {
      return divide(of(d.num()), of(d.den()), d.den());
    }

    public CertifiedInterval pow(Pow p) {
      CertifiedInterval base = of(p.base());
      int n = Math.abs(p.exponent());
      CertifiedInterval power = power(base, n);
      return p.exponent() >= 0 ? power : divide(point(BigDecimal.ONE), power, p.base());
    }

    public CertifiedInterval call(Call c) {
      List<CertifiedInterval> xs = new ArrayList<>();
      for (Expr a : c.args()) {
        xs.add(of(a));
      }
      CertifiedInterval x = xs.get(0);
      switch (c.fn()) {
        case SQRT:
          if (!x.certainly(Rel.GE)) {
            throw new Signal("sqrt of a possibly negative number: " + c.args().get(0).text());
          }
          return new CertifiedInterval(sqrt(x.lo(), false), x.hi() == null ? null : sqrt(x.hi(), true));
        case ABS:
          if (x.certainly(Rel.GE)) {
            return x;
          }
          if (x.negate().certainly(Rel.GE)) {
            return x.negate();
          }
          return new CertifiedInterval(BigDecimal.ZERO,
              x.bounded() ? x.hi().max(x.lo().negate()) : null);
        case MIN:
        case MAX:
          CertifiedInterval m = x;
          for (CertifiedInterval y : xs.subList(1, xs.size())) {
            m = c.fn() == Fn.MIN ? minimum(m, y) : minimum(m.negate(), y.negate()).negate();
          }
          return m;
        case LOG:
          if (!x.certainly(Rel.GT)) {
            throw new Signal("log of a possibly non-positive number: " + c.args().get(0).text());
          }
          if (x.hi() == null) { // log increases without bound
            return new CertifiedInterval(elementary.log(point(x.lo())).lo(), null);
          }
          return elementary.log(x);
        case EXP:
          try {
            if (!x.bounded()) { // exp increases from 0 to oo
              return new CertifiedInterval(x.lo() == null ? BigDecimal.ZERO
                  : elementary.exp(point(x.lo())).lo(),
                  x.hi() == null ? null : elementary.exp(point(x.hi())).hi());
            }
            return elementary.exp(x);
          } catch (Undefined tooLarge) {
            throw new Signal(tooLarge.getMessage() + ": " + c.args().get(0).text());
          }
        case TANH:
          if (!x.bounded()) { // tanh increases from -1 to 1
            return new CertifiedInterval(x.lo() == null ? BigDecimal.ONE.negate()
                : elementary.tanh(point(x.lo())).lo(),
                x.hi() == null ? BigDecimal.ONE : elementary.tanh(point(x.hi())).hi());
          }
          return elementary.tanh(x);
        case SIN:
        case COS:
          if (!x.bounded()) {
            return new CertifiedInterval(BigDecimal.ONE.negate(), BigDecimal.ONE);
          }
          return c.fn() == Fn.SIN ? elementary.sin(x) : elementary.cos(x);
        case EIGMAX:
        case EIGMIN:
          for (CertifiedInterval entry : xs) {
            if (!entry.bounded()) {
              throw new Signal("the eigenvalues of a matrix with an unbounded entry: " + c.text());
            }
          }
          return c.fn() == Fn.EIGMAX ? spectrum.top(xs) : spectrum.bottom(xs);
        default:
          throw new Signal("the kernel does not evaluate " + c.fn().label());
      }
    }

    public CertifiedInterval gfsShift(GfsShift g) {
      CertifiedInterval r = shifts.get(g);
      if (r == null) {
        r = bracket(g);
        shifts.put(g, r);
      }
      return r;
    }

    private CertifiedInterval bracket(GfsShift g) {
      CertifiedInterval t = bounded(of(g.target()), g);
      for (Expr u : g.squares()) {
        bounded(of(u), g);
      }
      if (t.lo().signum() <= 0) {
        throw new Signal("gfsShift target possibly <= 0: " + g.target().text());
      }
      List<BigDecimal> uLo = new ArrayList<>();
      List<BigDecimal> uHi = new ArrayList<>();
      for (Expr u : g.squares()) {
        uLo.add(of(u).lo());
        uHi.add(of(u).hi());
      }
      return new CertifiedInterval(shiftBracket(uHi, t.lo(), true), shiftBracket(uLo, t.hi(), false));
    }

    /**
     * s_i = u_i + delta*(t; u) as a whole: ds_i/du_i = 1 - (1/s_i)/sum_j (1/s_j) &gt; 0,
     * ds_i/du_j = -(1/s_j)/sum_k (1/s_k) &lt; 0 (j != i) and ds_i/dt &gt; 0, so s_i is least at
     * (t_lo; u_i lo, the others hi) and greatest at (t_hi; u_i hi, the others lo).
     */
    private CertifiedInterval shiftedSquare(GfsShift g, int i) {
      CertifiedInterval t = bounded(of(g.target()), g);
      for (Expr u : g.squares()) {
        bounded(of(u), g);
      }
      if (t.lo().signum() <= 0) {
        throw new Signal("gfsShift target possibly <= 0: " + g.target().text());
      }
      List<BigDecimal> least = new ArrayList<>();
      List<BigDecimal> most = new ArrayList<>();
      for (int j = 0; j < g.squares().size(); j++) {
        CertifiedInterval u = of(g.squares().get(j));
        least.add(j == i ? u.lo() : u.hi());
        most.add(j == i ? u.hi() : u.lo());
      }
      return new CertifiedInterval(least.get(i).add(shiftBracket(least, t.lo(), true), down),
          most.get(i).add(shiftBracket(most, t.hi(), false), up));
    }

    public CertifiedInterval apply(Apply a) {
      throw new Signal("unresolved call " + a.name());
    }

    /** gfsShift is bracketed on bounded arguments only. */
    private CertifiedInterval bounded(CertifiedInterval x, GfsShift g) {
      if (!x.bounded()) {
        throw new Signal("gfsShift of an unbounded argument: " + g.text());
      }
      return x;
    }
  }

  /** min(x, y) over two intervals: the least of the lower ends and of the upper ends. */
  private static CertifiedInterval minimum(CertifiedInterval x, CertifiedInterval y) {
    return new CertifiedInterval(x.lo() == null || y.lo() == null ? null : x.lo().min(y.lo()),
        x.hi() == null ? y.hi() : y.hi() == null ? x.hi() : x.hi().min(y.hi()));
  }

  // ---- outward-rounded arithmetic ----

  private static CertifiedInterval point(BigDecimal x) {
    return CertifiedInterval.point(x);
  }

  BigDecimal down(BigFraction q) {
    return new BigDecimal(q.getNumerator()).divide(new BigDecimal(q.getDenominator()), down);
  }

  BigDecimal up(BigFraction q) {
    return new BigDecimal(q.getNumerator()).divide(new BigDecimal(q.getDenominator()), up);
  }

  /** a - b: encloses x - y for every x in a and y in b. */
  CertifiedInterval subtract(CertifiedInterval a, CertifiedInterval b) {
    return a.add(b.negate(), down, up);
  }

  private CertifiedInterval add(CertifiedInterval a, CertifiedInterval b) {
    return a.add(b, down, up);
  }

  private CertifiedInterval mul(CertifiedInterval a, CertifiedInterval b) {
    return a.multiply(b, down, up);
  }

  private CertifiedInterval divide(CertifiedInterval a, CertifiedInterval b, Expr divisor) {
    if (!b.certainly(Rel.GT) && !b.negate().certainly(Rel.GT)) {
      throw new Signal("divisor possibly 0: " + divisor.text());
    }
    if (!a.bounded() || !b.bounded()) {
      return mul(a, reciprocal(b));
    }
    BigDecimal min = null;
    BigDecimal max = null;
    for (BigDecimal x : List.of(a.lo(), a.hi())) {
      for (BigDecimal y : List.of(b.lo(), b.hi())) {
        BigDecimal lo = x.divide(y, down);
        BigDecimal hi = x.divide(y, up);
        min = min == null ? lo : min.min(lo);
        max = max == null ? hi : max.max(hi);
      }
    }
    return new CertifiedInterval(min, max);
  }

  /** 1/b for b &gt; 0 or b &lt; 0 (1/oo = 0), rounded outward. */
  private CertifiedInterval reciprocal(CertifiedInterval b) {
    if (b.negate().certainly(Rel.GT)) {
      return reciprocal(b.negate()).negate();
    }
    return new CertifiedInterval(b.hi() == null ? BigDecimal.ZERO : BigDecimal.ONE.divide(b.hi(), down),
        BigDecimal.ONE.divide(b.lo(), up));
  }

  /** x^n for n &gt;= 0: odd powers are increasing; even powers are &gt;= 0, least at |x| least. */
  private CertifiedInterval power(CertifiedInterval x, int n) {
    if (n == 0) {
      return point(BigDecimal.ONE);
    }
    if (!x.bounded()) {
      if (n % 2 == 1) {
        return new CertifiedInterval(x.lo() == null ? null : signedPower(x.lo(), n, false),
            x.hi() == null ? null : signedPower(x.hi(), n, true));
      }
      if (x.certainly(Rel.GE)) {
        return new CertifiedInterval(magnitudePower(x.lo(), n, false), null);
      }
      if (x.negate().certainly(Rel.GE)) {
        return new CertifiedInterval(magnitudePower(x.hi().negate(), n, false), null);
      }
      return new CertifiedInterval(BigDecimal.ZERO, null);
    }
    BigDecimal lo = x.lo();
    BigDecimal hi = x.hi();
    if (n % 2 == 1) {
      return new CertifiedInterval(signedPower(lo, n, false), signedPower(hi, n, true));
    }
    if (lo.signum() >= 0) {
      return new CertifiedInterval(magnitudePower(lo, n, false), magnitudePower(hi, n, true));
    }
    if (hi.signum() <= 0) {
      return new CertifiedInterval(magnitudePower(hi.negate(), n, false),
          magnitudePower(lo.negate(), n, true));
    }
    return new CertifiedInterval(BigDecimal.ZERO, magnitudePower(hi.max(lo.negate()), n, true));
  }

  /** x^n (n odd) rounded up or down, for x of either sign. */
  private BigDecimal signedPower(BigDecimal x, int n, boolean roundUp) {
    return x.signum() >= 0 ? magnitudePower(x, n, roundUp)
        : magnitudePower(x.negate(), n, !roundUp).negate();
  }

  /** a^n for a &gt;= 0 by squaring, every product rounded the same way (sound: all are &gt;= 0). */
  private BigDecimal magnitudePower(BigDecimal a, int n, boolean roundUp) {
    MathContext mc = roundUp ? up : down;
    BigDecimal result = BigDecimal.ONE;
    BigDecimal square = a;
    for (int k = n; k > 0; k >>= 1) {
      if ((k & 1) == 1) {
        result = result.multiply(square, mc);
      }
      if (k > 1) {
        square = square.multiply(square, mc);
      }
    }
    return result;
  }

  /** sqrt(x), x &gt;= 0, rounded down or up, corrected by the exact test r^2 vs x. */
  private BigDecimal sqrt(BigDecimal x, boolean roundUp) {
    if (x.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal r = x.sqrt(roundUp ? up : down);
    BigDecimal step = BigDecimal.ONE.scaleByPowerOfTen(r.precision() - r.scale() - digits);
    while (roundUp ? r.multiply(r).compareTo(x) < 0 : r.multiply(r).compareTo(x) > 0) {
      r = roundUp ? r.add(step) : r.subtract(step);
    }
    return r;
  }

  /**
   * A bound on the root delta* of prod_i (u_i + delta) = t (t &gt; 0): a lower bound if
   * {@code lower}, else an upper bound. What makes it a bound is only an exact test (decimal
   * products are exact): L is a lower bound when L &lt;= -min u or p(L) &lt;= t, U an upper bound
   * when U &gt; -min u and p(U) &gt;= t, since p increases on (-min u, oo). The candidate comes from
   * Newton's method (p is convex there, so from the right it decreases to the root), moved out by
   * a few units of the last digit until the test passes; bisection is the fallback.
   */
  private BigDecimal shiftBracket(List<BigDecimal> u, BigDecimal t, boolean lower) {
    BigDecimal a0 = u.stream().reduce(BigDecimal::min).get().negate();
    BigDecimal guess = newtonRoot(u, t, a0);
    if (guess != null) {
      BigDecimal eps = BigDecimal.ONE.scaleByPowerOfTen(
          Math.max(guess.abs().precision() - guess.abs().scale(), 1) - digits);
      for (int k = 0; k < 8; k++, eps = eps.multiply(BigDecimal.TEN)) {
        BigDecimal c = lower ? guess.subtract(eps).round(down) : guess.add(eps).round(up);
        if (lower ? c.compareTo(a0) <= 0 || product(u, c).compareTo(t) <= 0
            : c.compareTo(a0) > 0 && product(u, c).compareTo(t) >= 0) {
          return c;
        }
      }
    }
    return bisectedBracket(u, t, lower, a0);
  }

  /**
   * p(x) = prod_i (u_i + x) and p'(x) = sum_i prod_{j != i} (u_j + x), rounded to {@code mc}
   * (Horner-like: p' accumulates as each factor is multiplied in). For Newton steps on the
   * gfsShift equation p(x) = t, here and in the simulation's decimal evaluator; not a bound.
   */
  public record ProductSlope(BigDecimal value, BigDecimal slope) {
    public static ProductSlope at(List<BigDecimal> u, BigDecimal x, MathContext mc) {
      BigDecimal p = BigDecimal.ONE;
      BigDecimal dp = BigDecimal.ZERO;
      for (BigDecimal ui : u) {
        BigDecimal f = ui.add(x, mc);
        dp = dp.multiply(f, mc).add(p, mc);
        p = p.multiply(f, mc);
      }
      return new ProductSlope(p, dp);
    }
  }

  /** prod_i (u_i + d), exactly. */
  private static BigDecimal product(List<BigDecimal> u, BigDecimal d) {
    BigDecimal p = BigDecimal.ONE;
    for (BigDecimal ui : u) {
      p = p.multiply(ui.add(d));
    }
    return p;
  }

  /**
   * An approximation of the root by Newton's method from the right (not trusted: its use is
   * guarded by the exact tests of {@link #shiftBracket}), or null.
   */
  private BigDecimal newtonRoot(List<BigDecimal> u, BigDecimal t, BigDecimal a0) {
    MathContext mc = new MathContext(digits + 10, RoundingMode.HALF_EVEN);
    BigDecimal x = a0.add(t.max(BigDecimal.ONE));
    for (int i = 0; i < 200; i++) {
      ProductSlope ps = ProductSlope.at(u, x, mc);
      if (ps.slope().signum() <= 0) {
        return null;
      }
      BigDecimal step = ps.value().subtract(t, mc).divide(ps.slope(), mc);
      x = x.subtract(step, mc);
      if (step.signum() == 0 || step.abs().compareTo(
          x.abs().max(BigDecimal.ONE).scaleByPowerOfTen(-digits - 5)) < 0) {
        return x;
      }
    }
    return null;
  }

  /** Bisection keeping p(a) &lt;= t (or a = -min u) and p(b) &gt;= t. */
  private BigDecimal bisectedBracket(List<BigDecimal> u, BigDecimal t, boolean lower, BigDecimal a0) {
    BigDecimal a = a0;
    BigDecimal b = a.add(t.max(BigDecimal.ONE));
    MathContext mid = new MathContext(digits + 5, RoundingMode.HALF_EVEN);
    BigDecimal two = BigDecimal.valueOf(2);
    for (int i = 0; i < 4 * digits + 400; i++) {
      BigDecimal m = a.add(b).divide(two, mid);
      if (m.compareTo(a) <= 0 || m.compareTo(b) >= 0) {
        break;
      }
      if (product(u, m).compareTo(t) <= 0) {
        a = m;
      } else {
        b = m;
      }
    }
    return lower ? a.round(down) : b.round(up);
  }
}

package org.eoscheck.simulate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.CertifiedEvaluator.ProductSlope;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Fn;

/**
 * Evaluates an {@link Expr} in BigDecimal arithmetic with a fixed number of significant digits
 * ({@link MathContext}): the high-precision mode of the simulator. Every operation is rounded to
 * the context, so results carry a relative error of a few units in the last of those digits per
 * operation; with 50 digits that is far below anything double can resolve (near convergence the
 * per-step change of phi is O(residual^2), where double shows spurious increases).
 *
 * <p>Supports field operations, integer powers, sqrt, abs, min, max and {@link Expr.GfsShift}
 * (Newton in BigDecimal); the transcendental functions are rejected ({@link #supports}).
 * Division by zero and sqrt of a negative number throw {@link ArithmeticException}.
 */
public final class DecimalEvaluator {
  private final MathContext mc;
  /** Constants rounded once (the evaluator is shared by the threads of a sweep). */
  private final Map<BigFraction, BigDecimal> constants = new ConcurrentHashMap<>();

  public DecimalEvaluator(MathContext mc) {
    this.mc = mc;
  }

  public MathContext context() {
    return mc;
  }

  /** Whether {@code e} uses only operations this evaluator supports. */
  public static boolean supports(Expr e) {
    return !Exprs.contains(e, n -> n instanceof Expr.Apply
        || n instanceof Expr.Call c && (c.fn() == Fn.EXP || c.fn() == Fn.LOG || c.fn() == Fn.SIN
            || c.fn() == Fn.COS || c.fn() == Fn.TANH));
  }

  /** A rational rounded to the context. */
  public BigDecimal of(BigFraction q) {
    return new BigDecimal(q.getNumerator()).divide(new BigDecimal(q.getDenominator()), mc);
  }

  /** The value of {@code e} with the variables bound by {@code env}. */
  public BigDecimal eval(Expr e, Map<String, BigDecimal> env) {
    return e.accept(new Evaluation(env));
  }

  /** One evaluation: a visitor over the tree, solving each distinct GfsShift once. */
  private final class Evaluation implements Expr.Visitor<BigDecimal> {
    private final Map<String, BigDecimal> env;
    private final Map<Expr.GfsShift, BigDecimal> shifts = new HashMap<>();

    Evaluation(Map<String, BigDecimal> env) {
      this.env = env;
    }

    private BigDecimal eval(Expr e) {
      return e.accept(this);
    }

    public BigDecimal num(Expr.Num n) {
      return constants.computeIfAbsent(n.value(), DecimalEvaluator.this::of);
    }

    public BigDecimal var(Expr.Var v) {
      BigDecimal x = env.get(v.name());
      if (x == null) {
        throw new IllegalArgumentException("no value for '" + v.name() + "'");
      }
      return x;
    }

    public BigDecimal add(Expr.Add a) {
      BigDecimal s = BigDecimal.ZERO;
      for (Expr t : a.terms()) {
        s = s.add(eval(t), mc);
      }
      return s;
    }

    public BigDecimal mul(Expr.Mul m) {
      BigDecimal p = BigDecimal.ONE;
      for (Expr f : m.factors()) {
        p = p.multiply(eval(f), mc);
      }
      return p;
    }

    public BigDecimal neg(Expr.Neg n) {
      return eval(n.arg()).negate();
    }

    public BigDecimal div(Expr.Div d) {
      return eval(d.num()).divide(eval(d.den()), mc);
    }

    public BigDecimal pow(Expr.Pow p) {
      return eval(p.base()).pow(p.exponent(), mc);
    }

    public BigDecimal call(Expr.Call c) {
      List<BigDecimal> args = c.args().stream().map(this::eval).toList();
      switch (c.fn()) {
        case SQRT:
          return args.get(0).sqrt(mc);
        case ABS:
          return args.get(0).abs();
        case MIN:
          return args.stream().reduce(BigDecimal::min).orElseThrow();
        case MAX:
          return args.stream().reduce(BigDecimal::max).orElseThrow();
        default:
          throw new IllegalArgumentException(c.fn().label() + " is not supported in high precision");
      }
    }

    public BigDecimal gfsShift(Expr.GfsShift g) {
      BigDecimal known = shifts.get(g);
      if (known == null) {
        known = DecimalEvaluator.this.gfsShift(g.squares().stream().map(this::eval).toList(),
            eval(g.target()));
        shifts.put(g, known);
      }
      return known;
    }

    public BigDecimal apply(Expr.Apply a) {
      throw new IllegalArgumentException("cannot evaluate unresolved call '" + a.name() + "'");
    }
  }

  /**
   * delta* with prod (u_i + delta) = t, u_i + delta > 0: Newton on the convex increasing
   * p(s) = prod (v_i + s), v = u - min u, started from the double solution; after one step the
   * iterates decrease monotonically to the root; the loop stops when they stop decreasing, fall
   * below the root again (rounding), or p(s) is within 10^(3 - digits) t of t.
   */
  public BigDecimal gfsShift(List<BigDecimal> u, BigDecimal t) {
    if (t.signum() <= 0) {
      throw new ArithmeticException("gfsShift needs a positive target");
    }
    BigDecimal m = u.stream().reduce(BigDecimal::min).orElseThrow();
    List<BigDecimal> v = u.stream().map(x -> x.subtract(m, mc)).toList();
    double[] vd = v.stream().mapToDouble(BigDecimal::doubleValue).toArray();
    double guess = org.eoscheck.expr.CompiledExpr.gfsOffset(vd, vd.length, t.doubleValue(), Double.NaN);
    BigDecimal s = guess > 0 && Double.isFinite(guess) ? new BigDecimal(guess) : BigDecimal.ONE;
    BigDecimal resolution = t.multiply(BigDecimal.ONE.scaleByPowerOfTen(3 - mc.getPrecision()));
    boolean wasAbove = false;
    for (int iter = 0; iter < 10 * mc.getPrecision() + 100; iter++) {
      ProductSlope ps = ProductSlope.at(v, s, mc);
      BigDecimal p = ps.value();
      BigDecimal dp = ps.slope();
      int above = p.compareTo(t);
      if (above == 0 || p.subtract(t).abs().compareTo(resolution) <= 0 || above < 0 && wasAbove) {
        break;
      }
      BigDecimal next = s.subtract(p.subtract(t, mc).divide(dp, mc), mc);
      if (above > 0 && next.compareTo(s) >= 0) {
        break;
      }
      wasAbove |= above > 0;
      s = next.signum() > 0 ? next : s.divide(BigDecimal.valueOf(2), mc);
    }
    return s.subtract(m, mc);
  }
}

package org.eoscheck.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 * A fast double-precision evaluator of one or several {@link Expr}s over an ordered list of
 * variables: the expressions are compiled once into a flat register program (common
 * subexpressions computed once), which {@link #eval} then runs over a {@code double[]}.
 *
 * <p>Floating point, NOT sound: use it for simulation and for finding candidate points, never for a
 * verdict. Undefined operations give NaN or an infinity as IEEE arithmetic does (1/0, sqrt(-1)).
 * Integer powers are computed by repeated squaring ({@code x^0 = 1}).
 *
 * <p>{@link #evalTangent} runs the program in forward mode: with the gradient of a loss as the
 * outputs, the tangents along v are the exact Hessian-vector product H v (up to rounding).
 *
 * <p>{@link GfsShift} is solved by {@link #gfsShift(double[], double)}: Newton's method on the
 * concave increasing h(s) = p(s)^(1/n) - t^(1/n), p(s) = prod_i (v_i + s), v_i = u_i - min u, which
 * converges monotonically from the left of the root, polished by one Newton step on p (Kreisler,
 * Nacson, Soudry, Carmon, ICML 2023: the gradient-flow solution of the scalar network has
 * s_i^2 = w_i^2 + delta*).
 *
 * <p>Instances are immutable and thread-safe ({@link #eval} allocates its registers).
 */
public final class CompiledExpr {
  private static final byte ADD = 0;
  private static final byte SUB = 1;
  private static final byte MUL = 2;
  private static final byte DIV = 3;
  private static final byte NEG = 4;
  private static final byte POW = 5;
  private static final byte SQRT = 6;
  private static final byte ABS = 7;
  private static final byte MIN = 8;
  private static final byte MAX = 9;
  private static final byte EXP = 10;
  private static final byte LOG = 11;
  private static final byte SIN = 12;
  private static final byte COS = 13;
  private static final byte TANH = 14;
  private static final byte GFS = 15;
  /** eigmax (right = 1) or eigmin (right = 0) of the upper triangle in lists. */
  private static final byte EIG = 16;

  private final List<String> variables;
  /** Registers: variables, then constants, then one per instruction. */
  private final double[] template;
  private final int firstTemp;
  private final byte[] op;
  private final int[] left;
  /** The right operand's register, or the exponent of POW, or the target register of GFS. */
  private final int[] right;
  /** The squares' registers of GFS instructions (null elsewhere). */
  private final int[][] lists;
  private final int[] outputs;

  private CompiledExpr(List<String> variables, double[] template, int firstTemp, byte[] op,
      int[] left, int[] right, int[][] lists, int[] outputs) {
    this.variables = variables;
    this.template = template;
    this.firstTemp = firstTemp;
    this.op = op;
    this.left = left;
    this.right = right;
    this.lists = lists;
    this.outputs = outputs;
  }

  /**
   * Compiles {@code e} over {@code vars}.
   *
   * @throws IllegalArgumentException if {@code e} has a variable not in {@code vars} or an
   *     unresolved {@link Apply}
   */
  public static CompiledExpr compile(Expr e, List<String> vars) {
    return compile(List.of(e), vars);
  }

  /** Compiles several expressions into one program sharing common subexpressions. */
  public static CompiledExpr compile(List<Expr> es, List<String> vars) {
    Compiler c = new Compiler(vars);
    int[] outs = new int[es.size()];
    for (int i = 0; i < outs.length; i++) {
      outs[i] = c.reg(es.get(i));
    }
    return c.build(outs);
  }

  /** The variables, in the order {@link #eval} expects their values. */
  public List<String> variables() {
    return variables;
  }

  /** The number of compiled expressions. */
  public int outputs() {
    return outputs.length;
  }

  /** The number of instructions (a measure of cost). */
  public int instructions() {
    return op.length;
  }

  /** The value of the first (or only) expression at {@code x}. */
  public double eval(double[] x) {
    return run(x)[outputs[0]];
  }

  /** The values of all expressions at {@code x}, written to {@code out}. */
  public void eval(double[] x, double[] out) {
    double[] r = run(x);
    for (int i = 0; i < outputs.length; i++) {
      out[i] = r[outputs[i]];
    }
  }

  /** The values of all expressions at {@code x}. */
  public double[] evalAll(double[] x) {
    double[] out = new double[outputs.length];
    eval(x, out);
    return out;
  }

  /**
   * Forward mode: the values at {@code x} into {@code out} and their directional derivatives
   * d/dt e(x + t v) at t = 0 into {@code tangent}.
   */
  public void evalTangent(double[] x, double[] v, double[] out, double[] tangent) {
    checkLength(x);
    checkLength(v);
    double[] r = registers(x);
    double[] d = new double[r.length];
    System.arraycopy(v, 0, d, 0, v.length);
    for (int k = 0; k < op.length; k++) {
      int t = firstTemp + k;
      r[t] = apply(k, r);
      d[t] = tangent(k, r, d, r[t]);
    }
    for (int i = 0; i < outputs.length; i++) {
      out[i] = r[outputs[i]];
      tangent[i] = d[outputs[i]];
    }
  }

  private double[] run(double[] x) {
    checkLength(x);
    double[] r = registers(x);
    for (int k = 0; k < op.length; k++) {
      r[firstTemp + k] = apply(k, r);
    }
    return r;
  }

  private void checkLength(double[] x) {
    if (x.length != variables.size()) {
      throw new IllegalArgumentException("expected " + variables.size() + " values ("
          + String.join(", ", variables) + "), got " + x.length);
    }
  }

  private double[] registers(double[] x) {
    double[] r = template.clone();
    System.arraycopy(x, 0, r, 0, x.length);
    return r;
  }

  private double apply(int k, double[] r) {
    double a = r[left[k]];
    switch (op[k]) {
      case ADD:
        return a + r[right[k]];
      case SUB:
        return a - r[right[k]];
      case MUL:
        return a * r[right[k]];
      case DIV:
        return a / r[right[k]];
      case NEG:
        return -a;
      case POW:
        return powi(a, right[k]);
      case SQRT:
        return Math.sqrt(a);
      case ABS:
        return Math.abs(a);
      case MIN:
        return Math.min(a, r[right[k]]);
      case MAX:
        return Math.max(a, r[right[k]]);
      case EXP:
        return Math.exp(a);
      case LOG:
        return Math.log(a);
      case SIN:
        return Math.sin(a);
      case COS:
        return Math.cos(a);
      case TANH:
        return Math.tanh(a);
      case GFS:
        return gfsShift(gather(lists[k], r), r[right[k]]);
      case EIG:
        return SymmetricEigen.extreme(gather(lists[k], r), right[k] == 1);
      default:
        throw new IllegalStateException("opcode " + op[k]);
    }
  }

  /** d(result) from the operands' values {@code r} and tangents {@code d}; {@code y} = result. */
  private double tangent(int k, double[] r, double[] d, double y) {
    double a = r[left[k]];
    double da = d[left[k]];
    switch (op[k]) {
      case ADD:
        return da + d[right[k]];
      case SUB:
        return da - d[right[k]];
      case MUL:
        return da * r[right[k]] + a * d[right[k]];
      case DIV:
        return (da - y * d[right[k]]) / r[right[k]];
      case NEG:
        return -da;
      case POW:
        return right[k] == 0 ? 0 : right[k] * powi(a, right[k] - 1) * da;
      case SQRT:
        return da / (2 * y);
      case ABS:
        return Math.signum(a) * da;
      case MIN:
        return a <= r[right[k]] ? da : d[right[k]];
      case MAX:
        return a >= r[right[k]] ? da : d[right[k]];
      case EXP:
        return y * da;
      case LOG:
        return da / a;
      case SIN:
        return Math.cos(a) * da;
      case COS:
        return -Math.sin(a) * da;
      case TANH:
        return (1 - y * y) * da;
      case GFS: {
        // prod_i (u_i + delta) = t  =>  d delta * sum 1/(u_i + delta) = dt/t - sum du_i/(u_i + delta)
        int[] us = lists[k];
        double inv = 0;
        double weighted = 0;
        for (int u : us) {
          double f = 1 / (r[u] + y);
          inv += f;
          weighted += d[u] * f;
        }
        return (d[right[k]] / r[right[k]] - weighted) / inv;
      }
      case EIG:
        return eigenTangent(gather(lists[k], r), gather(lists[k], d), right[k] == 1);
      default:
        throw new IllegalStateException("opcode " + op[k]);
    }
  }

  /** d lambda = v^T dH v for a simple extreme eigenvalue with unit eigenvector v. */
  private static double eigenTangent(double[] upper, double[] dUpper, boolean top) {
    int n = Fn.matrixOrder(upper.length);
    double[][] m = new double[n][n];
    double[][] dm = new double[n][n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++, k++) {
        m[i][j] = top ? upper[k] : -upper[k];
        m[j][i] = m[i][j];
        dm[i][j] = dUpper[k];
        dm[j][i] = dUpper[k];
      }
    }
    SymmetricEigen.Pair p = SymmetricEigen.top(m);
    if (p == null) {
      return Double.NaN;
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        s += p.vector()[i] * dm[i][j] * p.vector()[j];
      }
    }
    return s;
  }

  private static double[] gather(int[] regs, double[] r) {
    double[] out = new double[regs.length];
    for (int i = 0; i < regs.length; i++) {
      out[i] = r[regs[i]];
    }
    return out;
  }

  /** x^n by repeated squaring; x^0 = 1, x^-n = 1/x^n. */
  public static double powi(double x, int n) {
    long m = Math.abs((long) n);
    double result = 1;
    double base = x;
    while (m > 0) {
      if ((m & 1) != 0) {
        result *= base;
      }
      m >>= 1;
      if (m > 0) {
        base *= base;
      }
    }
    return n < 0 ? 1 / result : result;
  }

  /**
   * delta*: the unique delta with u_i + delta > 0 for all i and prod_i (u_i + delta) = t; NaN if
   * t <= 0 or an input is not finite.
   */
  public static double gfsShift(double[] u, double t) {
    if (u.length == 0) {
      return Double.NaN;
    }
    double m = Double.POSITIVE_INFINITY;
    for (double ui : u) {
      if (!Double.isFinite(ui)) {
        return Double.NaN;
      }
      m = Math.min(m, ui);
    }
    double[] v = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      v[i] = u[i] - m;
    }
    return gfsOffset(v, v.length, t, Double.NaN) - m;
  }

  /**
   * The unique s > 0 with prod_{i < n} (v_i + s) = t, for v_i >= 0 with min v = 0 (so that
   * delta* = s - min u for v = u - min u); NaN if t <= 0 or t is not finite. {@code hint}, if
   * positive and finite, is a starting guess (e.g. the root of a nearby problem).
   *
   * <p>Newton's method on h(s) = p(s)^(1/n) - t^(1/n), p(s) = prod (v_i + s): h is concave and
   * increasing on s > 0 (a geometric mean of positive affine functions) and exactly affine when
   * the v_i are equal. From the right of the root one step lands at or left of it; from the left
   * the iterates increase monotonically to it, and the loop stops when they stop increasing or
   * cross it (both only by rounding); a last Newton step on p itself removes the rounding of the
   * power. If p overflows, bisection on log p takes over.
   */
  public static double gfsOffset(double[] v, int n, double t, double hint) {
    if (!(t > 0) || t == Double.POSITIVE_INFINITY || n == 0) {
      return Double.NaN;
    }
    double inverse = 1.0 / n;
    double level = n == 1 ? t : Math.pow(t, inverse);
    double s = hint > 0 && hint < Double.POSITIVE_INFINITY ? hint : startAbove(v, n, t, level);
    boolean wasBelow = false;
    for (int iter = 0; iter < 200; iter++) {
      double p = 1;
      double dp = 0;
      for (int i = 0; i < n; i++) {
        double f = v[i] + s;
        dp = dp * f + p;
        p *= f;
      }
      if (!Double.isFinite(p) || !Double.isFinite(dp) || p == 0) {
        return logBisection(v, n, t, s);
      }
      double q = n == 1 ? p : Math.pow(p, inverse);
      // h / h' with h' = q (p' / p) / n.
      double next = s - n * p * (1 - level / q) / dp;
      boolean done;
      if (q < level) {
        done = !(next > s); // the monotone ascent has stopped: rounding level
        wasBelow = true;
      } else {
        done = q == level || wasBelow; // above after being below: only rounding does that
      }
      if (done) {
        // pow rounds q: one Newton step on p itself polishes s to the accuracy of p.
        double polished = s - (p - t) / dp;
        return polished > 0 ? polished : s;
      }
      s = next > 0 ? next : s / 2;
    }
    return s;
  }

  /** min(t^(1/n), t / prod of the v_i other than one zero): both are >= the root. */
  private static double startAbove(double[] v, int n, double t, double level) {
    double others = 1;
    boolean skipped = false;
    for (int i = 0; i < n; i++) {
      if (!skipped && v[i] == 0) {
        skipped = true;
      } else {
        others *= v[i];
      }
    }
    double s = level;
    if (others > 0 && Double.isFinite(others)) {
      s = Math.min(s, t / others);
    }
    return s > 0 && Double.isFinite(s) ? s : 1;
  }

  private static double logBisection(double[] v, int n, double t, double hi) {
    double lo = 0;
    double logT = Math.log(t);
    while (logProduct(v, n, hi) < logT) {
      lo = hi;
      hi *= 2;
    }
    for (int iter = 0; iter < 2000; iter++) {
      double mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) {
        break;
      }
      if (logProduct(v, n, mid) < logT) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  private static double logProduct(double[] v, int n, double s) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.log(v[i] + s);
    }
    return sum;
  }

  // ---------------------------------------------------------------------------------------------

  /** Builds the register program, hash-consing nodes so that equal subtrees share a register. */
  private static final class Compiler {
    private final List<String> vars;
    private final Map<String, Integer> varIndex = new HashMap<>();
    private final List<Double> constants = new ArrayList<>();
    private final Map<Long, Integer> constantIndex = new HashMap<>();
    private final Map<Expr, Integer> seen = new IdentityHashMap<>();
    private final Map<List<Object>, Integer> nodes = new HashMap<>();
    private final List<Byte> ops = new ArrayList<>();
    private final List<Integer> lefts = new ArrayList<>();
    private final List<Integer> rights = new ArrayList<>();
    private final List<int[]> lists = new ArrayList<>();
    // Constants get registers after the variables; temporaries are numbered after all
    // constants, which are known only at the end: encode temporaries as negative until then.

    Compiler(List<String> vars) {
      this.vars = List.copyOf(vars);
      for (int i = 0; i < vars.size(); i++) {
        if (varIndex.put(vars.get(i), i) != null) {
          throw new IllegalArgumentException("variable '" + vars.get(i) + "' listed twice");
        }
      }
    }

    int reg(Expr e) {
      Integer known = seen.get(e);
      if (known != null) {
        return known;
      }
      int r = e.accept(new Expr.Visitor<Integer>() {
        public Integer num(Num n) {
          return constant(n.value().doubleValue());
        }

        public Integer var(Var v) {
          Integer i = varIndex.get(v.name());
          if (i == null) {
            throw new IllegalArgumentException("unknown variable '" + v.name() + "' (variables: "
                + String.join(", ", vars) + ")");
          }
          return i;
        }

        public Integer add(Add a) {
          int acc = -1;
          for (Expr t : a.terms()) {
            if (acc == -1) {
              acc = reg(t);
            } else if (t instanceof Neg n) {
              acc = emit(SUB, acc, reg(n.arg()), null);
            } else {
              acc = emit(ADD, acc, reg(t), null);
            }
          }
          return acc;
        }

        public Integer mul(Mul m) {
          int acc = -1;
          for (Expr f : m.factors()) {
            acc = acc == -1 ? reg(f) : emit(MUL, acc, reg(f), null);
          }
          return acc;
        }

        public Integer neg(Neg n) {
          return emit(NEG, reg(n.arg()), 0, null);
        }

        public Integer div(Div d) {
          return emit(DIV, reg(d.num()), reg(d.den()), null);
        }

        public Integer pow(Pow p) {
          return p.exponent() == 1 ? reg(p.base()) : emit(POW, reg(p.base()), p.exponent(), null);
        }

        public Integer call(Call c) {
          List<Expr> args = c.args();
          switch (c.fn()) {
            case MIN:
            case MAX: {
              byte code = c.fn() == Fn.MIN ? MIN : MAX;
              int acc = reg(args.get(0));
              for (Expr a : args.subList(1, args.size())) {
                acc = emit(code, acc, reg(a), null);
              }
              return acc;
            }
            case EIGMAX:
            case EIGMIN: {
              int[] entries = args.stream().mapToInt(Compiler.this::reg).toArray();
              return emit(EIG, -1, c.fn() == Fn.EIGMAX ? 1 : 0, entries);
            }
            default:
              return emit(unary(c.fn()), reg(args.get(0)), 0, null);
          }
        }

        public Integer gfsShift(GfsShift g) {
          int[] us = g.squares().stream().mapToInt(Compiler.this::reg).toArray();
          return emit(GFS, -1, reg(g.target()), us);
        }

        public Integer apply(Apply a) {
          throw new IllegalArgumentException("cannot evaluate unresolved call '" + a.name() + "'");
        }
      });
      seen.put(e, r);
      return r;
    }

    private static byte unary(Fn fn) {
      switch (fn) {
        case SQRT:
          return SQRT;
        case ABS:
          return ABS;
        case EXP:
          return EXP;
        case LOG:
          return LOG;
        case SIN:
          return SIN;
        case COS:
          return COS;
        case TANH:
          return TANH;
        default:
          throw new IllegalArgumentException("no unary opcode for " + fn.label());
      }
    }

    private int constant(double value) {
      return constantIndex.computeIfAbsent(Double.doubleToLongBits(value), k -> {
        constants.add(value);
        return vars.size() + constants.size() - 1;
      });
    }

    /** Temporaries are returned as -(index + 2) until {@link #build} renumbers them. */
    private int emit(byte code, int a, int b, int[] list) {
      List<Object> key = List.of(code, a, b, list == null ? List.of() : Arrays.stream(list).boxed().toList());
      Integer known = nodes.get(key);
      if (known != null) {
        return known;
      }
      ops.add(code);
      lefts.add(a);
      rights.add(b);
      lists.add(list);
      int r = -(ops.size() - 1) - 2;
      nodes.put(key, r);
      return r;
    }

    CompiledExpr build(int[] outs) {
      int firstTemp = vars.size() + constants.size();
      int n = ops.size();
      byte[] op = new byte[n];
      int[] left = new int[n];
      int[] right = new int[n];
      int[][] lst = new int[n][];
      for (int k = 0; k < n; k++) {
        op[k] = ops.get(k);
        left[k] = op[k] == GFS || op[k] == EIG ? 0 : resolve(lefts.get(k), firstTemp);
        boolean rightIsRegister = op[k] != POW && op[k] != NEG && op[k] != EIG && !isUnary(op[k]);
        right[k] = rightIsRegister ? resolve(rights.get(k), firstTemp) : rights.get(k);
        if (lists.get(k) != null) {
          lst[k] = Arrays.stream(lists.get(k)).map(r -> resolve(r, firstTemp)).toArray();
        }
      }
      double[] template = new double[firstTemp + n];
      for (int i = 0; i < constants.size(); i++) {
        template[vars.size() + i] = constants.get(i);
      }
      int[] outputs = Arrays.stream(outs).map(r -> resolve(r, firstTemp)).toArray();
      return new CompiledExpr(vars, template, firstTemp, op, left, right, lst, outputs);
    }

    private static boolean isUnary(byte code) {
      return code == SQRT || code == ABS || code == EXP || code == LOG || code == SIN
          || code == COS || code == TANH;
    }

    private static int resolve(int r, int firstTemp) {
      return r >= 0 ? r : firstTemp + (-r - 2);
    }
  }
}

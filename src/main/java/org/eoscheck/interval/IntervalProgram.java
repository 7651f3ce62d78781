package org.eoscheck.interval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Fn;

/**
 * Several expressions compiled into one straight-line program of interval operations over a
 * shared set of slots: structurally equal subexpressions (the gfs shift inside phi and inside
 * every derivative of phi, the residual inside a GD step) get one slot and are evaluated once.
 * Instructions are in dependency order, so a prefix of the program evaluates the first outputs
 * alone (the prefix up to the largest slot among them).
 *
 * <p>Three rewrites make the enclosures tighter and keep them sound: a product with a repeated
 * factor x * x becomes x^2 (equal for every real x, and the power knows it is non-negative); a
 * sum u_i + delta* of a square and the gfs shift of which it is a square is enclosed as a whole
 * ({@link GfsShiftEnclosure#shiftedSquare}); constants are converted to double intervals once,
 * outward.
 */
final class IntervalProgram {
  /** One instruction: the value of its slot from earlier slots and the box. */
  @FunctionalInterface
  private interface Op {
    Interval run(Interval[] slots, Interval[] box);
  }

  private final Op[] ops;
  private final int[] outputs;
  /** end[k]: the last instruction needed by outputs 0..k (outputs may share earlier slots). */
  private final int[] end;
  private final int arity;

  private IntervalProgram(Op[] ops, int[] outputs, int arity) {
    this.ops = ops;
    this.outputs = outputs;
    this.arity = arity;
    this.end = new int[outputs.length];
    for (int k = 0; k < outputs.length; k++) {
      end[k] = Math.max(outputs[k], k == 0 ? -1 : end[k - 1]);
    }
  }

  /** Compiles {@code roots} over the variables {@code vars} (box[i] is the interval of vars[i]). */
  static IntervalProgram compile(List<Expr> roots, List<String> vars) {
    Builder b = new Builder(vars);
    int[] outs = new int[roots.size()];
    for (int k = 0; k < outs.length; k++) {
      outs[k] = b.node(roots.get(k));
    }
    return new IntervalProgram(b.ops.toArray(new Op[0]), outs, vars.size());
  }

  int outputCount() {
    return outputs.length;
  }

  /** Fresh slots for one evaluation (programs are shared between threads, slots are not). */
  Interval[] newSlots() {
    return new Interval[ops.length];
  }

  /**
   * Runs the instructions needed for outputs {@code fromOutput..toOutput}, assuming those of the
   * earlier outputs have been run on the same box and slots, and returns output {@code toOutput}.
   */
  Interval run(Interval[] box, Interval[] slots, int fromOutput, int toOutput) {
    if (box.length != arity) {
      throw new IllegalArgumentException("box has " + box.length + " intervals, expected " + arity);
    }
    int start = fromOutput == 0 ? 0 : end[fromOutput - 1] + 1;
    for (int i = start; i <= end[toOutput]; i++) {
      slots[i] = ops[i].run(slots, box);
    }
    return slots[outputs[toOutput]];
  }

  /** The value of output {@code k} in slots filled by {@link #run}. */
  Interval output(Interval[] slots, int k) {
    return slots[outputs[k]];
  }

  /** Evaluates all outputs on a box. */
  Interval[] evalAll(Interval[] box) {
    Interval[] slots = newSlots();
    Interval[] out = new Interval[outputs.length];
    if (out.length > 0) {
      run(box, slots, 0, out.length - 1);
    }
    for (int k = 0; k < out.length; k++) {
      out[k] = output(slots, k);
    }
    return out;
  }

  /** Hash-consing compiler: one slot per distinct (operation, operand slots). */
  private static final class Builder implements Expr.Visitor<Integer> {
    private final List<String> vars;
    private final List<Op> ops = new ArrayList<>();
    private final Map<List<Object>, Integer> slotOf = new HashMap<>();

    Builder(List<String> vars) {
      this.vars = List.copyOf(vars);
    }

    int node(Expr e) {
      return e.accept(this);
    }

    /** The slot of the instruction identified by {@code key}, emitting it on first use. */
    private int emit(List<Object> key, Op op) {
      Integer slot = slotOf.get(key);
      if (slot != null) {
        return slot;
      }
      ops.add(op);
      slotOf.put(key, ops.size() - 1);
      return ops.size() - 1;
    }

    private int[] nodes(List<Expr> es) {
      int[] out = new int[es.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = node(es.get(i));
      }
      return out;
    }

    private static List<Object> key(Object kind, Object payload, int... args) {
      List<Object> key = new ArrayList<>(args.length + 2);
      key.add(kind);
      key.add(payload);
      for (int a : args) {
        key.add(a);
      }
      return key;
    }

    @Override
    public Integer num(Expr.Num e) {
      Interval c = Interval.of(e.value());
      return emit(key("num", e.value()), (s, box) -> c);
    }

    @Override
    public Integer var(Expr.Var e) {
      int index = vars.indexOf(e.name());
      if (index < 0) {
        throw new IllegalArgumentException(
            "variable " + e.name() + " is not among the box variables " + vars);
      }
      return emit(key("var", index), (s, box) -> box[index]);
    }

    @Override
    public Integer add(Expr.Add e) {
      if (e.terms().isEmpty()) {
        return num(Exprs.ZERO);
      }
      if (e.terms().size() == 2) {
        Integer shifted = shiftedSquare(e.terms().get(0), e.terms().get(1));
        if (shifted == null) {
          shifted = shiftedSquare(e.terms().get(1), e.terms().get(0));
        }
        if (shifted != null) {
          return shifted;
        }
      }
      int[] a = nodes(e.terms());
      return emit(key("add", null, a), (s, box) -> {
        Interval sum = s[a[0]];
        for (int i = 1; i < a.length; i++) {
          sum = sum.add(s[a[i]]);
        }
        return sum;
      });
    }

    @Override
    public Integer mul(Expr.Mul e) {
      if (e.factors().isEmpty()) {
        return num(Exprs.ONE);
      }
      Map<Integer, Integer> multiplicity = new LinkedHashMap<>();
      for (int f : nodes(e.factors())) {
        multiplicity.merge(f, 1, Integer::sum);
      }
      int[] a = multiplicity.entrySet().stream()
          .mapToInt(m -> m.getValue() == 1 ? m.getKey() : power(m.getKey(), m.getValue()))
          .toArray();
      if (a.length == 1) {
        return a[0];
      }
      return emit(key("mul", null, a), (s, box) -> {
        Interval product = s[a[0]];
        for (int i = 1; i < a.length; i++) {
          product = product.mul(s[a[i]]);
        }
        return product;
      });
    }

    private int power(int base, int exponent) {
      return emit(key("pow", exponent, base), (s, box) -> s[base].pow(exponent));
    }

    /**
     * u_i + delta* where delta* = GfsShift(u, t) and u_i is one of its squares: enclosed as a
     * whole, by monotonicity ({@link GfsShiftEnclosure#shiftedSquare}); null for other sums.
     */
    private Integer shiftedSquare(Expr square, Expr shift) {
      if (!(shift instanceof Expr.GfsShift g) || !g.squares().contains(square)) {
        return null;
      }
      int i = g.squares().indexOf(square);
      int[] u = nodes(g.squares());
      int t = node(g.target());
      return emit(key("shiftedSquare", i, append(u, t)),
          (s, box) -> GfsShiftEnclosure.shiftedSquare(gather(s, u), s[t], i));
    }

    private static int[] append(int[] a, int b) {
      int[] out = java.util.Arrays.copyOf(a, a.length + 1);
      out[a.length] = b;
      return out;
    }

    private static Interval[] gather(Interval[] slots, int[] indices) {
      Interval[] out = new Interval[indices.length];
      for (int i = 0; i < indices.length; i++) {
        out[i] = slots[indices[i]];
      }
      return out;
    }

    @Override
    public Integer neg(Expr.Neg e) {
      int a = node(e.arg());
      return emit(key("neg", null, a), (s, box) -> s[a].neg());
    }

    @Override
    public Integer div(Expr.Div e) {
      int a = node(e.num());
      int b = node(e.den());
      return emit(key("div", null, a, b), (s, box) -> s[a].div(s[b]));
    }

    @Override
    public Integer pow(Expr.Pow e) {
      return power(node(e.base()), e.exponent());
    }

    @Override
    public Integer call(Expr.Call e) {
      int[] a = nodes(e.args());
      Fn fn = e.fn();
      return emit(key(fn, null, a), callOp(fn, a));
    }

    private static Op callOp(Fn fn, int[] a) {
      int x = a[0];
      switch (fn) {
        case SQRT:
          return (s, box) -> s[x].sqrt();
        case ABS:
          return (s, box) -> s[x].abs();
        case EXP:
          return (s, box) -> s[x].exp();
        case LOG:
          return (s, box) -> s[x].log();
        case SIN:
          return (s, box) -> s[x].sin();
        case COS:
          return (s, box) -> s[x].cos();
        case TANH:
          return (s, box) -> s[x].tanh();
        case MIN:
          return (s, box) -> {
            Interval m = s[x];
            for (int i = 1; i < a.length; i++) {
              m = m.min(s[a[i]]);
            }
            return m;
          };
        case MAX:
          return (s, box) -> {
            Interval m = s[x];
            for (int i = 1; i < a.length; i++) {
              m = m.max(s[a[i]]);
            }
            return m;
          };
        case EIGMAX:
        case EIGMIN:
          return (s, box) -> SpectrumEnclosure.enclose(gather(s, a), fn == Fn.EIGMAX);
        default:
          throw new IllegalArgumentException("no interval extension of " + fn.label());
      }
    }

    @Override
    public Integer gfsShift(Expr.GfsShift e) {
      int[] u = nodes(e.squares());
      int t = node(e.target());
      return emit(key("gfsShift", null, append(u, t)),
          (s, box) -> GfsShiftEnclosure.enclose(gather(s, u), s[t]));
    }

    @Override
    public Integer apply(Expr.Apply e) {
      throw new IllegalArgumentException(
          "unresolved call " + e.name() + "(...) cannot be evaluated; elaborate it first");
    }
  }
}

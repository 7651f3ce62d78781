package org.eoscheck.interval;

import java.util.ArrayList;
import java.util.List;
import org.eoscheck.expr.Derivative;
import org.eoscheck.expr.Expr;

/**
 * An enclosure of the range of f over a box, tighter than the natural interval extension alone:
 * the intersection of
 * <ol>
 *   <li>the natural extension F(X);
 *   <li>the mean-value form f(m) + sum_i G_i(X) (X_i - m_i), with m the centre of the box and
 *       G_i(X) the natural extension of df/dx_i (exact where plain interval arithmetic suffers
 *       from dependency, e.g. x - x on [0, 1] gives [0, 0], not [-1, 1]);
 *   <li>monotonicity: if G_i(X) &gt;= 0 then min f is attained with x_i = lo_i and max f with
 *       x_i = hi_i (the other way round if G_i(X) &lt;= 0), so the lower bound may be computed on
 *       the box with every such x_i pinned to its minimising endpoint and the upper bound on the
 *       box pinned to the maximising endpoints (each by forms 1 and 2).
 * </ol>
 * Each is a sound enclosure of the same range, so their intersection is one too.
 *
 * <p>Where f is undefined. The natural extension is computed first; if it is ENTIRE the result
 * is ENTIRE, whatever the other forms say. This matters: a derivative formula can be defined where
 * f is not (d/dx log(x^2 - 4) = 2x / (x^2 - 4) is finite on [1, 3/2], where log(x^2 - 4) does not
 * exist), and the mean-value form built on it would "prove" bounds for a function that has no
 * value. Because {@link Interval#ENTIRE} is absorbing and every domain violation produces it,
 * a natural extension that is not ENTIRE certifies that f is defined on the whole box.
 *
 * <p>Where f is not differentiable. Forms 2 and 3 need f differentiable on the box (mean-value
 * theorem along segments and coordinate lines inside the convex box). The derivatives are exact
 * symbolic ones ({@link Derivative}); at every point where f and the derivative formula are both
 * defined, f is differentiable with that derivative, because the only non-differentiable
 * operations of the language put a division into their derivative that fails exactly there:
 * d sqrt(u) = u' / (2 sqrt u) at u = 0, d |u| = (u / |u|) u' at u = 0; min and max have no
 * derivative at all (then only form 1 is used). A derivative enclosure that is ENTIRE therefore
 * disables the form that needs it: the mean-value form needs every G_i, pinning x_i needs G_i.
 */
public final class IntervalEnclosure {
  /** Outputs: f, then df/dx_i for every variable when f is differentiable. */
  private final IntervalProgram program;
  private final int dimension;
  private final boolean differentiable;

  private IntervalEnclosure(IntervalProgram program, int dimension, boolean differentiable) {
    this.program = program;
    this.dimension = dimension;
    this.differentiable = differentiable;
  }

  /** Compiles f and its gradient with respect to {@code vars} (box[i] is vars[i]'s interval). */
  public static IntervalEnclosure of(Expr f, List<String> vars) {
    List<Expr> outputs = new ArrayList<>();
    outputs.add(f);
    boolean differentiable = true;
    try {
      outputs.addAll(Derivative.gradient(f, vars));
    } catch (IllegalArgumentException notDifferentiable) { // min, max: natural extension only
      differentiable = false;
    }
    return new IntervalEnclosure(
        IntervalProgram.compile(outputs, vars), vars.size(), differentiable);
  }

  /** The natural extension alone (form 1): cheaper, and often enough. */
  public Interval natural(Interval[] box) {
    return program.run(box, program.newSlots(), 0, 0);
  }

  /** An interval containing f(x) for every x in the box; ENTIRE if f is undefined somewhere. */
  public Interval enclose(Interval[] box) {
    Interval[] slots = program.newSlots();
    Interval natural = program.run(box, slots, 0, 0);
    if (natural.isEntire() || !differentiable) {
      return natural;
    }
    Interval[] gradient = gradient(box, slots);
    Interval result = natural.intersect(meanValue(box, gradient));

    Interval[] low = box.clone();
    Interval[] high = box.clone();
    boolean pinned = false;
    for (int i = 0; i < dimension; i++) {
      Interval x = box[i];
      if (x.isPoint() || Double.isInfinite(x.lo()) || Double.isInfinite(x.hi())) {
        continue;
      }
      if (gradient[i].certainlyNonNegative()) {
        low[i] = Interval.point(x.lo());
        high[i] = Interval.point(x.hi());
        pinned = true;
      } else if (gradient[i].certainlyNonPositive()) {
        low[i] = Interval.point(x.hi());
        high[i] = Interval.point(x.lo());
        pinned = true;
      }
    }
    if (pinned) {
      result = result
          .intersect(new Interval(firstTwoForms(low).lo(), Double.POSITIVE_INFINITY))
          .intersect(new Interval(Double.NEGATIVE_INFINITY, firstTwoForms(high).hi()));
    }
    return result;
  }

  /** Forms 1 and 2 on a box (a sub-box of one on which f is known to be defined). */
  private Interval firstTwoForms(Interval[] box) {
    Interval[] slots = program.newSlots();
    Interval natural = program.run(box, slots, 0, 0);
    if (natural.isEntire()) {
      return natural;
    }
    return natural.intersect(meanValue(box, gradient(box, slots)));
  }

  /** The derivative enclosures, continuing a run whose first output (f) is already in slots. */
  private Interval[] gradient(Interval[] box, Interval[] slots) {
    Interval[] g = new Interval[dimension];
    if (dimension > 0) {
      program.run(box, slots, 1, dimension);
    }
    for (int i = 0; i < dimension; i++) {
      g[i] = program.output(slots, i + 1);
    }
    return g;
  }

  /** f(m) + sum_i G_i (X_i - m_i), or ENTIRE when a derivative enclosure is ENTIRE. */
  private Interval meanValue(Interval[] box, Interval[] gradient) {
    for (Interval g : gradient) {
      if (g.isEntire()) {
        return Interval.ENTIRE;
      }
    }
    Interval[] centre = new Interval[dimension];
    for (int i = 0; i < dimension; i++) {
      centre[i] = Interval.point(box[i].mid());
    }
    Interval sum = program.run(centre, program.newSlots(), 0, 0);
    for (int i = 0; i < dimension; i++) {
      sum = sum.add(gradient[i].mul(box[i].sub(centre[i])));
    }
    return sum;
  }
}

package org.eoscheck.simulate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.ExprPrinter;
import org.eoscheck.model.ModelSpec;

/**
 * A rise of the GF-solution sharpness phi along a run: between two recorded steps, and where they
 * are consecutive (t, t + 1) the point theta_t at which one step of the run's update rule raises
 * phi, i.e. a counterexample to {@code phi(gd(theta)) <= phi(theta)} (ngd, sqrtgd for those
 * methods) that {@code check} can certify from the lemma-file fragment {@link #fragment} prints.
 *
 * <p>In double precision near convergence the change of phi is O(r^2) and rounding shows spurious
 * rises (shared/maths.md 1): a rise counts only above {@link #NOISE} times max(1, phi) plus the
 * two records' phi tolerances.
 *
 * @param from the earlier recorded step
 * @param to the later one ({@code from + 1}: theta is the refuting point)
 * @param theta theta at {@code from}, exactly (the double's binary value, or the high-precision
 *     point)
 */
public record PhiRise(int from, int to, double phiBefore, double phiAfter, List<BigFraction> theta,
    BigFraction eta, Method method) {
  /** Relative size below which a rise of phi is taken for rounding noise. */
  public static final double NOISE = 1e-9;

  public PhiRise {
    theta = List.copyOf(theta);
  }

  /**
   * The first rise between consecutive recorded steps, else the first between any two recorded
   * steps; empty if phi never rises (or is not computed).
   */
  public static Optional<PhiRise> first(Trajectory t, BigFraction eta, Method method) {
    PhiRise between = null;
    List<StepRecord> rs = t.records();
    for (int k = 1; k < rs.size(); k++) {
      StepRecord a = rs.get(k - 1);
      StepRecord b = rs.get(k);
      if (!rose(a, b)) {
        continue;
      }
      PhiRise r = new PhiRise(a.step(), b.step(), a.phi(), b.phi(), exact(a), eta, method);
      if (r.oneStep()) {
        return Optional.of(r);
      }
      if (between == null) {
        between = r;
      }
    }
    return Optional.ofNullable(between);
  }

  private static boolean rose(StepRecord a, StepRecord b) {
    double rise = b.phi() - a.phi();
    double tolerance = NOISE * Math.max(1, Math.abs(a.phi()))
        + (Double.isNaN(a.phiTolerance()) ? 0 : a.phiTolerance())
        + (Double.isNaN(b.phiTolerance()) ? 0 : b.phiTolerance());
    return Double.isFinite(rise) && rise > tolerance;
  }

  private static List<BigFraction> exact(StepRecord r) {
    List<BigFraction> out = new ArrayList<>();
    if (r.exactTheta() != null) {
      for (BigDecimal d : r.exactTheta()) {
        out.add(d.scale() <= 0 ? BigFraction.of(d.toBigIntegerExact())
            : BigFraction.of(d.unscaledValue(), java.math.BigInteger.TEN.pow(d.scale())));
      }
    } else {
      for (double v : r.theta()) {
        out.add(BigFraction.from(v));
      }
    }
    return out;
  }

  /** Whether the two records are one step apart (theta then refutes the one-step claim). */
  public boolean oneStep() {
    return to == from + 1;
  }

  /** The claim this rise refutes where {@link #oneStep()}. */
  public String claim() {
    return "phi(" + method.label() + "(theta)) <= phi(theta)";
  }

  /** One line for humans, and the fragment where the rise is one step. */
  public String text(ModelSpec spec, List<String> parameters) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "phi rose from %.12g at step %d to %.12g at step %d%s%n",
        phiBefore, from, phiAfter, to, oneStep()
            ? ": theta at step " + from + " refutes " + claim() + "; check certifies it from"
            + " this lemma file:"
            : "; run with --every 1 to name the step"));
    if (oneStep()) {
      b.append(fragment(spec, parameters));
    }
    return b.toString();
  }

  /**
   * A lemma file stating the claim at theta_from: the parameters fixed at their exact values and
   * eta over [eta, eta + 10^-30] (check needs one free variable; the lower corner is the point,
   * among the first candidates check judges).
   */
  public String fragment(ModelSpec spec, List<String> parameters) {
    StringBuilder b = new StringBuilder();
    b.append("name: phi-rise-at-step-").append(from).append('\n');
    b.append("model: ").append(spec.family()).append('\n');
    if (spec.depth() != null) {
      b.append("depth: ").append(spec.depth()).append('\n');
    }
    if (spec.width() != null) {
      b.append("width: ").append(spec.width()).append('\n');
    }
    if (spec.dims() != null) {
      b.append("dims: ").append(spec.dims()).append('\n');
    }
    if (spec.target() != null) {
      b.append("target: ").append(spec.target()).append('\n');
    }
    if (spec.params() != null) {
      b.append("params: [").append(String.join(", ", spec.params())).append("]\n");
    }
    if (spec.loss() != null) {
      b.append("loss: \"").append(spec.loss()).append("\"\n");
    }
    b.append("variables:\n");
    for (int i = 0; i < parameters.size(); i++) {
      b.append("  ").append(parameters.get(i)).append(": ")
          .append(ExprPrinter.rational(theta.get(i))).append('\n');
    }
    BigFraction upper = eta.add(BigFraction.of(java.math.BigInteger.ONE,
        java.math.BigInteger.TEN.pow(30)));
    b.append("  eta: [").append(ExprPrinter.rational(eta)).append(", ")
        .append(ExprPrinter.rational(upper)).append("]\n");
    b.append("claim: ").append(claim()).append('\n');
    b.append("expect: REFUTED\n");
    return b.toString();
  }
}

package org.eoscheck.verify;

import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.expr.Expr;

/**
 * A sufficient condition for one claim, found by factoring and checked exactly.
 *
 * <p>The claim is f >= 0 (f > 0 if strict). If {@code sqrtArgs} is present, f = sqrt(A) - sqrt(B)
 * and, where f is defined, sign f = sign(A - B); let h = A - B, else h = f. Then h equals
 * constant * prod base_k^power_k as rational functions, and each factor has a sign that is known
 * ({@link Sign}) or not (OPEN). With s = sign(constant) * prod sign_k^power_k over the known
 * factors, h >= 0 follows wherever f is defined, the hypotheses hold and
 * {@code residual} = s * prod_{open} base_k^power_k >= 0 (> 0 for strict claims, where then every
 * known factor must be strictly signed).
 *
 * <p>With {@code meanValue} ({@link MeanValueReduction}) the product of the factors is instead the
 * common factor K of a mean-value argument, and the leaves' residual is the one the kernel builds.
 * With {@code rayleigh} the factors factor the remainder of a Rayleigh reduction.
 */
public record Reduction(Expr difference, List<Expr> sqrtArgs, BigFraction constant,
    List<Factor> factors, Expr residual, ProofLog.MeanValue meanValue,
    ProofLog.Rayleigh rayleigh) {
  public Reduction {
    sqrtArgs = sqrtArgs == null ? null : List.copyOf(sqrtArgs);
    factors = List.copyOf(factors);
  }

  public Reduction(Expr difference, List<Expr> sqrtArgs, BigFraction constant,
      List<Factor> factors, Expr residual, ProofLog.MeanValue meanValue) {
    this(difference, sqrtArgs, constant, factors, residual, meanValue, null);
  }

  public Reduction(Expr difference, List<Expr> sqrtArgs, BigFraction constant,
      List<Factor> factors, Expr residual) {
    this(difference, sqrtArgs, constant, factors, residual, null, null);
  }

  /**
   * The same reduction as the factorisation of the remainder of a Rayleigh reduction
   * ({@link org.eoscheck.certificate.RayleighRule}).
   */
  public Reduction withRayleigh(Expr claimDifference, ProofLog.Rayleigh r) {
    return new Reduction(claimDifference, null, constant, factors, residual, null, r);
  }

  /** How the sign of a factor is known. */
  public enum Sign {
    /** Even power: the power is >= 0 (non-strict claims only). */
    SQUARE("square"),
    /** base == ratio * H_j for the j-th hypothesis H_j >= 0: sign of ratio (where H_j holds). */
    HYPOTHESIS("hypothesis"),
    POSITIVE_ON_ROOT("positive-on-root"),
    NEGATIVE_ON_ROOT("negative-on-root"),
    /** >= 0 on the whole root box (non-strict claims, positive powers only). */
    NONNEGATIVE_ON_ROOT("nonnegative-on-root"),
    NONPOSITIVE_ON_ROOT("nonpositive-on-root"),
    OPEN("open");

    private final String label;

    Sign(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** base^power with its sign information; hypothesis and ratio only for HYPOTHESIS. */
  public record Factor(Expr base, int power, Sign sign, int hypothesis, BigFraction ratio) {}

  /** Whether only definedness remains to be shown (the residual is the constant 1). */
  public boolean closed() {
    return meanValue == null && residual instanceof Expr.Num n && n.value().equals(BigFraction.ONE);
  }
}

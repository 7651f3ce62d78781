package org.eoscheck.verify;

import java.util.List;
import org.eoscheck.certificate.Statement;
import org.eoscheck.expr.Expr;

/**
 * What the leaves must show for claim number {@code index}: every expression of {@code defined}
 * (the claim's difference f first, then the factors a reduction relies on) is defined, and
 * {@code residual} >= 0 (> 0 if strict; == 0 for an equation). Without a reduction the residual
 * is f itself. {@code parameters} are extra variables of the residual and of {@code defined}, each
 * ranging over [0, 1] (the segment parameter of a mean-value reduction): a leaf shows the goal
 * for all their values.
 */
public record Goal(int index, Problem.Claim claim, Expr residual, Reduction reduction,
    List<Expr> defined, List<String> parameters, Expr underHypotheses) {
  public Goal {
    defined = List.copyOf(defined);
    parameters = List.copyOf(parameters);
  }

  public Goal(int index, Problem.Claim claim, Expr residual, Reduction reduction,
      List<Expr> defined) {
    this(index, claim, residual, reduction, defined, List.of(), residual);
  }

  public Expr difference() {
    return claim.difference();
  }

  /**
   * The same goal with the definedness obligations the kernel derived for it, and the residual
   * with its extra parameters (each ranging over [0, 1]) that the kernel's leaves check.
   */
  public Goal withKernel(Statement.Goal kernel) {
    boolean meanValue = reduction != null && reduction.meanValue() != null;
    return new Goal(index, claim, meanValue ? kernel.residual().f() : residual, reduction,
        kernel.defined(), List.copyOf(kernel.parameters().keySet()), kernel.underHypotheses());
  }

  /** The same goal without its reduction (the kernel rejected it). */
  public Goal unreduced() {
    return unreduced(index, claim);
  }

  /** The goal of a claim without any reduction: its difference f itself. */
  static Goal unreduced(int index, Problem.Claim claim) {
    return new Goal(index, claim, claim.difference(), null, List.of(claim.difference()));
  }
}

package org.eoscheck.verify;

import java.util.List;
import org.eoscheck.expr.Expr;

/**
 * What the leaves must show for claim number {@code index}: every expression of {@code defined}
 * (the claim's difference f first, then the factors a reduction relies on) is defined, and
 * {@code residual} >= 0 (> 0 if strict; == 0 for an equation). Without a reduction the residual
 * is f itself.
 */
public record Goal(int index, Problem.Claim claim, Expr residual, Reduction reduction,
    List<Expr> defined) {
  public Goal {
    defined = List.copyOf(defined);
  }

  public Expr difference() {
    return claim.difference();
  }

  /** The same goal with the definedness obligations the kernel derived for it. */
  public Goal withDefined(List<Expr> kernelDefined) {
    return new Goal(index, claim, residual, reduction, kernelDefined);
  }

  /** The same goal without its reduction (the kernel rejected it). */
  public Goal unreduced() {
    return new Goal(index, claim, claim.difference(), null, List.of(claim.difference()));
  }
}

package org.eoscheck.verify;

import org.eoscheck.expr.Expr;

/**
 * What the leaves must show for claim number {@code index}: the claim's difference f is defined,
 * and {@code residual} >= 0 (> 0 if strict; == 0 for an equation). Without a reduction the
 * residual is f itself.
 */
public record Goal(int index, Problem.Claim claim, Expr residual, Reduction reduction) {
  public Expr difference() {
    return claim.difference();
  }
}

package org.eoscheck.model;

import java.util.Optional;
import org.eoscheck.certificate.Family;
import org.eoscheck.expr.Expr;

/**
 * A model whose loss, end-to-end product, residual and gradient-flow sharpness are those of the
 * kernel's {@link Family} definition: one source of truth for the prover, the simulation and the
 * kernel.
 */
interface DefinedModel extends Model {
  /** The kernel's definition of this family. */
  Family definition();

  @Override
  default Expr loss() {
    return definition().loss();
  }

  @Override
  default Optional<Expr> product() {
    return definition().product();
  }

  @Override
  default Optional<Expr> residual() {
    return definition().residual();
  }

  @Override
  default Optional<Expr> gfsSharpness() {
    return definition().phi();
  }
}

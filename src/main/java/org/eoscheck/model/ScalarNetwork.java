package org.eoscheck.model;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.eoscheck.expr.Expr;

/**
 * The depth-D scalar network (width 1): pi(w) = w1 * ... * wD, L(w) = (pi - y)^2 / 2
 * (Kreisler, Nacson, Soudry, Carmon, ICML 2023).
 *
 * <p>Gradient flow conserves every balance w_i^2 - w_j^2, so each w_i^2 moves by the same shift
 * delta; its limit is the minimiser with s_i^2 = w_i^2 + delta*, prod_i (w_i^2 + delta*) = y^2, and
 * the sharpness there is phi(w) = y^2 sum_i 1/(w_i^2 + delta*) (the Hessian at a minimiser is
 * grad pi grad pi^T, of trace sum_i pi^2 / s_i^2). For D = 2 this is sqrt((w1^2 - w2^2)^2 + 4 y^2).
 */
public record ScalarNetwork(int depth, Expr target) implements DefinedModel {
  public ScalarNetwork {
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be at least 1");
    }
  }

  @Override
  public String family() {
    return "scalar";
  }

  @Override
  public String description() {
    return "scalar network, depth " + depth + ", target y = " + target.text();
  }

  @Override
  public String citation() {
    return "Kreisler, Nacson, Soudry, Carmon (ICML 2023)";
  }

  @Override
  public List<String> parameters() {
    return IntStream.rangeClosed(1, depth).mapToObj(i -> "w" + i).toList();
  }

  @Override
  public org.eoscheck.certificate.Family definition() {
    return org.eoscheck.certificate.Family.scalar(depth, target);
  }





  @Override
  public List<Invariant> invariants() {
    return Model.balances(parameters());
  }

  /** Each w_i a 1 x 1 layer. */
  @Override
  public List<List<List<String>>> layerWeights() {
    return parameters().stream().map(w -> List.of(List.of(w))).toList();
  }
}

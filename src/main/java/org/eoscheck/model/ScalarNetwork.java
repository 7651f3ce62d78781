package org.eoscheck.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;

/**
 * The depth-D scalar network (width 1): pi(w) = w1 * ... * wD, L(w) = (pi - y)^2 / 2
 * (Kreisler, Nacson, Soudry, Carmon, ICML 2023).
 *
 * <p>Gradient flow conserves every balance w_i^2 - w_j^2, so each w_i^2 moves by the same shift
 * delta; its limit is the minimiser with s_i^2 = w_i^2 + delta*, prod_i (w_i^2 + delta*) = y^2, and
 * the sharpness there is phi(w) = y^2 sum_i 1/(w_i^2 + delta*) (the Hessian at a minimiser is
 * grad pi grad pi^T, of trace sum_i pi^2 / s_i^2). For D = 2 this is sqrt((w1^2 - w2^2)^2 + 4 y^2).
 */
public record ScalarNetwork(int depth, Expr target) implements Model {
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
  public Expr loss() {
    return Expr.div(Expr.pow(residual().orElseThrow(), 2), Expr.num(2));
  }

  @Override
  public Optional<Expr> product() {
    return Optional.of(depth == 1 ? Expr.var("w1") : new Expr.Mul(theta()));
  }

  @Override
  public Optional<Expr> residual() {
    return Optional.of(Expr.sub(product().orElseThrow(), target));
  }

  @Override
  public Optional<Expr> gfsSharpness() {
    Expr y2 = Exprs.simplify(Expr.pow(target, 2));
    if (depth == 1) {
      return Optional.of(Exprs.ONE);
    }
    List<Expr> squares = theta().stream().map(w -> Expr.pow(w, 2)).toList();
    if (depth == 2) {
      Expr b = Expr.sub(squares.get(0), squares.get(1));
      return Optional.of(Expr.sqrt(Expr.add(Expr.pow(b, 2), Expr.mul(Expr.num(4), y2))));
    }
    Expr delta = new Expr.GfsShift(squares, y2);
    List<Expr> terms = new ArrayList<>();
    for (Expr u : squares) {
      terms.add(Expr.div(Exprs.ONE, Expr.add(u, delta)));
    }
    Expr sum = new Expr.Add(terms);
    return Optional.of(Exprs.simplify(Expr.mul(y2, sum)));
  }
}

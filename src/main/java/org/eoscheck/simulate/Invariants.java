package org.eoscheck.simulate;

import java.util.ArrayList;
import java.util.List;
import org.eoscheck.expr.Expr;
import org.eoscheck.model.LinearNetwork;
import org.eoscheck.model.Model;
import org.eoscheck.model.ScalarNetwork;
import org.eoscheck.model.TwoLayerNetwork;

/**
 * The quantities gradient flow conserves and GD changes, recorded with their per-step change:
 * for a scalar network (or a linear chain of 1 x 1 layers) the balances w_i^2 - w_{i+1}^2, whose
 * GD step multiplies them by 1 - eta^2 (pi-1)^2 pi^2 / (w_i^2 w_{i+1}^2) (Kreisler et al. 2023);
 * for the two-layer network Q = |a|^2 - |b|^2 and P = |a+b|^2 |a-b|^2, multiplied by
 * 1 - eta^2 eps^2 and its square (Beneventano, Woodworth 2025).
 */
public final class Invariants {
  /** A named quantity. */
  public record Named(String name, Expr expr) {}

  private Invariants() {}

  public static List<Named> of(Model model) {
    List<Named> out = new ArrayList<>();
    if (model instanceof ScalarNetwork || model instanceof LinearNetwork l && l.dims().stream().allMatch(n -> n == 1)) {
      List<String> w = model.parameters();
      for (int i = 0; i + 1 < w.size(); i++) {
        out.add(new Named(w.get(i) + "^2-" + w.get(i + 1) + "^2",
            Expr.sub(Expr.pow(Expr.var(w.get(i)), 2), Expr.pow(Expr.var(w.get(i + 1)), 2))));
      }
    } else if (model instanceof TwoLayerNetwork t) {
      List<Expr> squares = new ArrayList<>();
      for (int i = 1; i <= t.width(); i++) {
        squares.add(Expr.pow(Expr.var("a" + i), 2));
        squares.add(Expr.mul(Expr.num(-1), Expr.pow(Expr.var("b" + i), 2)));
      }
      out.add(new Named("Q", new Expr.Add(squares)));
      out.add(new Named("P", t.p()));
    }
    return out;
  }
}

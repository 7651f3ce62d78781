package org.eoscheck.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.eoscheck.expr.Derivative;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;

/**
 * A network family with a training loss over named real parameters theta. Everything a lemma or a
 * simulation needs is an {@link Expr} over {@link #parameters()} (and possibly model symbols such as
 * a symbolic target y and the step size {@code eta}); maps such as one GD step are derived here
 * generically from the loss, so a new family only states its loss and, where known, its closed
 * forms.
 */
public interface Model {
  /** The step-size symbol used by {@link #gdStep()} and friends. */
  String ETA = "eta";

  /** "scalar", "two-layer", "linear" or "custom". */
  String family();

  /** One line for humans, e.g. "scalar network, depth 3, target y = 1". */
  String description();

  /** The paper this family comes from. */
  String citation();

  /** Parameter names, in order: the coordinates of theta. */
  List<String> parameters();

  /** The training loss L(theta). */
  Expr loss();

  /** The end-to-end map pi(theta) (w1*...*wD, a.b) when the family has a scalar one. */
  Optional<Expr> product();

  /** The residual pi(theta) - target, when {@link #product()} exists. */
  Optional<Expr> residual();

  /**
   * The sharpness phi(theta) of the gradient-flow solution started at theta: closed form or an
   * expression through an implicit quantity; empty where no such form is known.
   */
  Optional<Expr> gfsSharpness();

  /**
   * The weight matrices layer by layer, each as its rows of parameter names (W_1 first); empty
   * for a loss with no layer structure (custom). The invariant search of derive works on them.
   */
  default List<List<List<String>>> layerWeights() {
    return List.of();
  }

  /** A named quantity that gradient flow conserves (and GD changes), such as a balance. */
  record Invariant(String name, Expr expr) {}

  /**
   * The quantities gradient flow conserves, recorded by simulate with their per-step change;
   * none unless the family knows them.
   */
  default List<Invariant> invariants() {
    return List.of();
  }

  /**
   * The balances w_i^2 - w_{i+1}^2 of consecutive parameters: conserved by gradient flow on a
   * chain of scalar layers, multiplied by 1 - eta^2 (pi-1)^2 pi^2 / (w_i^2 w_{i+1}^2) by a GD
   * step (Kreisler, Nacson, Soudry, Carmon 2023).
   */
  static List<Invariant> balances(List<String> w) {
    List<Invariant> out = new ArrayList<>();
    for (int i = 0; i + 1 < w.size(); i++) {
      out.add(new Invariant(w.get(i) + "^2-" + w.get(i + 1) + "^2",
          Expr.sub(Expr.pow(Expr.var(w.get(i)), 2), Expr.pow(Expr.var(w.get(i + 1)), 2))));
    }
    return out;
  }

  /** Symbols other than the parameters and eta that the loss depends on (a symbolic target). */
  default Set<String> symbols() {
    Set<String> s = new LinkedHashSet<>(Exprs.variables(loss()));
    s.removeAll(parameters());
    return s;
  }

  /** grad L(theta). */
  default List<Expr> gradient() {
    return Derivative.gradient(loss(), parameters());
  }

  /** Hess L(theta), symmetric. */
  default List<List<Expr>> hessian() {
    return Derivative.hessian(loss(), parameters());
  }

  /** One GD step: theta - eta grad L(theta). */
  default List<Expr> gdStep() {
    return step(gradient(), Expr.var(ETA));
  }

  /** One normalised-GD step: theta - eta grad L / |grad L| (Arora, Li, Panigrahi 2022). */
  default List<Expr> ngdStep() {
    List<Expr> g = gradient();
    Expr norm = Expr.sqrt(new Expr.Add(g.stream().map(gi -> Expr.pow(gi, 2)).toList()));
    return step(g.stream().map(gi -> Expr.div(gi, norm)).toList(), Expr.var(ETA));
  }

  /** One GD step on sqrt(L): theta - eta grad L / (2 sqrt L) (Arora, Li, Panigrahi 2022). */
  default List<Expr> sqrtGdStep() {
    Expr twoRoot = Expr.mul(Expr.num(2), Expr.sqrt(loss()));
    return step(gradient().stream().map(gi -> Expr.div(gi, twoRoot)).toList(), Expr.var(ETA));
  }

  private List<Expr> step(List<Expr> direction, Expr eta) {
    List<String> p = parameters();
    return IntStream.range(0, p.size())
        .mapToObj(i -> Exprs.simplify(Expr.sub(Expr.var(p.get(i)), Expr.mul(eta, direction.get(i)))))
        .toList();
  }

  /** {@code e} with theta replaced by {@code point} (one expression per parameter). */
  default Expr at(Expr e, List<Expr> point) {
    List<String> p = parameters();
    if (point.size() != p.size()) {
      throw new IllegalArgumentException("a point of " + family() + " has " + p.size()
          + " coordinates, not " + point.size());
    }
    return org.eoscheck.expr.Exprs.substitute(e, p, point);
  }

  /** theta itself, as expressions. */
  default List<Expr> theta() {
    List<Expr> out = new ArrayList<>();
    parameters().forEach(n -> out.add(Expr.var(n)));
    return out;
  }
}

package org.eoscheck.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eoscheck.expr.Expr;

/**
 * The depth-2 linear network with one input and one output, width d: L(a, b) = (a.b - Phi)^2 / 2
 * (Beneventano, Woodworth 2025). Gradient flow conserves Q = |a|^2 - |b|^2 and
 * P = |a + b|^2 |a - b|^2, and its limit has sharpness sqrt(4 Phi^2 + P).
 */
public record TwoLayerNetwork(int width, Expr target) implements Model {
  public TwoLayerNetwork {
    if (width < 1) {
      throw new IllegalArgumentException("width must be at least 1");
    }
  }

  @Override
  public String family() {
    return "two-layer";
  }

  @Override
  public String description() {
    return "two-layer linear network, width " + width + ", one input, one output, target Phi = "
        + target.text();
  }

  @Override
  public String citation() {
    return "Beneventano, Woodworth (2025)";
  }

  @Override
  public List<String> parameters() {
    List<String> p = new ArrayList<>();
    for (int i = 1; i <= width; i++) {
      p.add("a" + i);
    }
    for (int i = 1; i <= width; i++) {
      p.add("b" + i);
    }
    return p;
  }

  private Expr a(int i) {
    return Expr.var("a" + i);
  }

  private Expr b(int i) {
    return Expr.var("b" + i);
  }

  @Override
  public Expr loss() {
    return Expr.div(Expr.pow(residual().orElseThrow(), 2), Expr.num(2));
  }

  @Override
  public Optional<Expr> product() {
    List<Expr> terms = new ArrayList<>();
    for (int i = 1; i <= width; i++) {
      terms.add(Expr.mul(a(i), b(i)));
    }
    return Optional.of(terms.size() == 1 ? terms.get(0) : new Expr.Add(terms));
  }

  @Override
  public Optional<Expr> residual() {
    return Optional.of(Expr.sub(product().orElseThrow(), target));
  }

  /** P = |a + b|^2 |a - b|^2, conserved by gradient flow. */
  public Expr p() {
    List<Expr> plus = new ArrayList<>();
    List<Expr> minus = new ArrayList<>();
    for (int i = 1; i <= width; i++) {
      plus.add(Expr.pow(Expr.add(a(i), b(i)), 2));
      minus.add(Expr.pow(Expr.sub(a(i), b(i)), 2));
    }
    return Expr.mul(new Expr.Add(plus), new Expr.Add(minus));
  }

  @Override
  public Optional<Expr> gfsSharpness() {
    return Optional.of(Expr.sqrt(Expr.add(Expr.mul(Expr.num(4), Expr.pow(target, 2)), p())));
  }
}

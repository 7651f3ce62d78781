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
public record TwoLayerNetwork(int width, Expr target) implements DefinedModel {
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
  public org.eoscheck.certificate.Family definition() {
    return org.eoscheck.certificate.Family.twoLayer(width, target);
  }




  /** P = |a + b|^2 |a - b|^2, conserved by gradient flow. */
  public Expr p() {
    List<Expr> a = new ArrayList<>();
    List<Expr> b = new ArrayList<>();
    for (int i = 1; i <= width; i++) {
      a.add(a(i));
      b.add(b(i));
    }
    return org.eoscheck.certificate.Family.balanceP(a, b);
  }


  /**
   * Q = |a|^2 - |b|^2 and P = |a+b|^2 |a-b|^2, multiplied by 1 - eta^2 eps^2 and its square by a
   * GD step (Beneventano, Woodworth 2025).
   */
  @Override
  public List<Invariant> invariants() {
    List<Expr> squares = new ArrayList<>();
    for (int i = 1; i <= width; i++) {
      squares.add(Expr.pow(Expr.var("a" + i), 2));
      squares.add(Expr.mul(Expr.num(-1), Expr.pow(Expr.var("b" + i), 2)));
    }
    return List.of(new Invariant("Q", new Expr.Add(squares)), new Invariant("P", p()));
  }

  /** W_1 = a (a column of d rows), W_2 = b^T (one row). */
  @Override
  public List<List<List<String>>> layerWeights() {
    List<List<String>> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    for (int i = 1; i <= width; i++) {
      first.add(List.of("a" + i));
      second.add("b" + i);
    }
    return List.of(first, List.of(second));
  }
}

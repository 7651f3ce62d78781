package org.eoscheck.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;

/**
 * A deep linear network with matrix weights: dims = [n0, n1, ..., nL], W_l of size n_l x n_{l-1},
 * L(W) = |W_L ... W_1 - M|_F^2 / 2 for a target M of size nL x n0 (Craciun, Ghoshdastidar 2024).
 * The parameter of row i, column j of W_l is named {@code W<l>_<i>_<j>} (1-based).
 */
public record LinearNetwork(List<Integer> dims, List<List<Expr>> targetMatrix) implements DefinedModel {
  public LinearNetwork {
    dims = List.copyOf(dims);
    targetMatrix = targetMatrix.stream().map(List::copyOf).toList();
    if (dims.size() < 2) {
      throw new IllegalArgumentException("a linear network needs at least two dimensions (one layer)");
    }
    if (dims.stream().anyMatch(d -> d < 1)) {
      throw new IllegalArgumentException("every dimension must be at least 1");
    }
    int rows = dims.get(dims.size() - 1);
    int cols = dims.get(0);
    if (targetMatrix.size() != rows || targetMatrix.stream().anyMatch(r -> r.size() != cols)) {
      throw new IllegalArgumentException("the target matrix must be " + rows + " x " + cols);
    }
  }

  /** The default target: ones on the diagonal, zeros elsewhere. */
  public static List<List<Expr>> identityTarget(List<Integer> dims) {
    int rows = dims.get(dims.size() - 1);
    int cols = dims.get(0);
    List<List<Expr>> m = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < cols; j++) {
        row.add(i == j ? Exprs.ONE : Exprs.ZERO);
      }
      m.add(row);
    }
    return m;
  }

  public int layers() {
    return dims.size() - 1;
  }

  /** The name of entry (i, j) of W_l, all 1-based. */
  public static String weight(int l, int i, int j) {
    return org.eoscheck.certificate.Family.weight(l, i, j);
  }

  /** W_l as a matrix of variables. */
  public List<List<Expr>> layer(int l) {
    List<List<Expr>> w = new ArrayList<>();
    for (int i = 1; i <= dims.get(l); i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 1; j <= dims.get(l - 1); j++) {
        row.add(Expr.var(weight(l, i, j)));
      }
      w.add(row);
    }
    return w;
  }

  @Override
  public String family() {
    return "linear";
  }

  @Override
  public String description() {
    return "linear network, dims " + dims + ", " + layers() + " layer(s)";
  }

  @Override
  public String citation() {
    return "Craciun, Ghoshdastidar (2024)";
  }

  @Override
  public List<String> parameters() {
    List<String> p = new ArrayList<>();
    for (int l = 1; l <= layers(); l++) {
      for (int i = 1; i <= dims.get(l); i++) {
        for (int j = 1; j <= dims.get(l - 1); j++) {
          p.add(weight(l, i, j));
        }
      }
    }
    return p;
  }

  /** The end-to-end matrix W_L ... W_1. */
  public List<List<Expr>> endToEnd() {
    List<List<Expr>> product = layer(1);
    for (int l = 2; l <= layers(); l++) {
      product = org.eoscheck.certificate.Family.multiply(layer(l), product);
    }
    return product;
  }

  @Override
  public org.eoscheck.certificate.Family definition() {
    return org.eoscheck.certificate.Family.linear(dims, targetMatrix);
  }

  private boolean scalarChain() {
    return dims.stream().allMatch(d -> d == 1);
  }

  @Override
  public Optional<Expr> product() {
    boolean scalarOutput = dims.get(0) == 1 && dims.get(dims.size() - 1) == 1;
    return scalarOutput ? Optional.of(endToEnd().get(0).get(0)) : Optional.empty();
  }

  @Override
  public Optional<Expr> residual() {
    return product().map(p -> Expr.sub(p, targetMatrix.get(0).get(0)));
  }

  /** The balances of a chain of 1 x 1 layers (as the scalar network's); none known otherwise. */
  @Override
  public List<Invariant> invariants() {
    return dims.stream().allMatch(n -> n == 1) ? Model.balances(parameters()) : List.of();
  }

  @Override
  public List<List<List<String>>> layerWeights() {
    List<List<List<String>>> out = new ArrayList<>();
    for (int l = 1; l <= layers(); l++) {
      List<List<String>> w = new ArrayList<>();
      for (int i = 1; i <= dims.get(l); i++) {
        List<String> row = new ArrayList<>();
        for (int j = 1; j <= dims.get(l - 1); j++) {
          row.add(weight(l, i, j));
        }
        w.add(row);
      }
      out.add(w);
    }
    return out;
  }
}

package org.eoscheck.model;

import java.util.ArrayList;
import java.util.List;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;

/** Small helpers for matrices of expressions (row-major lists). */
public final class Matrices {
  private Matrices() {}

  public static List<List<Expr>> multiply(List<List<Expr>> a, List<List<Expr>> b) {
    return org.eoscheck.certificate.Family.multiply(a, b);
  }

  public static List<List<Expr>> transpose(List<List<Expr>> a) {
    List<List<Expr>> t = new ArrayList<>();
    for (int j = 0; j < a.get(0).size(); j++) {
      List<Expr> row = new ArrayList<>();
      for (List<Expr> r : a) {
        row.add(r.get(j));
      }
      t.add(row);
    }
    return t;
  }
}

package org.eoscheck.model;

import java.util.ArrayList;
import java.util.List;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;

/** Small helpers for matrices of expressions (row-major lists). */
public final class Matrices {
  private Matrices() {}

  public static List<List<Expr>> multiply(List<List<Expr>> a, List<List<Expr>> b) {
    int n = a.size();
    int k = b.size();
    int m = b.get(0).size();
    List<List<Expr>> c = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < m; j++) {
        List<Expr> terms = new ArrayList<>();
        for (int t = 0; t < k; t++) {
          terms.add(Expr.mul(a.get(i).get(t), b.get(t).get(j)));
        }
        row.add(Exprs.simplify(terms.size() == 1 ? terms.get(0) : new Expr.Add(terms)));
      }
      c.add(row);
    }
    return c;
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

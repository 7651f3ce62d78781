package org.eoscheck.expr;

/** {@code lhs op rhs}, e.g. a hypothesis or a claim of a lemma. */
public record Relation(Expr lhs, Rel op, Expr rhs) {
  public String text() {
    return lhs.text() + " " + op.symbol() + " " + rhs.text();
  }

  public Relation map(java.util.function.UnaryOperator<Expr> f) {
    return new Relation(f.apply(lhs), op, f.apply(rhs));
  }
}

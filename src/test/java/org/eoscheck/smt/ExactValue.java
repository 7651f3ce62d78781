package org.eoscheck.smt;

import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Relation;

/** Exact rational evaluation of rational expressions, to re-check solver models independently. */
final class ExactValue implements Expr.Visitor<BigFraction> {
  private final Map<String, BigFraction> point;

  private ExactValue(Map<String, BigFraction> point) {
    this.point = point;
  }

  static BigFraction of(Expr e, Map<String, BigFraction> point) {
    return e.accept(new ExactValue(point));
  }

  static boolean holds(Relation r, Map<String, BigFraction> point) {
    int c = of(r.lhs(), point).compareTo(of(r.rhs(), point));
    switch (r.op()) {
      case LE: return c <= 0;
      case LT: return c < 0;
      case GE: return c >= 0;
      case GT: return c > 0;
      default: return c == 0;
    }
  }

  public BigFraction num(Expr.Num e) {
    return e.value();
  }

  public BigFraction var(Expr.Var e) {
    BigFraction v = point.get(e.name());
    if (v == null) {
      throw new AssertionError("model lacks " + e.name());
    }
    return v;
  }

  public BigFraction add(Expr.Add e) {
    return e.terms().stream().map(t -> t.accept(this)).reduce(BigFraction.ZERO, BigFraction::add);
  }

  public BigFraction mul(Expr.Mul e) {
    return e.factors().stream().map(t -> t.accept(this)).reduce(BigFraction.ONE, BigFraction::multiply);
  }

  public BigFraction neg(Expr.Neg e) {
    return e.arg().accept(this).negate();
  }

  public BigFraction div(Expr.Div e) {
    return e.num().accept(this).divide(e.den().accept(this)); // throws at 0: undefined
  }

  public BigFraction pow(Expr.Pow e) {
    return e.base().accept(this).pow(e.exponent());
  }

  public BigFraction call(Expr.Call e) {
    throw new UnsupportedOperationException(e.fn().label());
  }

  public BigFraction gfsShift(Expr.GfsShift e) {
    throw new UnsupportedOperationException("gfsShift");
  }

  public BigFraction apply(Expr.Apply e) {
    throw new UnsupportedOperationException(e.name());
  }
}

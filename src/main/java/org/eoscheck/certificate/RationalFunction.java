package org.eoscheck.certificate;

import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Expr.Add;
import org.eoscheck.expr.Expr.Div;
import org.eoscheck.expr.Expr.Mul;
import org.eoscheck.expr.Expr.Neg;
import org.eoscheck.expr.Expr.Num;
import org.eoscheck.expr.Expr.Pow;
import org.eoscheck.expr.Expr.Var;

/**
 * num / den, two polynomials with den not the zero polynomial; never reduced. Built from an
 * expression by {@link #of}, the representation has the property the kernel relies on: at every
 * point where the expression is defined, den != 0 there and num/den equals its value (by
 * induction: the den of a/b is Da*Nb, non-zero where a, b are defined and b != 0).
 * Hence an identity of rational functions, checked by cross-multiplication, is an identity of
 * values at every point where all the expressions involved are defined.
 */
public record RationalFunction(Polynomial num, Polynomial den) {
  public RationalFunction {
    if (den.isZero()) {
      throw new IllegalArgumentException("zero denominator");
    }
  }

  public static RationalFunction constant(BigFraction c) {
    return new RationalFunction(Polynomial.constant(c), Polynomial.ONE);
  }

  /** The rational function of an expression of + - * / integer powers, numbers and variables. */
  public static RationalFunction of(Expr e) throws Rejected {
    if (e instanceof Num n) {
      return constant(n.value());
    }
    if (e instanceof Var v) {
      return new RationalFunction(Polynomial.variable(v.name()), Polynomial.ONE);
    }
    if (e instanceof Neg n) {
      return of(n.arg()).negate();
    }
    if (e instanceof Add a) {
      RationalFunction sum = of(a.terms().get(0));
      for (Expr t : a.terms().subList(1, a.terms().size())) {
        sum = sum.add(of(t));
      }
      return sum;
    }
    if (e instanceof Mul m) {
      RationalFunction product = constant(BigFraction.ONE);
      for (Expr f : m.factors()) {
        product = product.multiply(of(f));
      }
      return product;
    }
    if (e instanceof Div d) {
      return of(d.num()).multiply(of(d.den()).pow(-1));
    }
    if (e instanceof Pow p) {
      return of(p.base()).pow(p.exponent());
    }
    throw new Rejected("not a rational function: " + e.text());
  }

  public RationalFunction add(RationalFunction o) {
    if (den.equals(o.den)) {
      return new RationalFunction(num.add(o.num), den);
    }
    return new RationalFunction(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
  }

  public RationalFunction negate() {
    return new RationalFunction(num.negate(), den);
  }

  public RationalFunction multiply(RationalFunction o) {
    return new RationalFunction(num.multiply(o.num), den.multiply(o.den));
  }

  public RationalFunction scale(BigFraction c) {
    return new RationalFunction(num.scale(c), den);
  }

  /** this^n for any integer n (n &lt; 0 inverts; the zero function has no inverse). */
  public RationalFunction pow(int n) throws Rejected {
    if (n >= 0) {
      return new RationalFunction(num.pow(n), den.pow(n));
    }
    if (num.isZero()) {
      throw new Rejected("division by the zero polynomial");
    }
    return new RationalFunction(den.pow(-n), num.pow(-n));
  }

  /** Equality as rational functions: num * o.den == o.num * den. */
  public boolean sameAs(RationalFunction o) {
    return num.multiply(o.den).equals(o.num.multiply(den));
  }

  /** The constant c with this == c * o as rational functions, if there is one. */
  public Optional<BigFraction> ratioTo(RationalFunction o) {
    return Polynomial.constantRatio(num.multiply(o.den), o.num.multiply(den));
  }
}

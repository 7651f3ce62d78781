package org.eoscheck.certificate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * num / den with den = c * prod_f f^k_f a product of non-zero polynomial factors (each normalised:
 * its greatest monomial has coefficient 1, the constants gathered in c). Built from an expression
 * by {@link #of}, the representation has the property the kernel relies on: at every point where
 * the expression is defined, every factor of den is non-zero there and num/den equals its value
 * (by induction: the factors of a/b are those of a's and b's denominators and b's numerator, all
 * non-zero where a, b are defined and b != 0; a sum keeps, of each factor, the larger power of
 * its two terms' powers, the least common multiple, so again only factors of its terms).
 * Hence an identity of rational functions, checked by cross-multiplication, is an identity of
 * values at every point where all the expressions involved are defined.
 *
 * <p>Keeping the denominator as factors keeps identity checks small: a sum of many terms over
 * the same factors (the mean-value identities of deep networks) gets their least common
 * multiple, not the product of all their denominators; only the cofactors are multiplied out.
 */
public final class RationalFunction {
  private final Polynomial num;
  private final BigFraction constant;
  private final Map<Polynomial, Integer> factors;

  private RationalFunction(Polynomial num, BigFraction constant, Map<Polynomial, Integer> factors) {
    if (constant.signum() == 0) {
      throw new IllegalArgumentException("zero denominator");
    }
    this.num = num;
    this.constant = constant;
    this.factors = Map.copyOf(factors);
  }

  public static RationalFunction constant(BigFraction c) {
    return new RationalFunction(Polynomial.constant(c), BigFraction.ONE, Map.of());
  }

  /** The rational function of an expression of + - * / integer powers, numbers and variables. */
  public static RationalFunction of(Expr e) throws Rejected {
    if (e instanceof Num n) {
      return constant(n.value());
    }
    if (e instanceof Var v) {
      return new RationalFunction(Polynomial.variable(v.name()), BigFraction.ONE, Map.of());
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

  /** The numerator over {@link #den()}. */
  public Polynomial num() {
    return num;
  }

  /** The denominator multiplied out: c * prod f^k. */
  public Polynomial den() {
    Polynomial out = Polynomial.constant(constant);
    for (Map.Entry<Polynomial, Integer> e : sorted(factors)) {
      out = out.multiply(e.getKey().pow(e.getValue()));
    }
    return out;
  }

  public RationalFunction add(RationalFunction o) {
    Map<Polynomial, Integer> lcm = lcm(o);
    Polynomial sum = num.multiply(cofactor(lcm)).scale(constant.reciprocal())
        .add(o.num.multiply(o.cofactor(lcm)).scale(o.constant.reciprocal()));
    return new RationalFunction(sum, BigFraction.ONE, lcm);
  }

  public RationalFunction negate() {
    return new RationalFunction(num.negate(), constant, factors);
  }

  public RationalFunction multiply(RationalFunction o) {
    Map<Polynomial, Integer> product = new HashMap<>(factors);
    o.factors.forEach((f, k) -> product.merge(f, k, Integer::sum));
    return new RationalFunction(num.multiply(o.num), constant.multiply(o.constant), product);
  }

  public RationalFunction scale(BigFraction c) {
    return new RationalFunction(num.scale(c), constant, factors);
  }

  /** this^n for any integer n (n &lt; 0 inverts; the zero function has no inverse). */
  public RationalFunction pow(int n) throws Rejected {
    if (n >= 0) {
      Map<Polynomial, Integer> powered = new HashMap<>();
      factors.forEach((f, k) -> powered.put(f, k * n));
      return n == 0 ? constant(BigFraction.ONE)
          : new RationalFunction(num.pow(n), constant.pow(n), powered);
    }
    if (num.isZero()) {
      throw new Rejected("division by the zero polynomial");
    }
    Normalised d = normalise(num);
    Map<Polynomial, Integer> inverted = new HashMap<>();
    if (!d.factor().equals(Polynomial.ONE)) {
      inverted.put(d.factor(), 1);
    }
    // (c prod f^k / num)^(-n): num = d.scale * d.factor becomes the denominator
    RationalFunction inverse = new RationalFunction(den(), d.scale(), inverted);
    return inverse.pow(-n);
  }

  /** Equality as rational functions: num * (L / den) == o.num * (L / o.den), L their lcm. */
  public boolean sameAs(RationalFunction o) {
    Polynomial[] sides = overCommonDenominator(o);
    return sides[0].equals(sides[1]);
  }

  /** The constant c with this == c * o as rational functions, if there is one. */
  public Optional<BigFraction> ratioTo(RationalFunction o) {
    Polynomial[] sides = overCommonDenominator(o);
    return Polynomial.constantRatio(sides[0], sides[1]);
  }

  /** The numerators of this and o over the least common multiple of their denominators. */
  private Polynomial[] overCommonDenominator(RationalFunction o) {
    Map<Polynomial, Integer> lcm = lcm(o);
    return new Polynomial[] {num.multiply(cofactor(lcm)).scale(constant.reciprocal()),
        o.num.multiply(o.cofactor(lcm)).scale(o.constant.reciprocal())};
  }

  /** The least common multiple of the two denominators' factors: each at its larger power. */
  private Map<Polynomial, Integer> lcm(RationalFunction o) {
    Map<Polynomial, Integer> lcm = new HashMap<>(factors);
    o.factors.forEach((f, k) -> lcm.merge(f, k, Math::max));
    return lcm;
  }

  /** prod f^(m_f - k_f) over the factors f of {@code multiple} (each k_f its power here, or 0). */
  private Polynomial cofactor(Map<Polynomial, Integer> multiple) {
    Polynomial out = Polynomial.ONE;
    for (Map.Entry<Polynomial, Integer> e : sorted(multiple)) {
      int k = e.getValue() - factors.getOrDefault(e.getKey(), 0);
      if (k > 0) {
        out = out.multiply(e.getKey().pow(k));
      }
    }
    return out;
  }

  /** The factors in a fixed order (by text), so that products are built the same way each time. */
  private static List<Map.Entry<Polynomial, Integer>> sorted(Map<Polynomial, Integer> factors) {
    List<Map.Entry<Polynomial, Integer>> order = new ArrayList<>(factors.entrySet());
    order.sort(Comparator.comparing(e -> e.getKey().toString()));
    return order;
  }

  /** p = scale * factor with the greatest monomial of factor (by its text) of coefficient 1. */
  private record Normalised(BigFraction scale, Polynomial factor) {}

  private static Normalised normalise(Polynomial p) {
    Map.Entry<Polynomial.Monomial, BigFraction> lead = p.terms().entrySet().stream()
        .max(Comparator.comparing(e -> e.getKey().toString())).orElseThrow();
    BigFraction c = lead.getValue();
    return new Normalised(c, p.scale(c.reciprocal()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RationalFunction r && num.equals(r.num) && constant.equals(r.constant)
        && factors.equals(r.factors);
  }

  @Override
  public int hashCode() {
    return num.hashCode() * 31 + factors.hashCode();
  }

  @Override
  public String toString() {
    return "(" + num + ") / (" + den() + ")";
  }
}

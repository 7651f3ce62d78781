package org.eoscheck.certificate;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * A multivariate polynomial with exact rational coefficients, stored sparsely as a map from
 * monomials to non-zero coefficients. Two polynomials are equal iff their maps are equal, which
 * is exactly equality of polynomials (the representation is canonical).
 */
public final class Polynomial {
  /** x1^e1 * ... * xk^ek with every e_i &gt; 0, variables sorted by name. */
  public record Monomial(SortedMap<String, Integer> powers) {
    public static final Monomial ONE = new Monomial(new TreeMap<>());

    public Monomial {
      powers = Collections.unmodifiableSortedMap(new TreeMap<>(powers));
    }

    Monomial times(Monomial o) {
      TreeMap<String, Integer> p = new TreeMap<>(powers);
      o.powers.forEach((v, e) -> p.merge(v, e, Integer::sum));
      return new Monomial(p);
    }

    @Override
    public String toString() {
      return powers.isEmpty() ? "1" : powers.entrySet().stream()
          .map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + "^" + e.getValue())
          .collect(Collectors.joining("*"));
    }
  }

  public static final Polynomial ZERO = new Polynomial(Map.of());
  public static final Polynomial ONE = constant(BigFraction.ONE);

  private final Map<Monomial, BigFraction> terms;

  private Polynomial(Map<Monomial, BigFraction> terms) {
    this.terms = Collections.unmodifiableMap(terms);
  }

  public static Polynomial constant(BigFraction c) {
    return c.signum() == 0 ? ZERO : new Polynomial(Map.of(Monomial.ONE, c));
  }

  public static Polynomial variable(String name) {
    return new Polynomial(Map.of(new Monomial(new TreeMap<>(Map.of(name, 1))), BigFraction.ONE));
  }

  public Map<Monomial, BigFraction> terms() {
    return terms;
  }

  public boolean isZero() {
    return terms.isEmpty();
  }

  public Polynomial add(Polynomial o) {
    stopIfInterrupted();
    Map<Monomial, BigFraction> sum = new HashMap<>(terms);
    o.terms.forEach((m, c) -> sum.merge(m, c, BigFraction::add));
    sum.values().removeIf(c -> c.signum() == 0);
    return new Polynomial(sum);
  }

  public Polynomial negate() {
    return scale(BigFraction.ONE.negate());
  }

  public Polynomial subtract(Polynomial o) {
    return add(o.negate());
  }

  public Polynomial scale(BigFraction c) {
    if (c.signum() == 0) {
      return ZERO;
    }
    Map<Monomial, BigFraction> out = new HashMap<>();
    terms.forEach((m, a) -> out.put(m, a.multiply(c)));
    return new Polynomial(out);
  }

  public Polynomial multiply(Polynomial o) {
    Map<Monomial, BigFraction> product = new HashMap<>();
    terms.forEach((m1, c1) -> {
      stopIfInterrupted();
      o.terms.forEach((m2, c2) -> product.merge(m1.times(m2), c1.multiply(c2), BigFraction::add));
    });
    product.values().removeIf(c -> c.signum() == 0);
    return new Polynomial(product);
  }

  /** this^n for n &gt;= 0, by squaring. */
  public Polynomial pow(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative power of a polynomial");
    }
    Polynomial result = ONE;
    Polynomial square = this;
    for (int k = n; k > 0; k >>= 1) {
      if ((k & 1) == 1) {
        result = result.multiply(square);
      }
      if (k > 1) {
        square = square.multiply(square);
      }
    }
    return result;
  }

  /**
   * Long identity checks stop when their thread is interrupted (a check run out of time): the
   * computation is abandoned, no answer is given.
   */
  private static void stopIfInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("polynomial arithmetic interrupted");
    }
  }

  /** The value at a point giving every variable of the polynomial. */
  public BigFraction at(Map<String, BigFraction> point) {
    BigFraction sum = BigFraction.ZERO;
    for (Map.Entry<Monomial, BigFraction> t : terms.entrySet()) {
      BigFraction term = t.getValue();
      for (Map.Entry<String, Integer> p : t.getKey().powers().entrySet()) {
        term = term.multiply(point.get(p.getKey()).pow(p.getValue()));
      }
      sum = sum.add(term);
    }
    return sum;
  }

  /** The constant c with p == c * q, if there is one (q non-zero). */
  public static Optional<BigFraction> constantRatio(Polynomial p, Polynomial q) {
    if (q.isZero()) {
      return Optional.empty();
    }
    Map.Entry<Monomial, BigFraction> any = q.terms.entrySet().iterator().next();
    BigFraction c = p.terms.getOrDefault(any.getKey(), BigFraction.ZERO).divide(any.getValue());
    return p.equals(q.scale(c)) ? Optional.of(c) : Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Polynomial p && terms.equals(p.terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }

  @Override
  public String toString() {
    if (terms.isEmpty()) {
      return "0";
    }
    return new TreeMap<>(terms.entrySet().stream().collect(Collectors.toMap(
        e -> e.getKey().toString(), e -> ProofLog.rational(e.getValue()))))
        .entrySet().stream().map(e -> e.getValue() + "*" + e.getKey())
        .collect(Collectors.joining(" + "));
  }
}

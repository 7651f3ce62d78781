package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.Polynomial;
import org.eoscheck.certificate.RationalFunction;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;

/**
 * Division of a polynomial R by an expression h that occurs in it literally: with t standing for
 * h, R = R(t) = R(0) + t q(t), so R = R0 + q h with R0 = R(0) and q = q(h) both polynomials. On
 * the manifold h = 0 the remainder R0 is what must be shown (the kernel re-checks R = R0 + q h
 * exactly, {@link org.eoscheck.certificate.RayleighRule}).
 *
 * <p>When h does not occur literally but h = M - c for a monomial M and a constant c != 0 (such as
 * pi - 1), R is reduced modulo h instead: each term g M^k becomes g c^k, since M^k - c^k = (M - c) sum_{i &lt; k} M^i c^(k-1-i),
 * which goes into the quotient. (The normal form modulo one binomial: no term is left divisible
 * by M.)
 */
final class ManifoldRemainder {
  private static final String T = "manifold!t";

  private ManifoldRemainder() {}

  /** [q, R0], or empty when h does not occur or R(t) is not a polynomial over a constant. */
  static Optional<Expr[]> divide(Expr r, Expr h) {
    boolean[] found = {false};
    Expr rt = replace(r, h, found);
    return found[0] ? literal(rt, h) : binomial(r, h);
  }

  /** R0 reduced modulo h = +-(M - c): [q, R0'] with R0 = R0' + q h. */
  private static Optional<Expr[]> binomial(Expr r0, Expr h) {
    RationalFunction hf;
    RationalFunction rf;
    try {
      hf = RationalFunction.of(h);
      rf = RationalFunction.of(r0);
    } catch (Rejected notRational) {
      return Optional.empty();
    }
    if (!constant(hf.den()) || !constant(rf.den()) || hf.num().terms().size() != 2) {
      return Optional.empty();
    }
    BigFraction hd = hf.den().terms().get(Polynomial.Monomial.ONE);
    Polynomial.Monomial m = null;
    BigFraction mc = null;
    BigFraction c = null;
    for (Map.Entry<Polynomial.Monomial, BigFraction> t : hf.num().terms().entrySet()) {
      if (t.getKey().powers().isEmpty()) {
        c = t.getValue().divide(hd);
      } else {
        m = t.getKey();
        mc = t.getValue().divide(hd);
      }
    }
    if (m == null || c == null) {
      return Optional.empty();
    }
    // h = mc M + c = mc (M - c'), c' = -c / mc
    BigFraction cp = c.negate().divide(mc);
    BigFraction rd = rf.den().terms().get(Polynomial.Monomial.ONE);
    List<Expr> remainder = new ArrayList<>();
    List<Expr> quotient = new ArrayList<>();
    Expr monomial = expr(BigFraction.ONE, m.powers());
    boolean reduced = false;
    for (Map.Entry<Polynomial.Monomial, BigFraction> t : rf.num().terms().entrySet()) {
      TreeMap<String, Integer> rest = new TreeMap<>(t.getKey().powers());
      int k = Integer.MAX_VALUE;
      for (Map.Entry<String, Integer> e : m.powers().entrySet()) {
        k = Math.min(k, rest.getOrDefault(e.getKey(), 0) / e.getValue());
      }
      BigFraction g = t.getValue().divide(rd);
      if (k == 0) {
        remainder.add(expr(g, rest));
        continue;
      }
      reduced = true;
      for (Map.Entry<String, Integer> e : m.powers().entrySet()) {
        int left = rest.get(e.getKey()) - k * e.getValue();
        if (left == 0) {
          rest.remove(e.getKey());
        } else {
          rest.put(e.getKey(), left);
        }
      }
      remainder.add(expr(g.multiply(cp.pow(k)), rest));
      // g rest (M^k - c'^k) = (g rest / mc) (sum_{i<k} M^i c'^(k-1-i)) h
      for (int i = 0; i < k; i++) {
        quotient.add(Expr.mul(expr(g.multiply(cp.pow(k - 1 - i)).divide(mc), rest),
            i == 0 ? Expr.num(1) : i == 1 ? monomial : Expr.pow(monomial, i)));
      }
    }
    return reduced ? Optional.of(new Expr[] {sum(quotient), sum(remainder)}) : Optional.empty();
  }

  private static boolean constant(Polynomial p) {
    return p.terms().size() == 1 && p.terms().containsKey(Polynomial.Monomial.ONE);
  }

  private static Expr expr(BigFraction c, Map<String, Integer> powers) {
    List<Expr> factors = new ArrayList<>();
    factors.add(new Expr.Num(c));
    powers.forEach((v, e) -> factors.add(e == 1 ? Expr.var(v) : Expr.pow(Expr.var(v), e)));
    return Exprs.simplify(new Expr.Mul(factors));
  }

  /** R(t) with t for h, split by powers of t. */
  private static Optional<Expr[]> literal(Expr rt, Expr h) {
    RationalFunction f;
    try {
      f = RationalFunction.of(rt);
    } catch (Rejected notRational) {
      return Optional.empty();
    }
    Map<Polynomial.Monomial, BigFraction> den = f.den().terms();
    if (den.size() != 1 || !den.containsKey(Polynomial.Monomial.ONE)) {
      return Optional.empty();
    }
    BigFraction d = den.get(Polynomial.Monomial.ONE);
    List<Expr> remainder = new ArrayList<>();
    List<Expr> quotient = new ArrayList<>();
    f.num().terms().forEach((m, c) -> {
      TreeMap<String, Integer> powers = new TreeMap<>(m.powers());
      Integer k = powers.remove(T);
      List<Expr> factors = new ArrayList<>();
      factors.add(new Expr.Num(c.divide(d)));
      powers.forEach((v, e) -> factors.add(e == 1 ? Expr.var(v) : Expr.pow(Expr.var(v), e)));
      if (k != null && k > 1) {
        factors.add(k == 2 ? h : Expr.pow(h, k - 1));
      }
      (k == null ? remainder : quotient).add(new Expr.Mul(factors));
    });
    return Optional.of(new Expr[] {sum(quotient), sum(remainder)});
  }

  private static Expr sum(List<Expr> terms) {
    return terms.isEmpty() ? Expr.num(0) : Exprs.simplify(new Expr.Add(terms));
  }

  private static Expr replace(Expr e, Expr h, boolean[] found) {
    if (e.equals(h) || e.text().equals(h.text())) {
      found[0] = true;
      return Expr.var(T);
    }
    return Exprs.mapChildren(e, c -> replace(c, h, found));
  }
}

package org.eoscheck.certificate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;

/**
 * Exact determinants of matrices of polynomials, for {@code gdJacobianDet(x)} = det(I - eta
 * Hess L(x)), the Jacobian determinant of the GD map (Craciun, Ghoshdastidar 2024: the GD map is
 * non-singular when it is not the zero polynomial).
 *
 * <p>The elaborated statement is what a proof log certifies and replay does not re-derive it, so
 * the determinant is computed here with the kernel's exact polynomial arithmetic
 * ({@link Polynomial}), not by the computer-algebra system: Laplace expansion along the rows, each
 * minor (a set of remaining columns) computed once, n 2^(n-1) products for an n x n matrix.
 */
final class ExactDeterminant {
  /** 2^n minors are kept; beyond this size the table alone is too large. */
  static final int MAX_SIZE = 16;

  private ExactDeterminant() {}

  /** det(I - eta H) for a symmetric matrix H of polynomial expressions, multiplied out. */
  static Expr ofIdentityMinus(Expr eta, List<List<Expr>> h) throws InputException {
    int n = h.size();
    Polynomial scale = polynomial(eta);
    Polynomial[][] a = new Polynomial[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        Polynomial entry = scale.multiply(polynomial(h.get(i).get(j))).negate();
        a[i][j] = i == j ? Polynomial.ONE.add(entry) : entry;
      }
    }
    return expression(determinant(a));
  }

  /** The determinant of a square matrix of polynomials. */
  static Polynomial determinant(Polynomial[][] a) throws InputException {
    int n = a.length;
    if (n > MAX_SIZE) {
      throw new InputException("a determinant of size " + n + " is too large (at most "
          + MAX_SIZE + " parameters)");
    }
    return minor(a, (1 << n) - 1, new HashMap<>());
  }

  /** det of the last |columns| rows restricted to the columns in the bit set. */
  private static Polynomial minor(Polynomial[][] a, int columns, Map<Integer, Polynomial> memo) {
    if (columns == 0) {
      return Polynomial.ONE;
    }
    Polynomial known = memo.get(columns);
    if (known != null) {
      return known;
    }
    int row = a.length - Integer.bitCount(columns);
    Polynomial det = Polynomial.ZERO;
    boolean plus = true;
    for (int j = 0; j < a.length; j++) {
      if ((columns >> j & 1) == 0) {
        continue;
      }
      if (!a[row][j].isZero()) {
        Polynomial term = a[row][j].multiply(minor(a, columns & ~(1 << j), memo));
        det = plus ? det.add(term) : det.subtract(term);
      }
      plus = !plus;
    }
    memo.put(columns, det);
    return det;
  }

  /** An expression of + - * / integer powers that is a polynomial, as a {@link Polynomial}. */
  static Polynomial polynomial(Expr e) throws InputException {
    RationalFunction r;
    try {
      r = RationalFunction.of(e);
    } catch (Rejected notRational) {
      throw new InputException("gdJacobianDet needs a polynomial loss: " + notRational.getMessage());
    }
    Optional<BigFraction> inverse = Polynomial.constantRatio(Polynomial.ONE, r.den());
    if (inverse.isEmpty()) {
      throw new InputException("gdJacobianDet needs a polynomial loss, and its Hessian has the"
          + " entry " + e.text());
    }
    return r.num().scale(inverse.get());
  }

  /** The polynomial as a sum of terms c * x^i * y^j, by degree and then by name. */
  static Expr expression(Polynomial p) {
    List<Map.Entry<Polynomial.Monomial, BigFraction>> terms = new ArrayList<>(p.terms().entrySet());
    terms.sort(Comparator.comparingInt((Map.Entry<Polynomial.Monomial, BigFraction> t) ->
        t.getKey().powers().values().stream().mapToInt(Integer::intValue).sum())
        .thenComparing(t -> t.getKey().toString()));
    List<Expr> out = new ArrayList<>();
    for (Map.Entry<Polynomial.Monomial, BigFraction> t : terms) {
      List<Expr> factors = new ArrayList<>();
      BigFraction c = t.getValue();
      if (!c.abs().equals(BigFraction.ONE) || t.getKey().powers().isEmpty()) {
        factors.add(new Expr.Num(c.abs()));
      }
      t.getKey().powers().forEach((v, k) ->
          factors.add(k == 1 ? Expr.var(v) : Expr.pow(Expr.var(v), k)));
      Expr m = factors.size() == 1 ? factors.get(0) : new Expr.Mul(factors);
      out.add(c.signum() < 0 ? new Expr.Neg(m) : m);
    }
    return out.isEmpty() ? Exprs.ZERO : out.size() == 1 ? out.get(0) : new Expr.Add(out);
  }
}

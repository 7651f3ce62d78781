package org.eoscheck.certificate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Fn;
import org.eoscheck.expr.SymmetricEigen;

/**
 * The top and bottom eigenvalue of a symmetric matrix known up to intervals: the meaning of
 * {@code eigmax} and {@code eigmin} (the upper triangle, row by row), and so of the lemma
 * language's lambdaMax(x) and lambdaMin(x). One implementation, used by the kernel's certified
 * evaluator and, through it, by the prover.
 *
 * <p>For every symmetric H whose entries lie in the intervals (H = M + E, M the exact midpoint
 * matrix, |E_ij| &lt;= R_ij the radii):
 * <ul>
 * <li>lower bound: lambdaMax(H) &gt;= v^T H v / v^T v for any v != 0 (Rayleigh), the numerator
 *     enclosed by interval arithmetic over the entries; also H_ii (v = e_i);
 * <li>upper bound: lambdaMax(H) &lt;= lambdaMax(M) + ||E||_2 (Weyl) &lt;= c + min(max_i sum_j R_ij,
 *     ||R||_F), where c is a rational with c I - M positive semidefinite, checked by an exact
 *     LDL^T factorisation ({@link #definiteness}); also Gershgorin's max_i (H_ii + sum_j |H_ij|).
 * </ul>
 * lambdaMin(H) = -lambdaMax(-H). The witness v and the candidates c come from a Jacobi
 * eigen-decomposition of M in doubles, refined by inverse iteration in decimals when more than
 * 15 digits are asked for; they are never trusted: any v and any checked c give a sound bound.
 * Nice witnesses (a v with small-denominator entries, c a small-denominator rational) are tried
 * too, so that a matrix with a rational top eigenvalue and eigenvector gets an exact enclosure.
 */
public final class SymmetricSpectrum {
  private static final int NICE_DENOMINATOR = 1000;
  private final int digits;
  private final MathContext down;
  private final MathContext up;

  public SymmetricSpectrum(int digits) {
    this.digits = digits;
    this.down = new MathContext(digits, RoundingMode.FLOOR);
    this.up = new MathContext(digits, RoundingMode.CEILING);
  }

  /** Encloses lambdaMax over every symmetric matrix with its upper triangle in {@code upper}. */
  public CertifiedInterval top(List<CertifiedInterval> upper) {
    int n = order(upper.size());
    CertifiedInterval[][] h = new CertifiedInterval[n][n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        h[i][j] = upper.get(k++);
        h[j][i] = h[i][j];
      }
    }
    BigDecimal lo = null;
    BigDecimal hi = null;
    BigDecimal half = new BigDecimal("0.5");
    BigDecimal[][] mid = new BigDecimal[n][n];
    BigDecimal[][] rad = new BigDecimal[n][n];
    for (int i = 0; i < n; i++) {
      BigDecimal row = h[i][i].hi();
      for (int j = 0; j < n; j++) {
        mid[i][j] = h[i][j].lo().add(h[i][j].hi()).multiply(half);
        rad[i][j] = h[i][j].hi().subtract(mid[i][j]);
        if (j != i) {
          row = row.add(h[i][j].magnitude());
        }
      }
      lo = lo == null ? h[i][i].lo() : lo.max(h[i][i].lo());
      hi = hi == null ? row.round(up) : hi.max(row.round(up));
    }
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = mid[i][j].doubleValue();
        if (!Double.isFinite(m[i][j])) {
          return new CertifiedInterval(lo, hi);
        }
      }
    }
    SymmetricEigen.Pair top = SymmetricEigen.top(m);
    if (top == null) {
      return new CertifiedInterval(lo, hi);
    }
    List<BigDecimal[]> witnesses = new ArrayList<>();
    BigDecimal[] v = new BigDecimal[n];
    for (int i = 0; i < n; i++) {
      v[i] = new BigDecimal(top.vector()[i]);
    }
    nice(top.vector()).ifPresent(witnesses::add);
    BigDecimal mu = new BigDecimal(top.value());
    if (digits > 15) {
      MathContext mc = new MathContext(digits + 10, RoundingMode.HALF_EVEN);
      for (int it = 0; it < 2 + Integer.numberOfTrailingZeros(Integer.highestOneBit(digits / 15));
          it++) {
        BigDecimal[] x = solveShifted(mid, mu, v, mc);
        if (x == null) {
          break;
        }
        v = x;
        mu = rayleigh(mid, v, mc);
      }
    }
    witnesses.add(v);
    for (BigDecimal[] w : witnesses) {
      Optional<BigDecimal> q = rayleighLower(h, w);
      if (q.isPresent()) {
        lo = lo.max(q.get());
      }
    }
    BigDecimal perturbation = perturbation(rad);
    for (BigFraction c : candidates(mu)) {
      if (definiteness(shifted(c, mid)) >= 0) {
        hi = hi.min(new BigDecimal(c.getNumerator()).divide(new BigDecimal(c.getDenominator()), up)
            .add(perturbation, up));
        break;
      }
    }
    return new CertifiedInterval(lo, hi);
  }

  /** Encloses lambdaMin: -lambdaMax(-H). */
  public CertifiedInterval bottom(List<CertifiedInterval> upper) {
    return top(upper.stream().map(CertifiedInterval::negate).toList()).negate();
  }

  /**
   * The top eigenvalue of a rational symmetric matrix (upper triangle) when it is rational and
   * found: a rational c such that c I - H is positive semidefinite and singular is lambdaMax(H)
   * (c &gt;= every eigenvalue, and c is one).
   */
  public static Optional<BigFraction> exactTop(List<BigFraction> upper) {
    int n = order(upper.size());
    BigFraction[][] h = full(upper, n);
    // the candidate: the simplest rational inside a 60-digit enclosure (a rational eigenvalue
    // p/q with q up to about 10^27 is the simplest one there); never trusted, checked below
    SymmetricSpectrum precise = new SymmetricSpectrum(60);
    List<CertifiedInterval> points = new ArrayList<>();
    for (BigFraction q : upper) {
      points.add(new CertifiedInterval(
          new BigDecimal(q.getNumerator()).divide(new BigDecimal(q.getDenominator()), precise.down),
          new BigDecimal(q.getNumerator()).divide(new BigDecimal(q.getDenominator()), precise.up)));
    }
    CertifiedInterval e = precise.top(points);
    BigFraction c = simplestBetween(CertifiedInterval.exact(e.lo()), CertifiedInterval.exact(e.hi()));
    BigFraction[][] a = new BigFraction[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = (i == j ? c : BigFraction.ZERO).subtract(h[i][j]);
      }
    }
    return definiteness(a) == 0 ? Optional.of(c) : Optional.empty();
  }

  /** The rational with the least denominator in [a, b] (continued fractions). */
  static BigFraction simplestBetween(BigFraction a, BigFraction b) {
    if (a.signum() <= 0 && b.signum() >= 0) {
      return BigFraction.ZERO;
    }
    if (b.signum() < 0) {
      return simplestBetween(b.negate(), a.negate()).negate();
    }
    BigFraction n = BigFraction.of(floor(a));
    if (n.equals(a)) {
      return a;
    }
    if (n.add(1).compareTo(b) <= 0) {
      return n.add(1);
    }
    return n.add(simplestBetween(b.subtract(n).reciprocal(), a.subtract(n).reciprocal())
        .reciprocal());
  }

  private static java.math.BigInteger floor(BigFraction q) {
    java.math.BigInteger num = q.getNumerator();
    java.math.BigInteger den = q.getDenominator();
    if (den.signum() < 0) {
      num = num.negate();
      den = den.negate();
    }
    java.math.BigInteger[] qr = num.divideAndRemainder(den);
    return num.signum() < 0 && qr[1].signum() != 0 ? qr[0].subtract(java.math.BigInteger.ONE)
        : qr[0];
  }

  /** The bottom eigenvalue when found exactly: -lambdaMax(-H). */
  public static Optional<BigFraction> exactBottom(List<BigFraction> upper) {
    return exactTop(upper.stream().map(BigFraction::negate).toList()).map(BigFraction::negate);
  }

  private static int order(int entries) {
    int n = Fn.matrixOrder(entries);
    if (n < 1) {
      throw new IllegalArgumentException("not the upper triangle of a square matrix: " + entries
          + " entries");
    }
    return n;
  }

  private static BigFraction[][] full(List<BigFraction> upper, int n) {
    BigFraction[][] h = new BigFraction[n][n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        h[i][j] = upper.get(k++);
        h[j][i] = h[i][j];
      }
    }
    return h;
  }

  /**
   * Exact LDL^T of a symmetric rational matrix, without pivoting: 1 if positive definite (every
   * pivot &gt; 0), 0 if positive semidefinite and singular, -1 if not positive semidefinite. A
   * zero pivot of a PSD matrix has a zero row (else a 2 x 2 principal minor is negative), and the
   * Schur complement of a positive pivot is PSD iff the matrix is, so the test is exact.
   */
  static int definiteness(BigFraction[][] matrix) {
    int n = matrix.length;
    BigFraction[][] a = new BigFraction[n][];
    for (int i = 0; i < n; i++) {
      a[i] = matrix[i].clone();
    }
    int result = 1;
    for (int k = 0; k < n; k++) {
      int s = a[k][k].signum();
      if (s < 0) {
        return -1;
      }
      if (s == 0) {
        for (int j = k + 1; j < n; j++) {
          if (a[k][j].signum() != 0) {
            return -1;
          }
        }
        result = 0;
        continue;
      }
      for (int i = k + 1; i < n; i++) {
        if (a[i][k].signum() == 0) {
          continue;
        }
        BigFraction f = a[i][k].divide(a[k][k]);
        for (int j = k + 1; j < n; j++) {
          a[i][j] = a[i][j].subtract(f.multiply(a[k][j]));
        }
      }
    }
    return result;
  }

  /** c I - M, exactly. */
  private static BigFraction[][] shifted(BigFraction c, BigDecimal[][] mid) {
    int n = mid.length;
    BigFraction[][] a = new BigFraction[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        BigFraction mij = CertifiedInterval.exact(mid[i][j]);
        a[i][j] = i == j ? c.subtract(mij) : mij.negate();
      }
    }
    return a;
  }

  /** Candidate upper bounds c, smallest first: a nice rational at mu, then mu plus a slack. */
  private List<BigFraction> candidates(BigDecimal mu) {
    List<BigFraction> out = new ArrayList<>();
    double m = mu.doubleValue();
    simplest(m, 1e-9 * Math.max(1, Math.abs(m))).ifPresent(out::add);
    BigDecimal scale = mu.abs().max(BigDecimal.ONE);
    int first = Math.min(digits, 15) - 3;
    if (digits > 15) {
      first = digits - 3;
    }
    for (int e = first; e > 0; e -= Math.max(1, first / 4)) {
      out.add(CertifiedInterval.exact(mu.add(scale.scaleByPowerOfTen(-e))));
    }
    out.add(CertifiedInterval.exact(mu.add(scale)));
    return out;
  }

  /** ||E||_2 &lt;= min(max row sum of R, ||R||_F) for |E_ij| &lt;= R_ij, E symmetric; rounded up. */
  private BigDecimal perturbation(BigDecimal[][] rad) {
    BigDecimal rows = BigDecimal.ZERO;
    BigDecimal squares = BigDecimal.ZERO;
    for (BigDecimal[] row : rad) {
      BigDecimal sum = BigDecimal.ZERO;
      for (BigDecimal r : row) {
        sum = sum.add(r);
        squares = squares.add(r.multiply(r));
      }
      rows = rows.max(sum);
    }
    if (squares.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal root = squares.sqrt(up);
    while (root.multiply(root).compareTo(squares) < 0) {
      root = root.add(BigDecimal.ONE.scaleByPowerOfTen(root.precision() - root.scale() - digits));
    }
    return rows.round(up).min(root);
  }

  /** A lower bound of v^T H v / v^T v over the interval matrix H, or empty for v = 0. */
  private Optional<BigDecimal> rayleighLower(CertifiedInterval[][] h, BigDecimal[] v) {
    int n = v.length;
    BigDecimal norm = BigDecimal.ZERO;
    BigDecimal num = BigDecimal.ZERO;
    for (int i = 0; i < n; i++) {
      norm = norm.add(v[i].multiply(v[i]));
      for (int j = i; j < n; j++) {
        BigDecimal w = v[i].multiply(v[j]);
        if (j != i) {
          w = w.add(w);
        }
        num = num.add(w.signum() >= 0 ? w.multiply(h[i][j].lo()) : w.multiply(h[i][j].hi()));
      }
    }
    return norm.signum() == 0 ? Optional.empty() : Optional.of(num.divide(norm, down));
  }

  /** v^T M v / v^T v, rounded (an estimate). */
  private static BigDecimal rayleigh(BigDecimal[][] m, BigDecimal[] v, MathContext mc) {
    BigDecimal num = BigDecimal.ZERO;
    BigDecimal norm = BigDecimal.ZERO;
    for (int i = 0; i < v.length; i++) {
      norm = norm.add(v[i].multiply(v[i], mc), mc);
      for (int j = 0; j < v.length; j++) {
        num = num.add(v[i].multiply(m[i][j], mc).multiply(v[j], mc), mc);
      }
    }
    return num.divide(norm, mc);
  }

  /**
   * One step of inverse iteration: x solving (M - mu I) x = v by Gaussian elimination with
   * partial pivoting, scaled to max |x_i| = 1; null when the system is exactly singular.
   */
  private static BigDecimal[] solveShifted(BigDecimal[][] m, BigDecimal mu, BigDecimal[] v,
      MathContext mc) {
    int n = v.length;
    BigDecimal[][] a = new BigDecimal[n][n + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = i == j ? m[i][j].subtract(mu, mc) : m[i][j];
      }
      a[i][n] = v[i];
    }
    for (int k = 0; k < n; k++) {
      int p = k;
      for (int i = k + 1; i < n; i++) {
        if (a[i][k].abs().compareTo(a[p][k].abs()) > 0) {
          p = i;
        }
      }
      if (a[p][k].signum() == 0) {
        return null;
      }
      BigDecimal[] t = a[k];
      a[k] = a[p];
      a[p] = t;
      for (int i = k + 1; i < n; i++) {
        BigDecimal f = a[i][k].divide(a[k][k], mc);
        for (int j = k; j <= n; j++) {
          a[i][j] = a[i][j].subtract(f.multiply(a[k][j], mc), mc);
        }
      }
    }
    BigDecimal[] x = new BigDecimal[n];
    BigDecimal max = BigDecimal.ZERO;
    for (int i = n - 1; i >= 0; i--) {
      BigDecimal s = a[i][n];
      for (int j = i + 1; j < n; j++) {
        s = s.subtract(a[i][j].multiply(x[j], mc), mc);
      }
      x[i] = s.divide(a[i][i], mc);
      max = max.max(x[i].abs());
    }
    if (max.signum() == 0) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      x[i] = x[i].divide(max, mc);
    }
    return x;
  }

  /** The witness scaled to max |v_i| = 1 with each entry a nearby small-denominator rational. */
  private static Optional<BigDecimal[]> nice(double[] v) {
    double max = 0;
    for (double x : v) {
      max = Math.max(max, Math.abs(x));
    }
    if (max == 0) {
      return Optional.empty();
    }
    BigDecimal[] out = new BigDecimal[v.length];
    MathContext mc = new MathContext(30, RoundingMode.HALF_EVEN);
    for (int i = 0; i < v.length; i++) {
      Optional<BigFraction> q = simplest(v[i] / max, 1e-9);
      if (q.isEmpty()) {
        return Optional.empty();
      }
      out[i] = new BigDecimal(q.get().getNumerator()).divide(new BigDecimal(q.get().getDenominator()),
          mc);
    }
    return Optional.of(out);
  }

  /** A rational with denominator at most 1000 within tol of x (continued fractions), if any. */
  static Optional<BigFraction> simplest(double x, double tol) {
    if (!Double.isFinite(x) || Math.abs(x) > 1e12) {
      return Optional.empty();
    }
    long p0 = 1;
    long q0 = 0;
    long p1 = (long) Math.floor(x);
    long q1 = 1;
    double r = x - Math.floor(x);
    for (int i = 0; i < 40 && q1 <= NICE_DENOMINATOR; i++) {
      if (Math.abs((double) p1 / q1 - x) <= tol) {
        return Optional.of(BigFraction.of(p1, q1));
      }
      if (r < 1e-15) {
        break;
      }
      double inv = 1 / r;
      long a = (long) Math.floor(inv);
      r = inv - a;
      long p2 = a * p1 + p0;
      long q2 = a * q1 + q0;
      p0 = p1;
      q0 = q1;
      p1 = p2;
      q1 = q2;
    }
    return Optional.empty();
  }
}

package org.eoscheck.certificate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eoscheck.certificate.CertifiedEvaluator.Undefined;
import org.eoscheck.expr.Fn;

/**
 * Certified enclosures of exp, log, sin, cos and tanh over intervals with decimal endpoints, for
 * {@link CertifiedEvaluator}. Everything is interval arithmetic on BigDecimal at a working
 * precision p = digits + {@value #GUARD} (exp: more, see below), lower ends rounded FLOOR and
 * upper ends CEILING, so every intermediate interval contains the exact real it stands for; the
 * result is rounded outward to the evaluator's digits. Constants and reductions are intervals
 * too, so no step assumes more than it computed.
 *
 * <p><b>Series.</b> {@link #sum} adds the terms t_n0, ..., t_(N-1) of a series (each an interval
 * containing the exact term for every argument in the argument's interval) and then [-c m, c m],
 * m the magnitude of t_N, where N is the first index with |t_N| &lt;= |t_n0| 10^-p. The result
 * contains the series' value whenever its tail from index N is at most c |t_N| for every N; each
 * use proves that bound (Taylor's theorem with the Lagrange remainder, or a geometric tail):
 * <ul>
 * <li>e^r = sum r^n/n!, |r| &lt;= 1: the tail is e^xi r^N/N! for some |xi| &lt;= |r|, at most
 *     e |t_N| &lt;= 3 |t_N|. The same series from n = 1 gives e^r - 1 without cancellation.
 * <li>sin r = sum (-1)^n r^(2n+1)/(2n+1)!, cos r = sum (-1)^n r^(2n)/(2n)!, any r: the terms
 *     below index N form the Taylor polynomial of degree 2N (sin) or 2N - 1 (cos), the next
 *     coefficient being 0, and every derivative is at most 1 in absolute value, so the tail is at
 *     most |r|^(2N+1)/(2N+1)! resp. |r|^(2N)/(2N)!, that is |t_N|: c = 1.
 * <li>atan z = sum (-1)^n z^(2n+1)/(2n+1), |z| &lt;= 1: integrating
 *     1/(1 + t^2) = sum_(n&lt;N) (-t^2)^n + (-t^2)^N/(1 + t^2) from 0 to z, the tail is at most
 *     |z|^(2N+1)/(2N+1) = |t_N|: c = 1.
 * <li>atanh z = sum z^(2n+1)/(2n+1), |z| &lt;= 1/2: the tail is at most
 *     |t_N| (1 + z^2 + z^4 + ...) = |t_N|/(1 - z^2) &lt;= 2 |t_N|.
 * </ul>
 *
 * <p><b>Constants</b> (at p + 10 digits, once per precision): pi = 16 atan(1/5) - 4 atan(1/239)
 * (Machin), and by log((1 + z)/(1 - z)) = 2 atanh z: log 2 = 2 atanh(1/3),
 * log 10 = 3 log 2 + 2 atanh(1/9) (10 = 8 * 5/4), log(1 + j/8) = 2 atanh(j/(16 + j)) for
 * j = -2..3.
 *
 * <p><b>exp.</b> At a point x with |x| &lt;= 2^20: r = x/2^k with k such that |r| &lt;= 2^-12,
 * e^r by its series, then e^x = (e^r)^(2^k) by k squarings of a positive interval (squaring is
 * increasing on [0, oo)). Each squaring at most doubles the relative width, so p grows by
 * 0.31 k digits. Over [a, b]: exp increases, so the range is [lower e^a, upper e^b]. For
 * b &gt; 2^20 the evaluation fails (e^(2^20) ~ 10^455391: the work is capped, not the soundness);
 * for a &lt; -2^20 the lower end is 0 and for b &lt; -2^20 the upper end is that of e^(-2^20).
 *
 * <p><b>log</b> (only for a &gt; 0; the evaluator refuses the rest as possibly undefined): at a
 * point x = m 2^i 10^e exactly: i = e = 0 if x is in [0.7, 1.4]; else 10^e &lt;= x &lt; 10^(e+1)
 * and i = round(log2(x 10^-e)), so m lies in about [0.707, 1.415]. With c = 1 + j/8,
 * j = round(8 (m - 1)) in -2..3, log m = log c + log(m/c) = log c + 2 atanh z,
 * z = (m - c)/(m + c), |z| &lt; 0.05 (checked &lt;= 1/2), so log x = 2 atanh z + log c + i log 2 +
 * e log 10. Any i, e and j would be sound (the split is exact); they only keep |z| small. At
 * x = 1 everything is 0 exactly. Over [a, b]: log increases.
 *
 * <p><b>tanh</b> is odd, so take x &gt;= 0; with u = e^(2x) - 1 &gt;= 0, tanh x = u/(u + 2), which
 * increases in u, so [l/(l + 2), h/(h + 2)] for u in [l, h] (l clipped to 0, the sums u + 2
 * rounded to make the quotients smaller resp. larger). For 2x &lt;= 1/2, u comes from the series
 * of e^r - 1 (so tanh keeps its relative accuracy near 0), else u = e^(2x) - 1. For
 * 2x &gt; 2^20: [lower tanh(2^19), 1]. Over [a, b]: tanh increases.
 *
 * <p><b>sin, cos.</b> Write f(x) = sin(x + s pi/2), s = 0 (sin) or 1 (cos). At a point with
 * |x| &lt;= 2^20: n = round(x/(pi/2)) (any integer would be sound), r = x - n pi/2 as an interval
 * (|r| &lt;= pi/4 + a rounding), and f(x) = sin(r + q pi/2), q = (n + s) mod 4, which is sin r,
 * cos r, -sin r, -cos r for q = 0, 1, 2, 3. Over [a, b]: f is monotone between consecutive
 * critical points c_j = j pi/2, j = 2k + 1 - s, where f(c_j) = (-1)^k; so its range is the hull
 * of f(a), f(b) and (-1)^k for every c_j in [a, b]. A c_j in [a, b] has a/(pi/2) &lt;= j &lt;=
 * b/(pi/2); the candidates j run from floor(q_a) - 1 to ceil(q_b) + 1, where q_a, q_b are those
 * quotients computed to 30 digits with the lower end of pi/2 (error below 10^-20 for |a|, |b|
 * &lt;= 2^20, so no c_j in [a, b] is missed). Each candidate c_j is then tested as an interval,
 * and one that may lie in [a, b] counts as inside (that only widens). The result is clipped to
 * [-1, 1]. If b - a &gt;= 6 (&lt; 2 pi), or |a| or |b| exceeds 2^20, the range is [-1, 1].
 */
final class Elementary {
  /** Guard digits of the working precision beyond the evaluator's. */
  static final int GUARD = 10;
  /** 2^20: exp fails above it; sin and cos are [-1, 1] beyond it. */
  static final BigDecimal LIMIT = BigDecimal.valueOf(1 << 20);
  /** exp reduces its argument to |r| &lt;= 2^-REDUCTION. */
  private static final int REDUCTION = 12;
  private static final BigDecimal SMALL = BigDecimal.ONE.divide(BigDecimal.valueOf(1 << REDUCTION));
  private static final BigDecimal HALF = new BigDecimal("0.5");
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  private static final BigDecimal EIGHT = BigDecimal.valueOf(8);
  /** log takes its argument unreduced in [0.7, 1.4]. */
  private static final CertifiedInterval NEAR_ONE = new CertifiedInterval(new BigDecimal("0.7"), new BigDecimal("1.4"));
  private static final CertifiedInterval UNIT = new CertifiedInterval(BigDecimal.ONE.negate(), BigDecimal.ONE);
  private static final Map<Integer, Constants> CONSTANTS = new ConcurrentHashMap<>();

  private final MathContext down;
  private final MathContext up;
  /** The working precision p and its roundings. */
  private final Work work;
  /**
   * Point enclosures already computed by this instance (each a function of its argument alone,
   * so the memo only saves work: a proof-log leaf meets the same few endpoints hundreds of times).
   */
  private final Map<Point, CertifiedInterval> memo = new ConcurrentHashMap<>();
  private static final int MEMO_SIZE = 4096;

  private record Point(Fn f, BigDecimal x) {}

  /** Enclosures rounded outward to {@code digits} significant digits. */
  Elementary(int digits) {
    this.down = new MathContext(digits, RoundingMode.FLOOR);
    this.up = new MathContext(digits, RoundingMode.CEILING);
    this.work = new Work(digits + GUARD);
  }

  /** pi, pi/2, log 2 and log 10 at a given precision. */
  private record Constants(CertifiedInterval pi, CertifiedInterval halfPi, CertifiedInterval log2,
      CertifiedInterval log10, List<CertifiedInterval> logEighths) {
    static Constants at(int precision) {
      Work w = new Work(precision);
      CertifiedInterval pi = times(w.atan(w.quotient(BigDecimal.ONE, BigDecimal.valueOf(5))), 16)
          .add(times(w.atan(w.quotient(BigDecimal.ONE, BigDecimal.valueOf(239))), -4), w.down, w.up);
      CertifiedInterval log2 = w.logOf(w.quotient(BigDecimal.ONE, BigDecimal.valueOf(3)));
      CertifiedInterval log10 = times(log2, 3).add(w.logOf(w.quotient(BigDecimal.ONE, BigDecimal.valueOf(9))),
          w.down, w.up);
      List<CertifiedInterval> logEighths = new ArrayList<>();
      for (int j = -2; j <= 3; j++) {
        logEighths.add(w.logOf(w.quotient(BigDecimal.valueOf(j), BigDecimal.valueOf(16 + j))));
      }
      return new Constants(pi, pi.multiply(point(HALF), w.down, w.up), log2, log10, List.copyOf(logEighths));
    }

    /** log(1 + j/8), j = -2..3. */
    CertifiedInterval logEighth(int j) {
      return logEighths.get(j + 2);
    }
  }

  /** The constants at {@code digits + GUARD + 10}: trig reduction loses up to 7 digits. */
  private Constants constants() {
    return CONSTANTS.computeIfAbsent(work.precision + 10, Constants::at);
  }

  // ---- the functions over intervals ----

  /** e^x over x; fails (undefined) if x may exceed 2^20. */
  CertifiedInterval exp(CertifiedInterval x) throws Undefined {
    if (x.hi().compareTo(LIMIT) > 0) {
      throw new Undefined("exp of a number possibly above 2^20 (the kernel's limit)");
    }
    if (x.hi().compareTo(LIMIT.negate()) < 0) {
      return rounded(BigDecimal.ZERO, at(Fn.EXP, LIMIT.negate()).hi());
    }
    return x.lo().compareTo(LIMIT.negate()) < 0 ? rounded(BigDecimal.ZERO, at(Fn.EXP, x.hi()).hi())
        : hull(Fn.EXP, x);
  }

  /** log x over x with x.lo() &gt; 0 (the caller refuses the rest as possibly undefined). */
  CertifiedInterval log(CertifiedInterval x) {
    if (x.lo().signum() <= 0) {
      throw new IllegalArgumentException("log needs a positive interval, not " + x);
    }
    return hull(Fn.LOG, x);
  }

  /** tanh x over x. */
  CertifiedInterval tanh(CertifiedInterval x) {
    return hull(Fn.TANH, x);
  }

  CertifiedInterval sin(CertifiedInterval x) {
    return periodic(x, 0);
  }

  CertifiedInterval cos(CertifiedInterval x) {
    return periodic(x, 1);
  }

  /** f over x for an increasing f: [lower f(lo), upper f(hi)]. */
  private CertifiedInterval hull(Fn f, CertifiedInterval x) {
    return rounded(at(f, x.lo()).lo(), at(f, x.hi()).hi());
  }

  private CertifiedInterval rounded(BigDecimal lo, BigDecimal hi) {
    return new CertifiedInterval(lo.round(down), hi.round(up));
  }

  // ---- point enclosures at the working precision ----

  /** The enclosure of f at the point x, memoised. */
  private CertifiedInterval at(Fn f, BigDecimal x) {
    Point key = new Point(f, x);
    CertifiedInterval r = memo.get(key);
    if (r == null) {
      switch (f) {
        case EXP:
          r = expAt(x);
          break;
        case LOG:
          r = logAt(x);
          break;
        case TANH:
          r = tanhAt(x);
          break;
        case SIN:
          r = sinAt(x, 0);
          break;
        case COS:
          r = sinAt(x, 1);
          break;
        default:
          throw new IllegalArgumentException("not an elementary function here: " + f.label());
      }
      if (memo.size() >= MEMO_SIZE) {
        memo.clear();
      }
      memo.put(key, r);
    }
    return r;
  }

  /** e^x, |x| &lt;= 2^20: reduction by 2^k, series, k squarings. */
  private CertifiedInterval expAt(BigDecimal x) {
    int k = x.abs().compareTo(SMALL) <= 0 ? 0 : x.abs().toBigInteger().bitLength() + REDUCTION;
    Work w = new Work(work.precision + (31 * k + 99) / 100);
    BigDecimal reduced = x.multiply(HALF.pow(k));
    CertifiedInterval r = new CertifiedInterval(reduced.round(w.down), reduced.round(w.up));
    CertifiedInterval e = w.expSeries(r, 0);
    BigDecimal lo = e.lo().max(BigDecimal.ZERO);
    BigDecimal hi = e.hi();
    for (int i = 0; i < k; i++) {
      lo = lo.multiply(lo, w.down);
      hi = hi.multiply(hi, w.up);
    }
    return new CertifiedInterval(lo, hi);
  }

  /**
   * log x, x &gt; 0: x = m 2^i 10^e exactly (i = e = 0 for x in [0.7, 1.4]), c = 1 + j/8 nearest
   * to m, log x = 2 atanh((m - c)/(m + c)) + log c + i log 2 + e log 10. At x = 1 that is exactly
   * 0, and near 1 it keeps its relative accuracy.
   */
  private CertifiedInterval logAt(BigDecimal x) {
    int e = 0;
    int i = 0;
    BigDecimal m = x;
    if (x.compareTo(NEAR_ONE.lo()) < 0 || x.compareTo(NEAR_ONE.hi()) > 0) {
      e = x.precision() - x.scale() - 1;
      BigDecimal mantissa = x.scaleByPowerOfTen(-e);
      i = (int) Math.round(Math.log(mantissa.doubleValue()) / Math.log(2));
      m = mantissa.multiply(HALF.pow(i));
    }
    int j = m.subtract(BigDecimal.ONE).multiply(EIGHT).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
    BigDecimal c = BigDecimal.ONE.add(BigDecimal.valueOf(j).divide(EIGHT));
    CertifiedInterval z = work.quotient(m.subtract(c), m.add(c));
    Constants k = constants();
    return work.logOf(z).add(k.logEighth(j), work.down, work.up).add(times(k.log2, i), work.down, work.up)
        .add(times(k.log10, e), work.down, work.up);
  }

  /** tanh x = u/(u + 2), u = e^(2x) - 1, by oddness for x &lt; 0. */
  private CertifiedInterval tanhAt(BigDecimal x) {
    if (x.signum() < 0) {
      return tanhAt(x.negate()).negate();
    }
    BigDecimal y = x.add(x);
    if (y.compareTo(LIMIT) > 0) {
      return new CertifiedInterval(tanhAt(LIMIT.multiply(HALF)).lo(), BigDecimal.ONE);
    }
    CertifiedInterval u;
    if (y.compareTo(HALF) <= 0) {
      u = work.expSeries(point(y), 1);
    } else {
      CertifiedInterval e = expAt(y);
      u = new CertifiedInterval(e.lo().subtract(BigDecimal.ONE, work.down),
          e.hi().subtract(BigDecimal.ONE, work.up));
    }
    BigDecimal l = u.lo().max(BigDecimal.ZERO);
    BigDecimal h = u.hi();
    return new CertifiedInterval(l.divide(l.add(TWO, work.up), work.down),
        h.divide(h.add(TWO, work.down), work.up));
  }

  /** sin(x + s pi/2) at a point, |x| &lt;= 2^20. */
  private CertifiedInterval sinAt(BigDecimal x, int s) {
    CertifiedInterval halfPi = constants().halfPi;
    int n = x.divide(halfPi.lo(), MathContext.DECIMAL64).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
    CertifiedInterval r = point(x).add(times(halfPi, -n), work.down, work.up);
    switch (Math.floorMod(n + s, 4)) {
      case 0:
        return work.sinSeries(r);
      case 1:
        return work.cosSeries(r);
      case 2:
        return work.sinSeries(r).negate();
      default:
        return work.cosSeries(r).negate();
    }
  }

  /** The range of sin(x + s pi/2) over x: the endpoints and the extrema inside. */
  private CertifiedInterval periodic(CertifiedInterval x, int s) {
    BigDecimal a = x.lo();
    BigDecimal b = x.hi();
    if (a.abs().compareTo(LIMIT) > 0 || b.abs().compareTo(LIMIT) > 0
        || b.subtract(a).compareTo(BigDecimal.valueOf(6)) >= 0) {
      return UNIT;
    }
    Fn f = s == 0 ? Fn.SIN : Fn.COS;
    CertifiedInterval fa = at(f, a);
    CertifiedInterval fb = at(f, b);
    List<BigDecimal> values = new ArrayList<>(List.of(fa.lo(), fa.hi(), fb.lo(), fb.hi()));
    CertifiedInterval halfPi = constants().halfPi;
    MathContext approx = new MathContext(30, RoundingMode.HALF_EVEN);
    long from = a.divide(halfPi.lo(), approx).setScale(0, RoundingMode.FLOOR).longValueExact() - 1;
    long to = b.divide(halfPi.lo(), approx).setScale(0, RoundingMode.CEILING).longValueExact() + 1;
    for (long j = from; j <= to; j++) {
      if (Math.floorMod(j, 2) != 1 - s) {
        continue;
      }
      CertifiedInterval c = times(halfPi, j);
      if (c.hi().compareTo(a) >= 0 && c.lo().compareTo(b) <= 0) {
        long k = (j - 1 + s) / 2;
        values.add(k % 2 == 0 ? BigDecimal.ONE : BigDecimal.ONE.negate());
      }
    }
    BigDecimal lo = values.stream().reduce(BigDecimal::min).get().max(BigDecimal.ONE.negate());
    BigDecimal hi = values.stream().reduce(BigDecimal::max).get().min(BigDecimal.ONE);
    return rounded(lo, hi);
  }

  private static CertifiedInterval point(BigDecimal x) {
    return CertifiedInterval.point(x);
  }

  /** n c exactly (no rounding: a constant's full precision survives the multiple). */
  private static CertifiedInterval times(CertifiedInterval c, long n) {
    return c.multiply(point(BigDecimal.valueOf(n)), MathContext.UNLIMITED, MathContext.UNLIMITED);
  }

  /** Interval arithmetic at one precision, and the series (see the class comment). */
  private static final class Work {
    final int precision;
    final MathContext down;
    final MathContext up;
    /** |t_N| &lt;= |t_n0| 10^-p stops a series. */
    private final BigDecimal tolerance;

    Work(int precision) {
      this.precision = precision;
      this.down = new MathContext(precision, RoundingMode.FLOOR);
      this.up = new MathContext(precision, RoundingMode.CEILING);
      this.tolerance = BigDecimal.ONE.scaleByPowerOfTen(-precision);
    }

    /** a/b, b &gt; 0, rounded outward. */
    CertifiedInterval quotient(BigDecimal a, BigDecimal b) {
      return new CertifiedInterval(a.divide(b, down), a.divide(b, up));
    }

    /** t/n for an integer n &gt; 0. */
    CertifiedInterval over(CertifiedInterval t, long n) {
      BigDecimal d = BigDecimal.valueOf(n);
      return new CertifiedInterval(t.lo().divide(d, down), t.hi().divide(d, up));
    }

    /** t_n from t_(n-1) and n. */
    private interface Step {
      CertifiedInterval next(CertifiedInterval previous, long n);
    }

    /**
     * t_n0 + ... + t_(N-1) + [-c m, c m], m = |t_N|, N the first index with
     * |t_N| &lt;= |t_n0| 10^-p (or after 10 p terms, when the bound still holds).
     */
    private CertifiedInterval sum(CertifiedInterval first, long n0, Step step, int c) {
      BigDecimal tol = first.magnitude().multiply(tolerance);
      CertifiedInterval total = first;
      CertifiedInterval t = step.next(first, n0 + 1);
      for (long n = n0 + 2; t.magnitude().compareTo(tol) > 0 && n < n0 + 10L * precision; n++) {
        total = total.add(t, down, up);
        t = step.next(t, n);
      }
      BigDecimal m = t.magnitude().multiply(BigDecimal.valueOf(c), up);
      return total.add(new CertifiedInterval(m.negate(), m), down, up);
    }

    /** e^r (from = 0) or e^r - 1 (from = 1), |r| &lt;= 1; tail &lt;= 3 |t_N|. */
    CertifiedInterval expSeries(CertifiedInterval r, int from) {
      if (r.magnitude().compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("exp series needs |r| <= 1, not " + r);
      }
      return sum(from == 0 ? point(BigDecimal.ONE) : r, from, (t, n) -> over(t.multiply(r, down, up), n), 3);
    }

    /** sin r = r - r^3/3! + ...; tail &lt;= |t_N|. */
    CertifiedInterval sinSeries(CertifiedInterval r) {
      CertifiedInterval minusSquare = r.multiply(r, down, up).negate();
      return sum(r, 0, (t, n) -> over(t.multiply(minusSquare, down, up), (2 * n) * (2 * n + 1)), 1);
    }

    /** cos r = 1 - r^2/2! + ...; tail &lt;= |t_N|. */
    CertifiedInterval cosSeries(CertifiedInterval r) {
      CertifiedInterval minusSquare = r.multiply(r, down, up).negate();
      return sum(point(BigDecimal.ONE), 0,
          (t, n) -> over(t.multiply(minusSquare, down, up), (2 * n - 1) * (2 * n)), 1);
    }

    /** atan z = z - z^3/3 + ..., |z| &lt;= 1; t_n = t_(n-1) (-z^2) (2n-1)/(2n+1); tail &lt;= |t_N|. */
    CertifiedInterval atan(CertifiedInterval z) {
      if (z.magnitude().compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("atan series needs |z| <= 1, not " + z);
      }
      CertifiedInterval minusSquare = z.multiply(z, down, up).negate();
      return sum(z, 0, (t, n) -> over(times(t.multiply(minusSquare, down, up), 2 * n - 1), 2 * n + 1), 1);
    }

    /** log((1 + z)/(1 - z)) = 2 atanh z = 2 (z + z^3/3 + ...), |z| &lt;= 1/2; tail &lt;= 2 |t_N|. */
    CertifiedInterval logOf(CertifiedInterval z) {
      if (z.magnitude().compareTo(HALF) > 0) {
        throw new IllegalArgumentException("atanh series needs |z| <= 1/2, not " + z);
      }
      CertifiedInterval square = z.multiply(z, down, up);
      CertifiedInterval atanh = sum(z, 0,
          (t, n) -> over(times(t.multiply(square, down, up), 2 * n - 1), 2 * n + 1), 2);
      return times(atanh, 2);
    }
  }
}

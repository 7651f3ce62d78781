package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.Polynomial;
import org.eoscheck.expr.Expr;
import org.eoscheck.model.Model;

/**
 * Where counterexamples are: the candidate points of a box, by named source, in the order they
 * are tried, before and beside random sampling. Lemmas about integer data fail at simple points
 * (1/3 for (3x - 1)^2 > 0, the balanced minimiser (1, 1, 1) for phi > 3, anywhere for a claim
 * undefined everywhere) that sampling in binary fractions never hits. The sources, listed once in
 * {@link #SOURCES}:
 * <ol>
 *   <li>corners and centre of the box;</li>
 *   <li>small denominators: per variable the simplest rationals k/q of its range (q &lt;= 12);
 *       the point of simplest values, each variable varied alone, and the whole grid in dimension
 *       at most 3;</li>
 *   <li>symmetry: the model's parameters all equal (to simple values of their common range),
 *       and +-1 sign patterns of such values, the other variables at their simplest values;</li>
 *   <li>model minimisers: the rational roots of the model's residual (pi - target) in each
 *       parameter with the others at the sign patterns (for the scalar network with target 1:
 *       (1, ..., 1) and its patterns with an even number of -1);</li>
 *   <li>rational roots ({@link RationalRoots}): of the polynomial pieces of the claims, of their
 *       divisors and other definedness guards, and of the hypotheses, in each variable with the
 *       others at the centre, the simplest point, the first symmetric points and the anchors
 *       (points near violations found by sampling);</li>
 *   <li>Z3 models: the model of the kernel's refutation query when it is sat, on the box or on a
 *       small box around an anchor ({@link SmtProver} passes them on in check,
 *       {@link CounterexampleSearch} asks for them itself).</li>
 * </ol>
 * Points depend only on the box and the anchors, so runs are reproducible. Every point is
 * still only a candidate: the kernel judges it ({@link PointCertifier}).
 */
final class CandidatePoints {
  /**
   * One candidate: a point of the box (in the problem's variable order) and its source;
   * {@code simple} when it is a point of simple coordinates (an equality case is likely there,
   * and the kernel decides it exactly), false for dyadic points deep in a tree and samples.
   */
  record Candidate(String source, List<BigFraction> point, boolean simple) {}

  /** A named source: the points it proposes in a box, given the anchors. */
  private record Source(String name, Generator generator) {}

  private interface Generator {
    void points(CandidatePoints c, Box box, List<List<BigFraction>> anchors,
        Consumer<List<BigFraction>> out);
  }

  static final String Z3 = "Z3 model";

  /** The sources, in the order they are tried (Z3 models come from the prover or the search). */
  private static final List<Source> SOURCES = List.of(
      new Source("corners and centre", CandidatePoints::cornersAndCentre),
      new Source("small denominators", CandidatePoints::smallDenominators),
      new Source("symmetry", CandidatePoints::symmetric),
      new Source("model minimisers", CandidatePoints::minimisers),
      new Source("rational roots", CandidatePoints::roots));

  private static final int MAX_CORNERS = 64;
  private static final int MAX_DENOMINATOR = 12;
  private static final int VALUES_PER_VARIABLE = 16;
  private static final int GRID = 400;
  private static final int PATTERNS = 64;
  private static final int BASES = 8;

  private final Problem problem;
  private final int dimension;
  /** Indices of the model's parameters among the variables (all variables if none is). */
  private final List<Integer> parameters = new ArrayList<>();
  /** Polynomial pieces of the claims, their guards and the hypotheses. */
  private final List<Polynomial> pieces = new ArrayList<>();
  /** Polynomial pieces of the model's residual (pi - target), fixed variables substituted. */
  private final List<Polynomial> residual = new ArrayList<>();

  CandidatePoints(Problem problem) {
    this.problem = problem;
    this.dimension = problem.variables().size();
    Model model = problem.lemma().model();
    if (model != null) {
      for (String p : model.parameters()) {
        int i = problem.variables().indexOf(p);
        if (i >= 0) {
          parameters.add(i);
        }
      }
      model.residual().ifPresent(r -> residual.addAll(RationalRoots.pieces(fixed(r))));
    }
    if (parameters.isEmpty()) {
      for (int i = 0; i < dimension; i++) {
        parameters.add(i);
      }
    }
    Set<Polynomial> all = new LinkedHashSet<>();
    for (Problem.Claim c : problem.claims()) {
      all.addAll(RationalRoots.pieces(c.difference()));
      for (Definedness.Guard g : Definedness.guards(c.difference())) {
        all.addAll(RationalRoots.pieces(g.expr()));
      }
    }
    for (Problem.Hypothesis h : problem.hypotheses()) {
      all.addAll(RationalRoots.pieces(h.expr()));
    }
    pieces.addAll(all);
  }

  private Expr fixed(Expr e) {
    Map<String, Expr> values = new LinkedHashMap<>();
    problem.fixed().forEach((k, v) -> values.put(k, new Expr.Num(v)));
    return values.isEmpty() ? e : e.substitute(values);
  }

  /** Every source's points in {@code box}, in order, without repetition. */
  List<Candidate> all(Box box, List<List<BigFraction>> anchors) {
    return of(SOURCES, box, anchors);
  }

  /** The points of the source named {@code name} alone. */
  List<Candidate> from(String name, Box box, List<List<BigFraction>> anchors) {
    return of(SOURCES.stream().filter(s -> s.name().equals(name)).toList(), box, anchors);
  }

  /** The names of the sources, in the order they are tried. */
  static List<String> names() {
    return SOURCES.stream().map(Source::name).toList();
  }

  private List<Candidate> of(List<Source> sources, Box box, List<List<BigFraction>> anchors) {
    Map<List<BigFraction>, Candidate> out = new LinkedHashMap<>();
    for (Source s : sources) {
      s.generator().points(this, box, anchors, p -> {
        if (p.size() == dimension && box.contains(p)) {
          out.putIfAbsent(p, new Candidate(s.name(), List.copyOf(p), true));
        }
      });
    }
    return List.copyOf(out.values());
  }

  /** The rational roots of the pieces through each anchor, in each variable. */
  List<Candidate> roots(Box box, List<List<BigFraction>> anchors) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < dimension; i++) {
      all.add(i);
    }
    Map<List<BigFraction>, Candidate> out = new LinkedHashMap<>();
    rootsThrough(pieces, anchors, all, box, p -> {
      if (box.contains(p)) {
        out.putIfAbsent(p, new Candidate("rational roots", List.copyOf(p), true));
      }
    });
    return List.copyOf(out.values());
  }

  /** The cheap points of a box: its simplest point and its centre. */
  List<Candidate> quick(Box box) {
    List<BigFraction> simplest = simplest(box);
    List<BigFraction> centre = centre(box);
    Candidate first = new Candidate("small denominators", simplest, true);
    return simplest.equals(centre) ? List.of(first)
        : List.of(first, new Candidate("corners and centre", centre, false));
  }

  // ---------------------------------------------------------------- the sources

  private static void cornersAndCentre(CandidatePoints c, Box box, List<List<BigFraction>> anchors,
      Consumer<List<BigFraction>> out) {
    out.accept(c.centre(box));
    c.corners(box, MAX_CORNERS, out);
  }

  private static void smallDenominators(CandidatePoints c, Box box,
      List<List<BigFraction>> anchors, Consumer<List<BigFraction>> out) {
    List<List<BigFraction>> values = new ArrayList<>();
    for (int i = 0; i < c.dimension; i++) {
      values.add(SimpleRationals.in(box.lo().get(i), box.hi().get(i), MAX_DENOMINATOR,
          VALUES_PER_VARIABLE));
    }
    List<BigFraction> simplest = c.simplest(box);
    out.accept(simplest);
    for (int i = 0; i < c.dimension; i++) {
      for (BigFraction v : values.get(i)) {
        List<BigFraction> p = new ArrayList<>(simplest);
        p.set(i, v);
        out.accept(p);
      }
    }
    if (c.dimension <= 3) {
      int g = (int) Math.floor(Math.pow(GRID, 1.0 / c.dimension) + 1e-9);
      grid(values, g, 0, new ArrayList<>(), out);
    }
  }

  private static void grid(List<List<BigFraction>> values, int g, int i, List<BigFraction> prefix,
      Consumer<List<BigFraction>> out) {
    if (i == values.size()) {
      out.accept(List.copyOf(prefix));
      return;
    }
    for (BigFraction v : values.get(i).subList(0, Math.min(g, values.get(i).size()))) {
      prefix.add(v);
      grid(values, g, i + 1, prefix, out);
      prefix.remove(prefix.size() - 1);
    }
  }

  private static void symmetric(CandidatePoints c, Box box, List<List<BigFraction>> anchors,
      Consumer<List<BigFraction>> out) {
    c.symmetricPoints(box).forEach(out);
  }

  private static void minimisers(CandidatePoints c, Box box, List<List<BigFraction>> anchors,
      Consumer<List<BigFraction>> out) {
    List<List<BigFraction>> bases = c.symmetricPoints(box);
    c.rootsThrough(c.residual, bases.subList(0, Math.min(bases.size(), PATTERNS)), c.parameters,
        box, out);
  }

  private static void roots(CandidatePoints c, Box box, List<List<BigFraction>> anchors,
      Consumer<List<BigFraction>> out) {
    List<List<BigFraction>> bases = new ArrayList<>();
    bases.add(c.centre(box));
    bases.add(c.simplest(box));
    List<List<BigFraction>> symmetric = c.symmetricPoints(box);
    bases.addAll(symmetric.subList(0, Math.min(symmetric.size(), BASES)));
    bases.addAll(anchors);
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < c.dimension; i++) {
      all.add(i);
    }
    c.rootsThrough(c.pieces, bases, all, box, out);
  }

  // ---------------------------------------------------------------- helpers

  private List<BigFraction> centre(Box box) {
    List<BigFraction> m = new ArrayList<>();
    for (int i = 0; i < dimension; i++) {
      m.add(box.mid(i));
    }
    return m;
  }

  /** Each variable at the simplest rational of its range. */
  private List<BigFraction> simplest(Box box) {
    List<BigFraction> p = new ArrayList<>();
    for (int i = 0; i < dimension; i++) {
      p.add(SimpleRationals.simplest(box.lo().get(i), box.hi().get(i)));
    }
    return p;
  }

  /** Up to {@code limit} corners: bit i of k chooses hi in variable i (low variables first). */
  private void corners(Box box, int limit, Consumer<List<BigFraction>> out) {
    long count = dimension >= 62 ? Long.MAX_VALUE : 1L << dimension;
    for (long k = 0; k < Math.min(count, limit); k++) {
      List<BigFraction> p = new ArrayList<>();
      for (int i = 0; i < dimension; i++) {
        p.add(i < 62 && (k >> i & 1) == 1 ? box.hi().get(i) : box.lo().get(i));
      }
      out.accept(p);
    }
    if (count > limit) {
      out.accept(box.hi());
    }
  }

  /**
   * The parameters all equal to a simple value t of their common range, then +-t patterns for
   * t = 1 and the first positive simple values (patterns outside the box are dropped later);
   * the other variables at their simplest values.
   */
  private List<List<BigFraction>> symmetricPoints(Box box) {
    BigFraction lo = null;
    BigFraction hi = null;
    BigFraction abs = BigFraction.ZERO;
    for (int i : parameters) {
      lo = lo == null || box.lo().get(i).compareTo(lo) > 0 ? box.lo().get(i) : lo;
      hi = hi == null || box.hi().get(i).compareTo(hi) < 0 ? box.hi().get(i) : hi;
      for (BigFraction end : List.of(box.lo().get(i).abs(), box.hi().get(i).abs())) {
        abs = end.compareTo(abs) > 0 ? end : abs;
      }
    }
    List<BigFraction> base = simplest(box);
    Set<List<BigFraction>> out = new LinkedHashSet<>();
    if (lo.compareTo(hi) <= 0) {
      for (BigFraction t : SimpleRationals.in(lo, hi, MAX_DENOMINATOR, VALUES_PER_VARIABLE)) {
        List<BigFraction> p = new ArrayList<>(base);
        parameters.forEach(i -> p.set(i, t));
        out.add(p);
      }
    }
    List<BigFraction> magnitudes = new ArrayList<>(List.of(BigFraction.ONE));
    SimpleRationals.in(BigFraction.ZERO, abs, MAX_DENOMINATOR, 4).stream()
        .filter(t -> t.signum() > 0 && !t.equals(BigFraction.ONE)).forEach(magnitudes::add);
    int k = Math.min(parameters.size(), 6);
    for (BigFraction t : magnitudes) {
      for (int signs = 0; signs < 1 << k; signs++) {
        List<BigFraction> p = new ArrayList<>(base);
        for (int j = 0; j < parameters.size(); j++) {
          p.set(parameters.get(j), j < k && (signs >> j & 1) == 1 ? t.negate() : t);
        }
        if (box.contains(p)) {
          out.add(p);
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** The rational roots of each piece in each of {@code variables}, the others at each base. */
  private void rootsThrough(List<Polynomial> polys, List<List<BigFraction>> bases,
      List<Integer> variables, Box box, Consumer<List<BigFraction>> out) {
    for (List<BigFraction> base : bases) {
      Map<String, BigFraction> at = new LinkedHashMap<>();
      for (int i = 0; i < dimension; i++) {
        at.put(problem.variables().get(i), base.get(i));
      }
      for (Polynomial p : polys) {
        for (int i : variables) {
          String x = problem.variables().get(i);
          for (BigFraction r : RationalRoots.roots(p, x, at, box.lo().get(i), box.hi().get(i))) {
            List<BigFraction> point = new ArrayList<>(base);
            point.set(i, r);
            out.accept(point);
          }
        }
      }
    }
  }
}

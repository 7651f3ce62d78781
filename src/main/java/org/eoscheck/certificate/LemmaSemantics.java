package org.eoscheck.certificate;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.expr.Derivative;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Fn;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Rel;
import org.eoscheck.expr.Relation;

/**
 * What a lemma file means: the one semantics of the lemma language, used by the kernel to derive
 * the statement a proof log must prove from the lemma text alone, and by the prover to know what to
 * prove. A lemma holds iff at every point of the box (fixed variables at their values) where every
 * hypothesis is defined and true, every claim is defined and true.
 *
 * <p>Built-ins, x a point ({@code theta} or a map applied to a point), L the family's loss
 * ({@link Family}), gradients and Hessians by {@link Derivative}:
 * <ul>
 * <li>{@code gd(x)} = x - eta grad L(x); {@code ngd(x)} = x - eta grad L / |grad L| and
 *     {@code sqrtgd(x)} = x - eta grad L / (2 sqrt L) (Arora, Li, Panigrahi 2022);
 * <li>{@code loss(x)}, {@code phi(x)}, {@code residual(x)}, {@code prod(x)}: the family's forms
 *     at x; {@code lambdaMax(x)}, {@code lambdaMin(x)}: the top and bottom eigenvalue of
 *     Hess L(x), in closed form for one or two parameters ((p + s)/2 +- sqrt(((p - s)/2)^2 + q^2)
 *     for [[p, q], [q, s]]), else {@code eigmax} / {@code eigmin} of the Hessian's upper triangle
 *     at x (defined where its entries are; enclosed by {@link SymmetricSpectrum});
 *     {@code gdJacobianDet(x)} = det(I - eta Hess L(x)), multiplied out exactly (polynomial
 *     losses); {@code coord(x, i)} = x_i, {@code balance(x, i, j)} = x_i^2 - x_j^2,
 *     {@code hessian(x, i, j)} = (Hess L(x))_ij, indices 1-based integer literals.
 * </ul>
 *
 * <p>Domain. A relation is defined where its two sides as written are, with the built-ins
 * expanded and the fixed variables replaced; {@link Exprs#simplify} keeps exactly that domain
 * (it folds 0*E and E^0 only for total E; property-tested), so the simplified relation carries
 * it. Each hypothesis and claim also carries a {@code domain}: L(x) for every point x at which
 * GD, NGD, sqrt-GD, the Hessian or its determinant is taken (a step of L is defined only where L
 * is, even where the gradient's formula would be), all of which must be defined where it is.
 */
public final class LemmaSemantics {
  public static final List<String> POINT_MAPS = List.of("gd", "ngd", "sqrtgd");
  public static final List<String> POINT_FUNCTIONS =
      List.of("loss", "phi", "lambdaMax", "lambdaMin", "residual", "prod", "gdJacobianDet");
  /** Built-ins taking a point and 1-based coordinate indices. */
  public static final List<String> INDEXED = List.of("coord", "balance", "hessian");
  /** Names a parameter or symbol may not take: they mean something else in lemma files. */
  public static final Set<String> RESERVED = reserved();
  public static final String ETA = "eta";

  /** A hypothesis in sign form {@code f >= 0} ({@code > 0} if strict), and where it is defined. */
  public record Hypothesis(Expr f, boolean strict, Located source, List<Expr> domain) {
    /** The text the proof-log header carries. */
    public String text() {
      return f.text() + (strict ? " > 0" : " >= 0");
    }
  }

  /**
   * A claim {@code relation}; {@code difference} its sign form (rhs - lhs for <= and <, lhs - rhs
   * otherwise), and where it must be defined.
   */
  public record Claim(Located source, Relation relation, Expr difference, List<Expr> domain) {}

  /**
   * The statement: the free variables and their box, the fixed ones, hypotheses (an equation
   * gives two, f >= 0 and -f >= 0) and claims, every expression over the free variables.
   */
  public record Meaning(Family family, List<String> variables, Map<String, Bounds> root,
      Map<String, BigFraction> fixed, List<Hypothesis> hypotheses, List<Claim> claims,
      String symmetry) {
    /** The same statement, read as the sorted form of a symmetric lemma ({@code note} says so). */
    Meaning sorted(String note) {
      return new Meaning(family, variables, root, fixed, hypotheses, claims, note);
    }
  }

  private final LemmaSource lemma;
  private final Family family;
  /** The ranges of the text, {@code theta: [lo, hi]} given to each parameter ({@link #ranges}). */
  private final Map<String, BigFraction[]> ranges;
  private final Map<String, List<Expr>> maps = new HashMap<>();
  private List<List<Expr>> hessian;
  private Expr jacobianDet;
  /** The domain collected while elaborating the current relation. */
  private Set<Expr> domain;

  private LemmaSemantics(LemmaSource lemma, Family family) {
    this.lemma = lemma;
    this.family = family;
    this.ranges = ranges(lemma, family);
  }

  /** The meaning of a lemma file; bad input is one line naming file, line and cause. */
  public static Meaning of(LemmaSource lemma) throws InputException {
    Family family;
    try {
      family = Family.of(lemma.model(), RESERVED);
    } catch (InputException e) {
      throw e.at(lemma.file(), lemma.model().line());
    }
    Meaning m = new LemmaSemantics(lemma, family).run();
    java.util.Optional<LemmaSource> sorted = lemma.sorted();
    if (sorted.isPresent() && symmetric(m)) {
      List<String> w = family.parameters();
      return new LemmaSemantics(sorted.get(), family).run().sorted("symmetric in "
          + w.get(0) + ", ..., " + w.get(w.size() - 1) + ": decided where u_1 <= ... <= u_"
          + w.size() + " (u_i = " + w.get(0).replaceAll("\\d+$", "") + "_i^2), with u_(k) = u_k");
    }
    return m;
  }

  /**
   * Whether the statement is invariant under all permutations of the coordinates (box, every
   * hypothesis, claim and domain; {@link Symmetry}), so that its sorted form means the same.
   */
  private static boolean symmetric(Meaning m) {
    List<String> coordinates = m.family().parameters();
    Set<String> ranges = new java.util.HashSet<>();
    for (String w : coordinates) {
      Bounds b = m.root().get(w);
      BigFraction f = m.fixed().get(w);
      ranges.add(b != null ? "[" + b.lo() + ", " + b.hi() + "]" : String.valueOf(f));
    }
    List<Expr> all = new ArrayList<>();
    for (Hypothesis h : m.hypotheses()) {
      all.add(h.f());
      all.addAll(h.domain());
    }
    for (Claim c : m.claims()) {
      all.add(c.difference());
      all.addAll(c.domain());
    }
    return m.family().name().equals("scalar") && ranges.size() == 1
        && Symmetry.invariant(all, coordinates);
  }

  /**
   * The ranges of the lemma with {@code theta: [lo, hi]} standing for every parameter of the
   * model that has no range of its own (in parameter order, at theta's place).
   */
  private static Map<String, BigFraction[]> ranges(LemmaSource lemma, Family family) {
    Map<String, BigFraction[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, BigFraction[]> r : lemma.ranges().entrySet()) {
      if (!r.getKey().equals("theta")) {
        out.put(r.getKey(), r.getValue());
        continue;
      }
      for (String p : family.parameters()) {
        if (!lemma.ranges().containsKey(p)) {
          out.put(p, r.getValue());
        }
      }
    }
    return out;
  }

  private Meaning run() throws InputException {
    Set<String> known = new LinkedHashSet<>(family.parameters());
    known.add(ETA);
    known.addAll(symbols());
    Map<String, BigFraction> fixed = new LinkedHashMap<>();
    List<String> free = new ArrayList<>();
    Map<String, Bounds> root = new LinkedHashMap<>();
    for (Map.Entry<String, BigFraction[]> r : ranges.entrySet()) {
      String v = r.getKey();
      if (!known.contains(v)) {
        throw new InputException("'" + v + "' is not a variable of the " + family.name()
            + " model (variables: " + String.join(", ", known) + ")")
            .at(lemma.file(), lemma.rangeLines().getOrDefault(v, 0));
      }
      if (r.getValue()[0] != null && r.getValue()[0].equals(r.getValue()[1])) {
        fixed.put(v, r.getValue()[0]);
      } else {
        free.add(v);
        root.put(v, new Bounds(r.getValue()[0], r.getValue()[1]));
      }
    }
    if (free.isEmpty()) {
      throw new InputException("every variable is fixed: the box has no free variable")
          .at(lemma.file(), 0);
    }
    Map<String, Expr> values = new HashMap<>();
    fixed.forEach((k, q) -> values.put(k, new Expr.Num(q)));
    List<Hypothesis> hypotheses = new ArrayList<>();
    for (Located a : lemma.assumptions()) {
      Relation r = relation(a, values);
      List<Expr> dom = List.copyOf(domain);
      Expr diff = difference(r);
      if (r.op() == Rel.EQ) {
        hypotheses.add(new Hypothesis(diff, false, a, dom));
        hypotheses.add(new Hypothesis(Exprs.simplify(new Expr.Neg(diff)), false, a, dom));
      } else {
        hypotheses.add(new Hypothesis(diff, r.op().strict(), a, dom));
      }
    }
    List<Claim> claims = new ArrayList<>();
    for (Located c : lemma.claims()) {
      Relation r = relation(c, values);
      claims.add(new Claim(c, r, difference(r), List.copyOf(domain)));
    }
    return new Meaning(family, List.copyOf(free), root, fixed, List.copyOf(hypotheses),
        List.copyOf(claims), null);
  }

  private Set<String> symbols() {
    Set<String> s = new LinkedHashSet<>(Exprs.variables(family.loss()));
    s.removeAll(family.parameters());
    return s;
  }

  /** rhs - lhs for <= and <, lhs - rhs for >=, > and ==. */
  public static Expr difference(Relation r) {
    boolean upper = r.op() == Rel.LE || r.op() == Rel.LT;
    return Exprs.simplify(upper ? Expr.sub(r.rhs(), r.lhs()) : Expr.sub(r.lhs(), r.rhs()));
  }

  private Relation relation(Located source, Map<String, Expr> fixed) throws InputException {
    domain = new LinkedHashSet<>();
    try {
      Relation parsed = ExprParser.parseRelation(source.text());
      Relation r = new Relation(scalar(parsed.lhs()), parsed.op(), scalar(parsed.rhs()));
      for (Expr side : List.of(r.lhs(), r.rhs())) {
        for (String v : Exprs.variables(side)) {
          if (!ranges.containsKey(v)) {
            throw new InputException(unknownName(v));
          }
        }
      }
      Set<Expr> dom = new LinkedHashSet<>();
      for (Expr e : domain) {
        dom.add(Exprs.simplify(e.substitute(fixed)));
      }
      domain = dom;
      return r.map(e -> Exprs.simplify(e.substitute(fixed)));
    } catch (InputException e) {
      throw e.at(lemma.file(), source.line());
    }
  }

  private String unknownName(String v) {
    if (family.parameters().contains(v) || v.equals(ETA) || symbols().contains(v)) {
      return "'" + v + "' has no range: add it under variables";
    }
    return "unknown name '" + v + "' (the " + family.name() + " model has parameters "
        + String.join(", ", family.parameters()) + "; also eta, theta and the built-ins "
        + String.join(", ", POINT_MAPS) + ", " + String.join(", ", POINT_FUNCTIONS) + ")";
  }

  private Expr scalar(Expr e) throws InputException {
    Object v = value(e);
    if (v instanceof Expr s) {
      return s;
    }
    throw new InputException("'" + e.text() + "' is a point, not a number: apply loss, phi,"
        + " lambdaMax, lambdaMin, residual or prod to it");
  }

  /** An Expr for a number, or a List of Expr for a point. */
  private Object value(Expr e) throws InputException {
    if (e instanceof Expr.Var v && v.name().equals("theta")) {
      return family.parameters().stream().map(p -> (Expr) Expr.var(p)).toList();
    }
    if (e instanceof Expr.Apply a) {
      return builtIn(a);
    }
    List<Expr> children = new ArrayList<>();
    for (Expr c : Exprs.children(e)) {
      children.add(scalar(c));
    }
    int[] i = {0};
    return Exprs.mapChildren(e, c -> children.get(i[0]++));
  }

  private Expr at(Expr e, List<Expr> point) {
    return Exprs.substitute(e, family.parameters(), point);
  }

  /** The point an argument denotes, or a one-line reason. */
  @SuppressWarnings("unchecked")
  private List<Expr> point(Expr.Apply a, String usage) throws InputException {
    Object arg = value(a.args().get(0));
    if (!(arg instanceof List)) {
      throw new InputException("column " + a.column() + ": " + usage
          + " needs a point such as theta or gd(theta), not the number '" + a.args().get(0).text() + "'");
    }
    return (List<Expr>) arg;
  }

  /** Records that a built-in needs L differentiable at {@code point}: L(point) must be defined. */
  private void needsLossAt(List<Expr> point) {
    domain.add(at(family.loss(), point));
  }

  private Object builtIn(Expr.Apply a) throws InputException {
    String name = a.name();
    if (INDEXED.contains(name)) {
      return indexed(a);
    }
    boolean isMap = POINT_MAPS.contains(name);
    if (!isMap && !POINT_FUNCTIONS.contains(name)) {
      throw new InputException("column " + a.column() + ": unknown function '" + name
          + "' (built-ins: " + String.join(", ", POINT_MAPS) + ", "
          + String.join(", ", POINT_FUNCTIONS) + ", coord(x, i), balance(x, i, j), hessian(x, i, j);"
          + " and sqrt, abs, min, max, exp, log, sin, cos, tanh)");
    }
    if (a.args().size() != 1) {
      throw new InputException("column " + a.column() + ": " + name
          + " takes one argument, a point such as theta or gd(theta), not " + a.args().size());
    }
    List<Expr> point = point(a, name);
    if (isMap) {
      needsLossAt(point);
      List<Expr> out = new ArrayList<>();
      for (Expr m : maps.computeIfAbsent(name, this::map)) {
        out.add(at(m, point));
      }
      return out;
    }
    Expr f = switch (name) {
      case "loss" -> family.loss();
      case "phi" -> family.phi().orElseThrow(() -> unavailable("phi", a));
      case "residual" -> family.residual().orElseThrow(() -> unavailable("residual", a));
      case "prod" -> family.product().orElseThrow(() -> unavailable("prod", a));
      case "gdJacobianDet" -> gdJacobianDet(a);
      default -> extremeEigenvalue(a, name.equals("lambdaMax"));
    };
    if (!List.of("loss", "phi", "residual", "prod").contains(name)) {
      needsLossAt(point);
    }
    return Exprs.simplify(at(f, point));
  }

  /** One step of GD, NGD or sqrt-GD as a map of theta (the class comment). */
  private List<Expr> map(String name) {
    List<Expr> g = Derivative.gradient(family.loss(), family.parameters());
    List<Expr> direction = switch (name) {
      case "gd" -> g;
      case "ngd" -> {
        Expr norm = Expr.sqrt(new Expr.Add(g.stream().map(gi -> Expr.pow(gi, 2)).toList()));
        yield g.stream().map(gi -> Expr.div(gi, norm)).toList();
      }
      default -> {
        Expr twoRoot = Expr.mul(Expr.num(2), Expr.sqrt(family.loss()));
        yield g.stream().map(gi -> Expr.div(gi, twoRoot)).toList();
      }
    };
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < direction.size(); i++) {
      out.add(Exprs.simplify(Expr.sub(Expr.var(family.parameters().get(i)),
          Expr.mul(Expr.var(ETA), direction.get(i)))));
    }
    return out;
  }

  /** Hess L over the parameters, or a one-line reason naming the built-in that needs it. */
  private List<List<Expr>> hessian(Expr.Apply a) throws InputException {
    if (hessian == null) {
      try {
        hessian = Derivative.hessian(family.loss(), family.parameters());
      } catch (IllegalArgumentException e) {
        throw new InputException("column " + a.column() + ": " + a.name() + " needs the Hessian"
            + " of the " + family.name() + " model's loss, which cannot be formed: " + e.getMessage());
      }
    }
    return hessian;
  }

  /** coord(x, i) = x_i, balance(x, i, j) = x_i^2 - x_j^2, hessian(x, i, j) = (Hess L)_ij at x. */
  private Expr indexed(Expr.Apply a) throws InputException {
    int arity = a.name().equals("coord") ? 2 : 3;
    String usage = a.name().equals("coord") ? "coord(x, i)" : a.name() + "(x, i, j)";
    if (a.args().size() != arity) {
      throw new InputException("column " + a.column() + ": " + usage + " takes " + arity
          + " arguments, not " + a.args().size());
    }
    List<Expr> point = point(a, "the first argument of " + usage);
    List<Integer> picked = new ArrayList<>();
    for (Expr written : a.args().subList(1, arity)) {
      Expr index = Exprs.simplify(written); // "2 + 1" from index notation is 3
      if (!(index instanceof Expr.Num n) || !n.value().getDenominator().equals(BigInteger.ONE)
          || n.value().compareTo(BigFraction.ONE) < 0
          || n.value().compareTo(BigFraction.of(point.size())) > 0) {
        throw new InputException("column " + a.column() + ": " + usage + " needs indices from 1 to "
            + point.size() + ", not '" + written.text() + "'");
      }
      picked.add(n.value().intValue() - 1);
    }
    if (a.name().equals("hessian")) {
      needsLossAt(point);
      return Exprs.simplify(at(hessian(a).get(picked.get(0)).get(picked.get(1)), point));
    }
    return arity == 2 ? point.get(picked.get(0))
        : Exprs.simplify(Expr.sub(Expr.pow(point.get(picked.get(0)), 2),
            Expr.pow(point.get(picked.get(1)), 2)));
  }

  /** det(I - eta Hess L) over the parameters, computed once per lemma, exactly. */
  private Expr gdJacobianDet(Expr.Apply a) throws InputException {
    if (jacobianDet == null) {
      try {
        jacobianDet = ExactDeterminant.ofIdentityMinus(Expr.var(ETA), hessian(a));
      } catch (InputException e) {
        throw new InputException("column " + a.column() + ": " + e.getMessage());
      }
    }
    return jacobianDet;
  }

  private InputException unavailable(String name, Expr.Apply a) {
    return new InputException("column " + a.column() + ": " + name + " is not available for the "
        + family.name() + " model");
  }

  /**
   * The top (or bottom) eigenvalue of Hess L over the parameters: closed forms for one or two
   * parameters, else eigmax (eigmin) of the upper triangle, row by row.
   */
  private Expr extremeEigenvalue(Expr.Apply a, boolean top) throws InputException {
    List<List<Expr>> h = hessian(a);
    if (h.size() == 1) {
      return h.get(0).get(0);
    }
    if (h.size() == 2) {
      Expr p = h.get(0).get(0);
      Expr q = h.get(0).get(1);
      Expr s = h.get(1).get(1);
      Expr half = Expr.Num.of(1, 2);
      Expr root = Expr.sqrt(Expr.add(Expr.pow(Expr.mul(half, Expr.sub(p, s)), 2), Expr.pow(q, 2)));
      return Expr.add(Expr.mul(half, Expr.add(p, s)), top ? root : new Expr.Neg(root));
    }
    List<Expr> upper = new ArrayList<>();
    for (int i = 0; i < h.size(); i++) {
      upper.addAll(h.get(i).subList(i, h.size()));
    }
    return new Expr.Call(top ? Fn.EIGMAX : Fn.EIGMIN, upper);
  }

  private static Set<String> reserved() {
    // depth and width are the member's values in index notation (IndexNotation)
    Set<String> s = new LinkedHashSet<>(List.of(ETA, "theta", "gfsShift", "depth", "width"));
    s.addAll(POINT_MAPS);
    s.addAll(POINT_FUNCTIONS);
    s.addAll(INDEXED);
    for (org.eoscheck.expr.Fn f : org.eoscheck.expr.Fn.values()) {
      s.add(f.label());
    }
    return Set.copyOf(s);
  }
}

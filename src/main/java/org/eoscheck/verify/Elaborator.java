package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Rel;
import org.eoscheck.expr.Relation;
import org.eoscheck.model.Model;

/**
 * Turns a {@link Lemma} into a {@link Problem}: parses each relation, expands the model built-ins
 * and checks every name.
 *
 * <p>Built-ins (x is a point: {@code theta} or a map applied to a point): {@code gd(x)} (one GD step
 * of size eta), {@code ngd(x)}, {@code sqrtgd(x)} give points; {@code loss(x)}, {@code phi(x)} (the
 * sharpness of the gradient-flow solution from x), {@code lambdaMax(x)} (top Hessian eigenvalue;
 * models with at most two parameters), {@code residual(x)}, {@code prod(x)}, {@code gdJacobianDet(x)}
 * (det(I - eta Hess L(x)), the Jacobian determinant of the GD map, exact; polynomial losses) give
 * numbers; {@code coord(x, i)}, {@code balance(x, i, j)} = x_i^2 - x_j^2 and {@code hessian(x, i, j)}
 * (the entry (i, j) of Hess L at x) take 1-based indices.
 */
public final class Elaborator {
  public static final List<String> POINT_MAPS = List.of("gd", "ngd", "sqrtgd");
  public static final List<String> POINT_FUNCTIONS =
      List.of("loss", "phi", "lambdaMax", "residual", "prod", "gdJacobianDet");
  /** Built-ins taking a point and 1-based coordinate indices. */
  public static final List<String> INDEXED = List.of("coord", "balance", "hessian");

  private final Lemma lemma;
  private final Model model;
  private final Map<String, List<Expr>> maps = new HashMap<>();
  private Expr jacobianDet;

  private Elaborator(Lemma lemma) {
    this.lemma = lemma;
    this.model = lemma.model();
  }

  public static Problem elaborate(Lemma lemma) throws InputException {
    return new Elaborator(lemma).run();
  }

  private Problem run() throws InputException {
    Set<String> known = new LinkedHashSet<>(model.parameters());
    known.add(Model.ETA);
    known.addAll(model.symbols());
    Map<String, BigFraction> fixed = new LinkedHashMap<>();
    List<String> free = new ArrayList<>();
    List<BigFraction> lo = new ArrayList<>();
    List<BigFraction> hi = new ArrayList<>();
    for (Map.Entry<String, BigFraction[]> r : lemma.ranges().entrySet()) {
      String v = r.getKey();
      if (!known.contains(v)) {
        throw new InputException("'" + v + "' is not a variable of the " + model.description()
            + " (variables: " + String.join(", ", known) + ")")
            .at(lemma.file(), lemma.rangeLines().getOrDefault(v, 0));
      }
      if (r.getValue()[0].equals(r.getValue()[1])) {
        fixed.put(v, r.getValue()[0]);
      } else {
        free.add(v);
        lo.add(r.getValue()[0]);
        hi.add(r.getValue()[1]);
      }
    }
    if (free.isEmpty()) {
      throw new InputException("every variable is fixed: the box has no free variable")
          .at(lemma.file(), 0);
    }
    Map<String, Expr> values = new HashMap<>();
    fixed.forEach((k, q) -> values.put(k, new Expr.Num(q)));

    List<Problem.Hypothesis> hypotheses = new ArrayList<>();
    for (Located a : lemma.assumptions()) {
      Relation r = relation(a, values);
      Expr diff = difference(r);
      if (r.op() == Rel.EQ) {
        hypotheses.add(new Problem.Hypothesis(diff, false, a));
        hypotheses.add(new Problem.Hypothesis(Exprs.simplify(new Expr.Neg(diff)), false, a));
      } else {
        hypotheses.add(new Problem.Hypothesis(diff, r.op().strict(), a));
      }
    }
    List<Problem.Claim> claims = new ArrayList<>();
    for (Located c : lemma.claims()) {
      Relation r = relation(c, values);
      claims.add(new Problem.Claim(c, r, difference(r)));
    }
    return new Problem(lemma, free, new Box("r", lo, hi), fixed, hypotheses, claims);
  }

  /** rhs - lhs for <= and <, lhs - rhs for >=, > and ==. */
  static Expr difference(Relation r) {
    boolean upper = r.op() == Rel.LE || r.op() == Rel.LT;
    return Exprs.simplify(upper ? Expr.sub(r.rhs(), r.lhs()) : Expr.sub(r.lhs(), r.rhs()));
  }

  private Relation relation(Located source, Map<String, Expr> fixed) throws InputException {
    try {
      Relation parsed = ExprParser.parseRelation(source.text());
      Relation r = new Relation(scalar(parsed.lhs()), parsed.op(), scalar(parsed.rhs()));
      for (Expr side : List.of(r.lhs(), r.rhs())) {
        for (String v : Exprs.variables(side)) {
          if (!lemma.ranges().containsKey(v)) {
            throw new InputException(unknownName(v));
          }
        }
      }
      return r.map(e -> Exprs.simplify(e.substitute(fixed)));
    } catch (InputException e) {
      throw e.at(lemma.file(), source.line());
    }
  }

  private String unknownName(String v) {
    if (model.parameters().contains(v) || v.equals(Model.ETA) || model.symbols().contains(v)) {
      return "'" + v + "' has no range: add it under variables";
    }
    return "unknown name '" + v + "' (the " + model.description() + " has parameters "
        + String.join(", ", model.parameters()) + "; also eta, theta and the built-ins "
        + String.join(", ", POINT_MAPS) + ", " + String.join(", ", POINT_FUNCTIONS) + ")";
  }

  private Expr scalar(Expr e) throws InputException {
    Object v = value(e);
    if (v instanceof Expr s) {
      return s;
    }
    throw new InputException("'" + e.text() + "' is a point, not a number: apply loss, phi,"
        + " lambdaMax, residual or prod to it");
  }

  /** An Expr for a number, or a List of Expr for a point. */
  private Object value(Expr e) throws InputException {
    if (e instanceof Expr.Var v && v.name().equals("theta")) {
      return model.theta();
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

  @SuppressWarnings("unchecked")
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
    Object arg = value(a.args().get(0));
    if (!(arg instanceof List)) {
      throw new InputException("column " + a.column() + ": " + name
          + " needs a point such as theta or gd(theta), not the number '" + a.args().get(0).text() + "'");
    }
    List<Expr> point = (List<Expr>) arg;
    if (isMap) {
      List<Expr> map = maps.computeIfAbsent(name, n -> switch (n) {
        case "gd" -> model.gdStep();
        case "ngd" -> model.ngdStep();
        default -> model.sqrtGdStep();
      });
      List<Expr> out = new ArrayList<>();
      for (Expr m : map) {
        out.add(model.at(m, point));
      }
      return out;
    }
    Expr f = switch (name) {
      case "loss" -> model.loss();
      case "phi" -> model.gfsSharpness().orElseThrow(() -> unavailable("phi", a));
      case "residual" -> model.residual().orElseThrow(() -> unavailable("residual", a));
      case "prod" -> model.product().orElseThrow(() -> unavailable("prod", a));
      case "gdJacobianDet" -> gdJacobianDet(a);
      default -> lambdaMax().orElseThrow(() -> new InputException("column " + a.column()
          + ": lambdaMax is available in lemma files for models with at most 2 parameters;"
          + " state the sharpness by a formula instead"));
    };
    return Exprs.simplify(model.at(f, point));
  }

  /**
   * coord(x, i) = x_i, balance(x, i, j) = x_i^2 - x_j^2 and hessian(x, i, j) = (Hess L)_ij at x,
   * indices 1-based integer literals.
   */
  @SuppressWarnings("unchecked")
  private Expr indexed(Expr.Apply a) throws InputException {
    int arity = a.name().equals("coord") ? 2 : 3;
    String usage = a.name().equals("coord") ? "coord(x, i)" : a.name() + "(x, i, j)";
    if (a.args().size() != arity) {
      throw new InputException("column " + a.column() + ": " + usage + " takes " + arity
          + " arguments, not " + a.args().size());
    }
    Object arg = value(a.args().get(0));
    if (!(arg instanceof List)) {
      throw new InputException("column " + a.column() + ": the first argument of " + usage
          + " must be a point such as theta or gd(theta)");
    }
    List<Expr> point = (List<Expr>) arg;
    List<Integer> picked = new ArrayList<>();
    for (Expr index : a.args().subList(1, arity)) {
      if (!(index instanceof Expr.Num n) || !n.value().getDenominator().equals(java.math.BigInteger.ONE)
          || n.value().intValue() < 1 || n.value().intValue() > point.size()) {
        throw new InputException("column " + a.column() + ": " + usage + " needs indices from 1 to "
            + point.size() + ", not '" + index.text() + "'");
      }
      picked.add(n.value().intValue() - 1);
    }
    if (a.name().equals("hessian")) {
      return Exprs.simplify(model.at(model.hessian().get(picked.get(0)).get(picked.get(1)), point));
    }
    return arity == 2 ? point.get(picked.get(0))
        : Exprs.simplify(Expr.sub(Expr.pow(point.get(picked.get(0)), 2),
            Expr.pow(point.get(picked.get(1)), 2)));
  }

  /** det(I - eta Hess L) over the parameters, computed once per lemma (exactly, not by Symja). */
  private Expr gdJacobianDet(Expr.Apply a) throws InputException {
    if (jacobianDet == null) {
      try {
        jacobianDet = ExactDeterminant.ofIdentityMinus(Expr.var(Model.ETA), model.hessian());
      } catch (InputException e) {
        throw new InputException("column " + a.column() + ": " + e.getMessage());
      }
    }
    return jacobianDet;
  }

  private InputException unavailable(String name, Expr.Apply a) {
    return new InputException("column " + a.column() + ": " + name + " is not available for the "
        + model.description());
  }

  /**
   * The top eigenvalue of the Hessian in closed form: for a 2x2 symmetric [[p, q], [q, s]] it is
   * (p + s)/2 + sqrt(((p - s)/2)^2 + q^2).
   */
  private java.util.Optional<Expr> lambdaMax() {
    List<List<Expr>> h = model.hessian();
    if (h.size() == 1) {
      return java.util.Optional.of(h.get(0).get(0));
    }
    if (h.size() == 2) {
      Expr p = h.get(0).get(0);
      Expr q = h.get(0).get(1);
      Expr s = h.get(1).get(1);
      Expr half = Expr.Num.of(1, 2);
      return java.util.Optional.of(Expr.add(Expr.mul(half, Expr.add(p, s)),
          Expr.sqrt(Expr.add(Expr.pow(Expr.mul(half, Expr.sub(p, s)), 2), Expr.pow(q, 2)))));
    }
    return java.util.Optional.empty();
  }
}

package org.eoscheck.certificate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eoscheck.InputException;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Exprs;

/**
 * The kernel's definition of a model family, from the options of a lemma file: the parameters
 * theta, the loss L(theta), the end-to-end product pi(theta) and target where the family has a
 * scalar one, and the sharpness phi(theta) of the gradient-flow solution where a form is known.
 * Everything else the lemma language says of a model (GD maps, Hessian, ...) is derived from the
 * loss by {@link LemmaSemantics}. These are the definitions of shared/maths.md:
 * <ul>
 * <li>scalar, depth D, target y: pi = w1 ... wD, L = (pi - y)^2 / 2 (Kreisler, Nacson, Soudry,
 *     Carmon 2023). Gradient flow keeps every w_i^2 - w_j^2, so it ends at s_i^2 = w_i^2 + delta*
 *     with prod_i (w_i^2 + delta*) = y^2, where the Hessian is grad pi grad pi^T of trace
 *     phi = y^2 sum_i 1 / (w_i^2 + delta*) (delta* = gfsShift); for D = 2,
 *     phi = sqrt((w1^2 - w2^2)^2 + 4 y^2), and phi = 1 for D = 1.
 * <li>two-layer, width d, target Phi: pi = a.b, L = (a.b - Phi)^2 / 2; gradient flow keeps
 *     P = |a + b|^2 |a - b|^2 and ends at sharpness sqrt(4 Phi^2 + P) (Beneventano, Woodworth
 *     2025).
 * <li>linear, dims n0..nL, target M: L = |W_L ... W_1 - M|_F^2 / 2 with parameters
 *     {@code W<l>_<i>_<j>} (Craciun, Ghoshdastidar 2024); when every n_l = 1 it is the scalar
 *     chain, with its pi and phi.
 * <li>custom: the loss as written, over the named parameters.
 * </ul>
 */
public record Family(String name, List<String> parameters, Expr loss, Optional<Expr> product,
    Optional<Expr> target, Optional<Expr> phi) {
  public static final int MAX_DEPTH = 64;
  public static final int MAX_WIDTH = 64;
  public static final int MAX_LINEAR_PARAMETERS = 256;
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public Family {
    parameters = List.copyOf(parameters);
  }

  /** The residual pi - target, where the family has a scalar product. */
  public Optional<Expr> residual() {
    return product.map(p -> Expr.sub(p, target.orElseThrow()));
  }

  /** The family a lemma file names, or a one-line reason why the options are not one. */
  public static Family of(LemmaSource.ModelOptions o, Set<String> reserved) throws InputException {
    String family = o.family() == null ? "" : o.family().trim();
    return switch (family) {
      case "scalar" -> scalar(bounded("depth", o.depth(), 2, MAX_DEPTH), target(o.target(), reserved));
      case "two-layer" -> twoLayer(bounded("width", o.width(), 1, MAX_WIDTH), target(o.target(), reserved));
      case "linear" -> linear(o, reserved);
      case "custom" -> custom(o, reserved);
      default -> throw new InputException("unknown model '" + family
          + "': choose one of scalar, two-layer, linear, custom");
    };
  }

  /** The depth-D scalar network with target y. */
  public static Family scalar(int depth, Expr y) {
    List<Expr> w = variables("w", depth);
    Expr product = depth == 1 ? w.get(0) : new Expr.Mul(w);
    return new Family("scalar", names(w), halfSquare(Expr.sub(product, y)), Optional.of(product),
        Optional.of(y), Optional.of(chainPhi(w, y)));
  }

  /** phi of the scalar chain with weights w and target y (the class comment). */
  private static Expr chainPhi(List<Expr> w, Expr y) {
    Expr y2 = Exprs.simplify(Expr.pow(y, 2));
    if (w.size() == 1) {
      return Exprs.ONE;
    }
    List<Expr> squares = w.stream().map(x -> Expr.pow(x, 2)).toList();
    if (w.size() == 2) {
      Expr b = Expr.sub(squares.get(0), squares.get(1));
      return Expr.sqrt(Expr.add(Expr.pow(b, 2), Expr.mul(Expr.num(4), y2)));
    }
    Expr delta = new Expr.GfsShift(squares, y2);
    List<Expr> terms = new ArrayList<>();
    for (Expr u : squares) {
      terms.add(Expr.div(Exprs.ONE, Expr.add(u, delta)));
    }
    return Exprs.simplify(Expr.mul(y2, new Expr.Add(terms)));
  }

  /** The two-layer linear network of width d with target Phi. */
  public static Family twoLayer(int width, Expr phiTarget) {
    List<Expr> a = variables("a", width);
    List<Expr> b = variables("b", width);
    List<Expr> terms = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      terms.add(Expr.mul(a.get(i), b.get(i)));
    }
    Expr product = terms.size() == 1 ? terms.get(0) : new Expr.Add(terms);
    List<String> params = new ArrayList<>(names(a));
    params.addAll(names(b));
    Expr sharpness = Expr.sqrt(Expr.add(Expr.mul(Expr.num(4), Expr.pow(phiTarget, 2)), balanceP(a, b)));
    return new Family("two-layer", params, halfSquare(Expr.sub(product, phiTarget)),
        Optional.of(product), Optional.of(phiTarget), Optional.of(sharpness));
  }

  /** P = |a + b|^2 |a - b|^2, conserved by the gradient flow of the two-layer network. */
  public static Expr balanceP(List<Expr> a, List<Expr> b) {
    List<Expr> plus = new ArrayList<>();
    List<Expr> minus = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      plus.add(Expr.pow(Expr.add(a.get(i), b.get(i)), 2));
      minus.add(Expr.pow(Expr.sub(a.get(i), b.get(i)), 2));
    }
    return Expr.mul(new Expr.Add(plus), new Expr.Add(minus));
  }

  /** The name of entry (i, j) of W_l of a linear network, all 1-based. */
  public static String weight(int l, int i, int j) {
    return "W" + l + "_" + i + "_" + j;
  }

  /** The deep linear network with the given dims and target matrix (rows of expressions). */
  public static Family linear(List<Integer> dims, List<List<Expr>> target) {
    List<String> params = new ArrayList<>();
    List<List<Expr>> product = null;
    for (int l = 1; l < dims.size(); l++) {
      List<List<Expr>> layer = new ArrayList<>();
      for (int i = 1; i <= dims.get(l); i++) {
        List<Expr> row = new ArrayList<>();
        for (int j = 1; j <= dims.get(l - 1); j++) {
          params.add(weight(l, i, j));
          row.add(Expr.var(weight(l, i, j)));
        }
        layer.add(row);
      }
      product = product == null ? layer : multiply(layer, product);
    }
    List<Expr> terms = new ArrayList<>();
    for (int i = 0; i < product.size(); i++) {
      for (int j = 0; j < product.get(i).size(); j++) {
        terms.add(Expr.pow(Exprs.simplify(Expr.sub(product.get(i).get(j), target.get(i).get(j))), 2));
      }
    }
    Expr loss = Expr.div(terms.size() == 1 ? terms.get(0) : new Expr.Add(terms), Expr.num(2));
    if (dims.stream().anyMatch(d -> d != 1)) {
      // one input, one output (dims 1, ..., 1): pi = W_L ... W_1 is a number, phi is not known
      boolean scalarOutput = dims.get(0) == 1 && dims.get(dims.size() - 1) == 1;
      return new Family("linear", params, loss,
          scalarOutput ? Optional.of(product.get(0).get(0)) : Optional.empty(),
          scalarOutput ? Optional.of(target.get(0).get(0)) : Optional.empty(), Optional.empty());
    }
    List<Expr> chain = params.stream().map(p -> (Expr) Expr.var(p)).toList();
    Expr y = target.get(0).get(0);
    Expr phi = Exprs.substitute(scalar(chain.size(), y).phi().orElseThrow(),
        names(variables("w", chain.size())), chain);
    return new Family("linear", params, loss, Optional.of(product.get(0).get(0)), Optional.of(y),
        Optional.of(phi));
  }

  /** A loss of the user's over the named parameters. */
  public static Family custom(List<String> params, Expr loss) {
    return new Family("custom", params, loss, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The matrix product ab, each entry a (lightly simplified) sum of products. */
  public static List<List<Expr>> multiply(List<List<Expr>> a, List<List<Expr>> b) {
    List<List<Expr>> c = new ArrayList<>();
    for (List<Expr> aRow : a) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < b.get(0).size(); j++) {
        List<Expr> terms = new ArrayList<>();
        for (int t = 0; t < b.size(); t++) {
          terms.add(Expr.mul(aRow.get(t), b.get(t).get(j)));
        }
        row.add(Exprs.simplify(terms.size() == 1 ? terms.get(0) : new Expr.Add(terms)));
      }
      c.add(row);
    }
    return c;
  }

  private static Expr halfSquare(Expr residual) {
    return Expr.div(Expr.pow(residual, 2), Expr.num(2));
  }

  private static List<Expr> variables(String prefix, int n) {
    List<Expr> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(Expr.var(prefix + i));
    }
    return out;
  }

  private static List<String> names(List<Expr> vars) {
    return vars.stream().map(v -> ((Expr.Var) v).name()).toList();
  }

  private static int bounded(String what, Integer value, int fallback, int max) throws InputException {
    int v = value == null ? fallback : value;
    if (v < 1 || v > max) {
      throw new InputException(what + " must be between 1 and " + max + ", not " + v);
    }
    return v;
  }

  /** A target: a rational or a symbol name (default 1). */
  public static Expr target(String text, Set<String> reserved) throws InputException {
    if (text == null || text.isBlank()) {
      return Exprs.ONE;
    }
    String t = text.trim();
    if (NAME.matcher(t).matches()) {
      if (reserved.contains(t)) {
        throw new InputException("the target may not be named '" + t + "': that name is reserved");
      }
      return Expr.var(t);
    }
    try {
      return new Expr.Num(ExprParser.parseRational(t));
    } catch (InputException e) {
      throw new InputException("target '" + t + "' is neither a rational number nor a symbol name");
    }
  }

  private static Family linear(LemmaSource.ModelOptions o, Set<String> reserved) throws InputException {
    List<Integer> dims = linearDims(o);
    return linear(dims, targetMatrix(o, dims, reserved));
  }

  /** The dims of a linear network (default 1, 1, 1), checked. */
  public static List<Integer> linearDims(LemmaSource.ModelOptions o) throws InputException {
    List<Integer> dims = o.dims() == null ? List.of(1, 1, 1) : o.dims();
    if (dims.size() < 2) {
      throw new InputException("dims needs at least two entries (input and output), e.g. 2,2,2");
    }
    long count = 0;
    for (int l = 1; l < dims.size(); l++) {
      if (dims.get(l) < 1 || dims.get(l - 1) < 1) {
        throw new InputException("every dimension must be at least 1, got " + dims);
      }
      count += (long) dims.get(l) * dims.get(l - 1);
    }
    if (count > MAX_LINEAR_PARAMETERS) {
      throw new InputException("dims " + dims + " give " + count + " parameters; at most "
          + MAX_LINEAR_PARAMETERS + " are supported");
    }
    return dims;
  }

  /** The target matrix of a linear network (default: ones on the diagonal), checked. */
  public static List<List<Expr>> targetMatrix(LemmaSource.ModelOptions o, List<Integer> dims,
      Set<String> reserved) throws InputException {
    int rows = dims.get(dims.size() - 1);
    int cols = dims.get(0);
    List<List<Expr>> target = new ArrayList<>();
    if (o.target() == null || o.target().isBlank()) {
      for (int i = 0; i < rows; i++) {
        List<Expr> row = new ArrayList<>();
        for (int j = 0; j < cols; j++) {
          row.add(i == j ? Exprs.ONE : Exprs.ZERO);
        }
        target.add(row);
      }
    } else {
      for (String row : o.target().split(";")) {
        List<Expr> r = new ArrayList<>();
        for (String entry : row.split(",")) {
          r.add(target(entry, reserved));
        }
        target.add(r);
      }
    }
    if (target.size() != rows || target.stream().anyMatch(r -> r.size() != cols)) {
      throw new InputException("the target matrix must be " + rows + " x " + cols
          + " (rows separated by ';', entries by ',')");
    }
    return target;
  }

  private static Family custom(LemmaSource.ModelOptions o, Set<String> reserved) throws InputException {
    if (o.params() == null || o.params().isEmpty()) {
      throw new InputException("a custom model needs params, e.g. params: [x, y]");
    }
    List<String> seen = new ArrayList<>();
    for (String p : o.params()) {
      if (!NAME.matcher(p).matches()) {
        throw new InputException("'" + p + "' is not a valid parameter name");
      }
      if (reserved.contains(p)) {
        throw new InputException("a parameter may not be named '" + p + "': that name is reserved");
      }
      if (seen.contains(p)) {
        throw new InputException("parameter '" + p + "' is named twice");
      }
      seen.add(p);
    }
    if (o.loss() == null || o.loss().isBlank()) {
      throw new InputException("a custom model needs a loss, e.g. loss: (1 + x^2)*y^2");
    }
    Expr loss;
    try {
      loss = ExprParser.parse(o.loss());
    } catch (InputException e) {
      throw new InputException("the loss does not parse: " + e.getMessage());
    }
    List<Expr> bad = Exprs.distinct(loss, n -> n instanceof Expr.Apply || n instanceof Expr.GfsShift);
    if (!bad.isEmpty()) {
      throw new InputException("unknown function '"
          + (bad.get(0) instanceof Expr.Apply a ? a.name() : "gfsShift") + "' in the loss");
    }
    for (String v : Exprs.variables(loss)) {
      if (!seen.contains(v)) {
        throw new InputException("unknown symbol '" + v + "' in the loss: the parameters are "
            + String.join(", ", o.params()));
      }
    }
    return custom(seen, loss);
  }
}

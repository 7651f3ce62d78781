package org.eoscheck.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eoscheck.InputException;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Exprs;

/** Builds a {@link Model} from a {@link ModelSpec}, rejecting bad options with one clear line. */
public final class Models {
  /** The families, as named on the command line and in lemma files. */
  public static final List<String> FAMILIES = List.of("scalar", "two-layer", "linear", "custom");
  public static final int MAX_DEPTH = 64;
  public static final int MAX_WIDTH = 64;
  public static final int MAX_LINEAR_PARAMETERS = 256;
  /** Names a parameter or symbol may not take: they mean something else in lemma files. */
  public static final Set<String> RESERVED = org.eoscheck.certificate.LemmaSemantics.RESERVED;
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Models() {}

  public static Model create(ModelSpec spec) throws InputException {
    String family = spec.family() == null ? "" : spec.family().trim();
    return switch (family) {
      case "scalar" -> new ScalarNetwork(range("depth", spec.depth(), 2, 1, MAX_DEPTH),
          scalarTarget(spec.target()));
      case "two-layer" -> new TwoLayerNetwork(range("width", spec.width(), 1, 1, MAX_WIDTH),
          scalarTarget(spec.target()));
      case "linear" -> linear(spec);
      case "custom" -> custom(spec);
      case "" -> throw new InputException("no model given: choose one of " + String.join(", ", FAMILIES));
      default -> throw new InputException("unknown model '" + family + "': choose one of "
          + String.join(", ", FAMILIES));
    };
  }

  private static int range(String what, Integer value, int fallback, int min, int max)
      throws InputException {
    int v = value == null ? fallback : value;
    if (v < min || v > max) {
      throw new InputException(what + " must be between " + min + " and " + max + ", not " + v);
    }
    return v;
  }

  /** A rational or a symbol name; default 1. */
  static Expr scalarTarget(String text) throws InputException {
    if (text == null || text.isBlank()) {
      return Exprs.ONE;
    }
    String t = text.trim();
    if (NAME.matcher(t).matches()) {
      if (RESERVED.contains(t)) {
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

  private static Model linear(ModelSpec spec) throws InputException {
    List<Integer> dims = spec.dims() == null ? List.of(1, 1, 1) : spec.dims();
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
    List<List<Expr>> target = spec.target() == null || spec.target().isBlank()
        ? LinearNetwork.identityTarget(dims) : matrix(spec.target());
    int rows = dims.get(dims.size() - 1);
    int cols = dims.get(0);
    if (target.size() != rows || target.stream().anyMatch(r -> r.size() != cols)) {
      throw new InputException("the target matrix must be " + rows + " x " + cols
          + " (rows separated by ';', entries by ',')");
    }
    return new LinearNetwork(dims, target);
  }

  private static List<List<Expr>> matrix(String text) throws InputException {
    List<List<Expr>> m = new ArrayList<>();
    for (String row : text.split(";")) {
      List<Expr> r = new ArrayList<>();
      for (String entry : row.split(",")) {
        r.add(scalarTarget(entry));
      }
      m.add(r);
    }
    return m;
  }

  private static Model custom(ModelSpec spec) throws InputException {
    if (spec.params() == null || spec.params().isEmpty()) {
      throw new InputException("a custom model needs params, e.g. --params x,y");
    }
    Set<String> seen = new HashSet<>();
    for (String p : spec.params()) {
      if (!NAME.matcher(p).matches()) {
        throw new InputException("'" + p + "' is not a valid parameter name");
      }
      if (RESERVED.contains(p)) {
        throw new InputException("a parameter may not be named '" + p + "': that name is reserved");
      }
      if (!seen.add(p)) {
        throw new InputException("parameter '" + p + "' is named twice");
      }
    }
    if (spec.loss() == null || spec.loss().isBlank()) {
      throw new InputException("a custom model needs a loss, e.g. --loss '(1 + x^2)*y^2'");
    }
    Expr loss;
    try {
      loss = ExprParser.parse(spec.loss());
    } catch (InputException e) {
      throw new InputException("the loss does not parse: " + e.getMessage());
    }
    if (Exprs.contains(loss, n -> n instanceof Expr.Apply || n instanceof Expr.GfsShift)) {
      Expr bad = firstApply(loss);
      throw new InputException("unknown function '" + (bad instanceof Expr.Apply a ? a.name() : "gfsShift")
          + "' in the loss");
    }
    for (String v : Exprs.variables(loss)) {
      if (!seen.contains(v)) {
        throw new InputException("unknown symbol '" + v + "' in the loss: the parameters are "
            + String.join(", ", spec.params()));
      }
    }
    return new CustomModel(spec.params(), loss);
  }

  private static Expr firstApply(Expr e) {
    if (e instanceof Expr.Apply || e instanceof Expr.GfsShift) {
      return e;
    }
    for (Expr c : Exprs.children(e)) {
      Expr f = firstApply(c);
      if (f != null) {
        return f;
      }
    }
    return null;
  }
}

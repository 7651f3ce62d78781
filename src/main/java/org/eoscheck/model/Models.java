package org.eoscheck.model;

import org.eoscheck.certificate.Family;
import org.eoscheck.certificate.LemmaSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eoscheck.InputException;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Exprs;

/** Builds a {@link Model} from a {@link ModelSpec}, rejecting bad options with one clear line. */
public final class Models {
  /** The families, as named on the command line and in lemma files. */
  public static final List<String> FAMILIES = List.of("scalar", "two-layer", "linear", "custom");
  public static final int MAX_DEPTH = Family.MAX_DEPTH;
  public static final int MAX_WIDTH = Family.MAX_WIDTH;
  public static final int MAX_LINEAR_PARAMETERS = Family.MAX_LINEAR_PARAMETERS;
  /** Names a parameter or symbol may not take: they mean something else in lemma files. */
  public static final Set<String> RESERVED = org.eoscheck.certificate.LemmaSemantics.RESERVED;

  private Models() {}

  /**
   * The model of a spec: options are checked, and losses, products and phi defined, by the
   * kernel's {@link Family}; this adds the prover's facts (closed forms, simulation hooks).
   */
  public static Model create(ModelSpec spec) throws InputException {
    String family = spec.family() == null ? "" : spec.family().trim();
    if (family.isEmpty()) {
      throw new InputException("no model given: choose one of " + String.join(", ", FAMILIES));
    }
    LemmaSource.ModelOptions o = new LemmaSource.ModelOptions(family, spec.depth(), spec.width(),
        spec.dims(), spec.target(), spec.params(), spec.loss(), 0);
    Family f = Family.of(o, RESERVED);
    return switch (family) {
      case "scalar" -> new ScalarNetwork(f.parameters().size(), f.target().orElseThrow());
      case "two-layer" -> new TwoLayerNetwork(f.parameters().size() / 2, f.target().orElseThrow());
      case "linear" -> {
        List<Integer> dims = Family.linearDims(o);
        yield new LinearNetwork(dims, Family.targetMatrix(o, dims, RESERVED));
      }
      default -> new CustomModel(f.parameters(), f.loss());
    };
  }
}

package org.eoscheck.cli;

import java.util.List;
import java.util.Map;
import org.eoscheck.model.ModelSpec;
import picocli.CommandLine.Option;

/** The options naming a model family's shape, shared by derive and simulate. */
final class ModelOptions {
  @Option(names = "--depth", paramLabel = "D", description = "depth of a scalar network (default 2)")
  Integer depth;

  @Option(names = "--width", paramLabel = "d", description = "width of the two-layer network (default 1)")
  Integer width;

  @Option(names = "--dims", split = ",", paramLabel = "n0,n1,...",
      description = "layer widths of a linear network (default 1,1,1) or of simulate's tanh network")
  List<Integer> dims;

  @Option(names = "--target", paramLabel = "T",
      description = "target: a rational (default 1) or a symbol such as y (linear: rows ';', entries ',')")
  String target;

  @Option(names = "--params", split = ",", paramLabel = "x,y",
      description = "parameter names of a custom model")
  List<String> params;

  @Option(names = "--loss", paramLabel = "EXPR", description = "loss of a custom model, e.g. '(1+x^2)*y^2'")
  String loss;

  /** The model these options name for {@code family}. */
  ModelSpec spec(String family) {
    return new ModelSpec(family, depth, width, dims, target, params, loss);
  }

  /** The options given, by name (for a run's metadata). */
  void putGiven(Map<String, Object> m) {
    putIfSet(m, "depth", depth);
    putIfSet(m, "width", width);
    putIfSet(m, "dims", dims);
    putIfSet(m, "target", target);
    putIfSet(m, "params", params);
    putIfSet(m, "loss", loss);
  }

  private static void putIfSet(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}

package org.eoscheck.model;

import java.util.List;

/**
 * How a user names a model, in a lemma file or on the command line: the family and its options.
 * Unused options are null. {@code target} is text: a rational ("1", "3/2") or a symbol ("y"); for
 * the linear family, matrix rows separated by ';' and entries by ',' ("1,0;0,1").
 */
public record ModelSpec(String family, Integer depth, Integer width, List<Integer> dims,
    String target, List<String> params, String loss) {

  public static ModelSpec scalar(int depth) {
    return new ModelSpec("scalar", depth, null, null, null, null, null);
  }

  public static ModelSpec twoLayer(int width) {
    return new ModelSpec("two-layer", null, width, null, null, null, null);
  }
}

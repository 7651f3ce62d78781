package org.eoscheck.certificate;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.expr.ExprParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The syntax of a lemma file (YAML), read by the kernel and by the prover alike: the model and its
 * options as written, the ranges of the variables (exact rationals; lo == hi fixes a variable),
 * the hypotheses and claims as text with their lines. What they mean is {@link LemmaSemantics}'s.
 * Every problem is reported as an {@link InputException} that names the file, the line and the
 * cause.
 *
 * <pre>
 * name: kreisler-depth2-criterion
 * source: "Kreisler, Nacson, Soudry, Carmon (ICML 2023)"
 * model: scalar            # scalar | two-layer | linear | custom
 * depth: 2                 # model options: depth, width, dims, target, params, loss
 * variables:               # the box; endpoints are exact rationals; one value fixes a variable
 *   w1: [1/10, 3]
 *   w2: [0, oo]            # [lo, oo], [-oo, hi] and [-oo, oo]: unbounded ranges
 *   eta: 1/2
 * assume:                  # hypotheses (a list, may be empty)
 *   - eta^2*(w1*w2 - 1)^2 &lt;= 2
 * claim: phi(gd(theta)) &lt;= phi(theta)     # or a list of claims, all must hold
 * expect: PROVED           # optional: the verdict the author expects
 * </pre>
 */
public record LemmaSource(String name, String source, String file, String text,
    ModelOptions model, Map<String, BigFraction[]> ranges, Map<String, Integer> rangeLines,
    List<Located> assumptions, List<Located> claims, String expect) {
  /**
   * The model as named: family and options as written (unused ones null), and the line of
   * {@code model:}. {@code target} is text: a rational or a symbol; for the linear family, matrix
   * rows separated by ';' and entries by ','.
   */
  public record ModelOptions(String family, Integer depth, Integer width, List<Integer> dims,
      String target, List<String> params, String loss, int line) {
    public ModelOptions {
      dims = dims == null ? null : List.copyOf(dims);
      params = params == null ? null : List.copyOf(params);
    }
  }

  public LemmaSource {
    ranges = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
    rangeLines = Map.copyOf(rangeLines);
    assumptions = List.copyOf(assumptions);
    claims = List.copyOf(claims);
  }

  private static final Set<String> KEYS = Set.of("name", "source", "model", "depth", "width",
      "dims", "target", "params", "loss", "variables", "assume", "claim", "expect", "notes");
  private static final Set<String> VERDICTS = Set.of("PROVED", "REFUTED", "UNKNOWN");

  public static LemmaSource load(Path file) throws InputException {
    return parse(read(file), file.toString());
  }

  /** The text of a lemma file. */
  public static String read(Path file) throws InputException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read the lemma file: " + e.getMessage());
    }
  }

  /**
   * The one lemma of a file; a family of lemmas ({@code depth: 3..10}) is refused here (see
   * {@link #members}).
   */
  public static LemmaSource parse(String text, String file) throws InputException {
    List<LemmaSource> members = members(text, file);
    if (members.size() != 1) {
      throw new InputException("a family of " + members.size() + " lemmas ("
          + members.get(0).name() + " ... " + members.get(members.size() - 1).name()
          + "): this command takes one lemma; check decides families").at(file, 1);
    }
    return members.get(0);
  }

  /** The member of a lemma file named {@code name}, or its only lemma. */
  public static LemmaSource member(String text, String file, String name) throws InputException {
    List<LemmaSource> members = members(text, file);
    if (members.size() == 1) {
      return members.get(0);
    }
    for (LemmaSource m : members) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    throw new InputException("the family has no member named '" + name + "'").at(file, 1);
  }

  /**
   * The lemmas of a file: one, or one per value of a family range {@code depth: A..B} or
   * {@code width: A..B}, named {@code name-depthN} ({@link IndexNotation} expands the text for
   * each).
   */
  public static List<LemmaSource> members(String text, String file) throws InputException {
    return members(text, file, false);
  }

  /**
   * This lemma's sorted form, if it uses order statistics u_(k): u_(k) read as w_k^2 and the
   * hypotheses u_1 <= ... <= u_n added (w_i <= w_{i+1} when no w_i is negative). It means the
   * same as the lemma when the lemma is symmetric in the coordinates ({@link Symmetry}).
   */
  public java.util.Optional<LemmaSource> sorted() throws InputException {
    if (!IndexNotation.mentionsOrderStatistic(text)) {
      return java.util.Optional.empty(); // the sorted reading would be the same text: no re-read
    }
    for (LemmaSource m : members(text, file, true)) {
      if (m.name().equals(name) && (!m.assumptions().subList(0, assumptions.size())
          .equals(assumptions) || !m.claims().equals(claims))) {
        return java.util.Optional.of(m);
      }
    }
    return java.util.Optional.empty();
  }

  private static List<LemmaSource> members(String text, String file, boolean sorted)
      throws InputException {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new InputException("malformed YAML: " + e.getProblem()).at(file, line);
    } catch (YAMLException e) {
      throw new InputException("malformed YAML: " + e.getMessage()).at(file, 0);
    }
    if (!(root instanceof MappingNode map)) {
      throw new InputException("a lemma file is a YAML mapping with name, model, variables and"
          + " claim").at(file, root == null ? 0 : line(root));
    }
    Map<String, NodeTuple> fields = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String key = scalar(t.getKeyNode(), "a key", file);
      if (!KEYS.contains(key)) {
        throw new InputException("unknown key '" + key + "' (known: " + String.join(", ",
            KEYS.stream().sorted().toList()) + ")").at(file, line(t.getKeyNode()));
      }
      if (fields.put(key, t) != null) {
        throw new InputException("key '" + key + "' appears twice").at(file, line(t.getKeyNode()));
      }
    }
    for (String required : List.of("name", "model", "variables", "claim")) {
      if (!fields.containsKey(required)) {
        throw new InputException("missing key '" + required + "'").at(file, 1);
      }
    }
    String ranged = null;
    int[] range = null;
    Map<String, Integer> env = new LinkedHashMap<>();
    for (String key : List.of("depth", "width")) {
      String s = optionalScalar(fields, key, file);
      java.util.regex.Matcher m = s == null ? null
          : java.util.regex.Pattern.compile("\\s*(\\d+)\\s*\\.\\.\\s*(\\d+)\\s*").matcher(s);
      if (m != null && m.matches()) {
        if (ranged != null) {
          throw new InputException("a family ranges over one option, not both " + ranged + " and "
              + key).at(file, line(value(fields, key)));
        }
        ranged = key;
        range = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        if (range[0] > range[1]) {
          throw new InputException("the family range " + s.trim() + " is empty")
              .at(file, line(value(fields, key)));
        }
      } else if (s != null) {
        env.put(key, integer(fields, key, file));
      }
    }
    // dims: [1, 1..4, 1] ranges over one layer width; the widths are n0, n1, ... in the text
    List<String> dims = list(fields, "dims", file);
    String rangedDim = null;
    for (int k = 0; dims != null && k < dims.size(); k++) {
      String d = dims.get(k).trim();
      java.util.regex.Matcher m = java.util.regex.Pattern
          .compile("(\\d+)\\s*\\.\\.\\s*(\\d+)").matcher(d);
      if (m.matches()) {
        if (ranged != null) {
          throw new InputException("a family ranges over one option, not both " + ranged
              + " and dims").at(file, line(value(fields, "dims")));
        }
        ranged = "dims";
        rangedDim = "n" + k;
        range = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        if (range[0] > range[1]) {
          throw new InputException("the family range " + d + " is empty")
              .at(file, line(value(fields, "dims")));
        }
        env.put(rangedDim, range[0]);
      } else if (d.matches("\\d+")) {
        env.put("n" + k, Integer.valueOf(d));
      } else {
        throw new InputException("dims must be whole numbers or one range A..B, e.g. [2, 2, 2]"
            + " or [1, 1..4, 1]").at(file, line(value(fields, "dims")));
      }
    }
    if (ranged == null) {
      return List.of(member(fields, file, text, env, "", sorted));
    }
    List<LemmaSource> out = new ArrayList<>();
    for (int v = range[0]; v <= range[1]; v++) {
      env.put(rangedDim != null ? rangedDim : ranged, v);
      String suffix = rangedDim == null ? "-" + ranged + v : "-dims" + String.join("-",
          java.util.stream.IntStream.range(0, dims.size())
              .mapToObj(k -> String.valueOf(env.get("n" + k))).toList());
      out.add(member(fields, file, text, env, suffix, sorted));
    }
    return out;
  }

  /** One lemma: the fields with the index notation expanded for {@code env}. */
  private static LemmaSource member(Map<String, NodeTuple> fields, String file, String text,
      Map<String, Integer> env, String suffix, boolean sorted) throws InputException {
    String name = scalar(value(fields, "name"), "name", file) + suffix;
    String source = fields.containsKey("source") ? scalar(value(fields, "source"), "source", file) : "";
    ModelOptions model = model(fields, file, env);
    Map<String, BigFraction[]> ranges = new LinkedHashMap<>();
    Map<String, Integer> rangeLines = new HashMap<>();
    Node vars = value(fields, "variables");
    if (!(vars instanceof MappingNode varMap) || varMap.getValue().isEmpty()) {
      throw new InputException("variables must map names to ranges, e.g. 'w1: [1/10, 3]'")
          .at(file, line(vars));
    }
    for (NodeTuple t : varMap.getValue()) {
      String key = scalar(t.getKeyNode(), "a variable name", file);
      List<String> names;
      try {
        names = IndexNotation.variables(key, env);
      } catch (InputException e) {
        throw e.at(file, line(t.getKeyNode()));
      }
      for (String v : names) {
        if (ranges.put(v, range(v, t.getValueNode(), file)) != null) {
          throw new InputException("variable '" + v + "' is given twice")
              .at(file, line(t.getKeyNode()));
        }
        rangeLines.put(v, line(t.getKeyNode()));
      }
    }
    List<Located> assumptions = new ArrayList<>(fields.containsKey("assume")
        ? strings(value(fields, "assume"), "assume", file, env, sorted) : List.of());
    List<Located> claims = strings(value(fields, "claim"), "claim", file, env, sorted);
    Integer n = env.get("depth");
    if (sorted && n != null) {
      boolean nonNegative = ranges.entrySet().stream().filter(r -> r.getKey().matches("w\\d+"))
          .allMatch(r -> r.getValue()[0] != null && r.getValue()[0].signum() >= 0);
      for (int i = 1; i < n; i++) {
        assumptions.add(new Located(nonNegative ? "w" + i + " <= w" + (i + 1)
            : "w" + i + "^2 <= w" + (i + 1) + "^2", line(vars)));
      }
    }
    if (claims.isEmpty()) {
      throw new InputException("claim is empty").at(file, line(value(fields, "claim")));
    }
    String expect = null;
    if (fields.containsKey("expect")) {
      expect = scalar(value(fields, "expect"), "expect", file).toUpperCase(java.util.Locale.ROOT);
      if (!VERDICTS.contains(expect)) {
        throw new InputException("expect must be PROVED, REFUTED or UNKNOWN")
            .at(file, line(value(fields, "expect")));
      }
    }
    return new LemmaSource(name, source, file, text, model, ranges, rangeLines, assumptions, claims,
        expect);
  }

  /** Relations with their lines, the index notation expanded ({@code for} items give several). */
  private static List<Located> strings(Node node, String key, String file, Map<String, Integer> env,
      boolean sorted) throws InputException {
    List<Located> out = new ArrayList<>();
    for (Located l : strings(node, key, file)) {
      try {
        for (String item : IndexNotation.items(l.text(), env, sorted)) {
          out.add(new Located(item, l.line()));
        }
      } catch (InputException e) {
        throw e.at(file, l.line());
      }
    }
    return out;
  }

  private static ModelOptions model(Map<String, NodeTuple> fields, String file,
      Map<String, Integer> env) throws InputException {
    Node modelNode = value(fields, "model");
    return new ModelOptions(scalar(modelNode, "model", file), env.get("depth"), env.get("width"), dims(fields, env), optionalScalar(fields, "target", file),
        params(fields, file), optionalScalar(fields, "loss", file), line(modelNode));
  }

  private static BigFraction[] range(String v, Node node, String file) throws InputException {
    List<String> bounds;
    if (node instanceof ScalarNode s) {
      bounds = List.of(s.getValue(), s.getValue());
    } else if (node instanceof SequenceNode seq && seq.getValue().size() == 2
        && seq.getValue().stream().allMatch(n -> n instanceof ScalarNode)) {
      bounds = seq.getValue().stream().map(n -> ((ScalarNode) n).getValue()).toList();
    } else {
      throw new InputException("variable '" + v + "' needs a range [lo, hi] or a single value")
          .at(file, line(node));
    }
    try {
      if (node instanceof ScalarNode && infinity(bounds.get(0)) != 0) {
        throw new InputException("cannot be fixed at " + bounds.get(0).strip()
            + "; an unbounded range is written [lo, oo], [-oo, hi] or [-oo, oo]");
      }
      if (infinity(bounds.get(0)) > 0) {
        throw new InputException("the lower end of [" + bounds.get(0).strip() + ", "
            + bounds.get(1).strip() + "] is oo, the range is empty (write [lo, oo] for lo <= x)");
      }
      if (infinity(bounds.get(1)) < 0) {
        throw new InputException("the upper end of [" + bounds.get(0).strip() + ", "
            + bounds.get(1).strip() + "] is -oo, the range is empty (write [-oo, hi] for x <= hi)");
      }
      BigFraction lo = infinity(bounds.get(0)) < 0 ? null : ExprParser.parseRational(bounds.get(0));
      BigFraction hi = infinity(bounds.get(1)) > 0 ? null : ExprParser.parseRational(bounds.get(1));
      if (lo != null && hi != null && lo.compareTo(hi) > 0) {
        throw new InputException("[" + text(lo) + ", " + text(hi) + "] is inverted, the box is empty");
      }
      return new BigFraction[] {lo, hi};
    } catch (InputException e) {
      throw new InputException("variable '" + v + "': " + e.getMessage()).at(file, line(node));
    }
  }

  /** +1 for "oo", -1 for "-oo", 0 for anything else (a rational, or an error later). */
  private static int infinity(String end) {
    String e = end.strip();
    return e.equals("oo") ? 1 : e.equals("-oo") ? -1 : 0;
  }

  private static String text(BigFraction q) {
    return org.eoscheck.expr.ExprPrinter.rational(q);
  }

  private static List<Located> strings(Node node, String key, String file) throws InputException {
    List<Located> out = new ArrayList<>();
    if (node instanceof ScalarNode s) {
      if (!s.getValue().isBlank()) {
        out.add(new Located(s.getValue(), line(s)));
      }
      return out;
    }
    if (node instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        if (item instanceof MappingNode m && m.getValue().size() == 1
            && m.getValue().get(0).getKeyNode() instanceof ScalarNode k
            && k.getValue().startsWith("for ")) {
          // "- for i = 1..depth-1: w_i <= w_{i+1}" reads as a one-key mapping in YAML
          out.add(new Located(k.getValue() + ": "
              + scalar(m.getValue().get(0).getValueNode(), "an item of " + key, file), line(item)));
        } else {
          out.add(new Located(scalar(item, "an item of " + key, file), line(item)));
        }
      }
      return out;
    }
    throw new InputException(key + " must be a relation or a list of relations").at(file, line(node));
  }

  private static Integer integer(Map<String, NodeTuple> fields, String key, String file)
      throws InputException {
    String s = optionalScalar(fields, key, file);
    if (s == null) {
      return null;
    }
    try {
      return Integer.valueOf(s.trim());
    } catch (NumberFormatException e) {
      throw new InputException(key + " must be a whole number, not '" + s + "'")
          .at(file, line(value(fields, key)));
    }
  }

  /** The layer widths n0, n1, ... of {@code env} (set by {@link #members}), or null. */
  private static List<Integer> dims(Map<String, NodeTuple> fields, Map<String, Integer> env) {
    if (!fields.containsKey("dims")) {
      return null;
    }
    List<Integer> out = new ArrayList<>();
    for (int k = 0; env.containsKey("n" + k); k++) {
      out.add(env.get("n" + k));
    }
    return out;
  }

  private static List<String> params(Map<String, NodeTuple> fields, String file) throws InputException {
    List<String> items = list(fields, "params", file);
    return items == null ? null : items.stream().map(String::trim).toList();
  }

  /** A YAML list of scalars, or one comma-separated scalar. */
  private static List<String> list(Map<String, NodeTuple> fields, String key, String file)
      throws InputException {
    if (!fields.containsKey(key)) {
      return null;
    }
    Node node = value(fields, key);
    if (node instanceof ScalarNode s) {
      return List.of(s.getValue().split(","));
    }
    List<String> out = new ArrayList<>();
    for (Located l : strings(node, key, file)) {
      out.add(l.text());
    }
    return out;
  }

  private static String optionalScalar(Map<String, NodeTuple> fields, String key, String file)
      throws InputException {
    return fields.containsKey(key) ? scalar(value(fields, key), key, file) : null;
  }

  private static Node value(Map<String, NodeTuple> fields, String key) {
    return fields.get(key).getValueNode();
  }

  private static String scalar(Node node, String what, String file) throws InputException {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    throw new InputException(what + " must be a single value").at(file, line(node));
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }
}

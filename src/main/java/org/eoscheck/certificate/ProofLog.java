package org.eoscheck.certificate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.certificate.CertifiedEvaluator.Form;
import org.eoscheck.expr.ExprParser;

/**
 * The proof-log format {@value #FORMAT} in one place: its records and their JSON lines (see the
 * project's prooflog.md). One JSON object per line; rationals are exact strings "p/q"; expressions
 * are lemma-language text. {@code verify.ProofLogWriter} writes it (outside the kernel),
 * {@link ProofLogReader} reads it, {@link Replay} checks it.
 */
public final class ProofLog {
  public static final String FORMAT = "eoscheck-proof-log/1";

  /** The mapper of the format (one JSON object per line, no trailing tokens). */
  public static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ProofLog() {}

  /** Enum constants with the lower-case labels of the format. */
  interface Labelled {
    String label();
  }

  /** The status of a finished box. */
  public enum Status implements Labelled {
    PROVED, REFUTED, UNKNOWN;

    public String label() {
      return name().toLowerCase();
    }
  }

  /** How a leaf's claim was closed. */
  public enum Method implements Labelled {
    VACUOUS, INTERVAL, REDUCTION, Z3, VIOLATION;

    public String label() {
      return name().toLowerCase();
    }
  }

  /** What a reduction factor's sign rests on. */
  public enum Sign implements Labelled {
    SQUARE, HYPOTHESIS, POSITIVE_ON_ROOT, NEGATIVE_ON_ROOT, NONNEGATIVE_ON_ROOT, NONPOSITIVE_ON_ROOT,
    OPEN;

    public String label() {
      return name().toLowerCase().replace('_', '-');
    }
  }

  /** The verdict of a run; the label is the upper-case name. */
  public enum Verdict implements Labelled {
    PROVED, REFUTED, UNKNOWN;

    public String label() {
      return name();
    }
  }

  /**
   * Line 1. {@code lemmaSha256} is the hex SHA-256 of {@code lemmaText} (UTF-8); {@code options}
   * holds JSON scalars; {@code root} maps every variable, in order, to its range; hypotheses and
   * claims are elaborated relations; {@code shard} is null or "i/n".
   */
  public record Header(String lemma, String lemmaFile, String lemmaText, String lemmaSha256,
      String tool, String z3, Map<String, Object> options, List<String> variables,
      Map<String, Bounds> root, List<String> hypotheses, List<Claim> claims, String shard) {
    /** A header whose hash is computed from {@code lemmaText}. */
    public static Header of(String lemma, String lemmaFile, String lemmaText, String tool, String z3,
        Map<String, Object> options, List<String> variables, Map<String, Bounds> root,
        List<String> hypotheses, List<Claim> claims, String shard) {
      return new Header(lemma, lemmaFile, lemmaText, sha256(lemmaText), tool, z3, options,
          variables, root, hypotheses, claims, shard);
    }

    public Header withShard(String newShard) {
      return new Header(lemma, lemmaFile, lemmaText, lemmaSha256, tool, z3, options, variables,
          root, hypotheses, claims, newShard);
    }
  }

  /** A claim: the lemma's text, the elaborated relation, and an optional reduction. */
  public record Claim(String source, String relation, Reduction reduction) {}

  /**
   * A sufficient condition for one claim (prooflog.md). The kernel derives f (and A, B when
   * {@code sqrtArgs} is present) from the claim's relation itself; {@code difference} and the
   * texts of {@code sqrtArgs} are for readers.
   */
  public record Reduction(String difference, List<String> sqrtArgs, String constant,
      List<Factor> factors, String residual, MeanValue meanValue, Rayleigh rayleigh) {
    public Reduction(String difference, List<String> sqrtArgs, String constant,
        List<Factor> factors, String residual, MeanValue meanValue) {
      this(difference, sqrtArgs, constant, factors, residual, meanValue, null);
    }

    public Reduction(String difference, List<String> sqrtArgs, String constant,
        List<Factor> factors, String residual) {
      this(difference, sqrtArgs, constant, factors, residual, null, null);
    }
  }

  /**
   * A Rayleigh reduction ({@link RayleighRule}): the witness vector, multiples of equation
   * hypotheses, and the remainder that the constant and factors of the reduction then factor.
   */
  public record Rayleigh(List<String> witness, List<Multiple> multiples, String remainder) {}

  /** multiplier * H_j added to a Rayleigh residual, H_j &gt;= 0 half of an equation (RayleighRule). */
  public record Multiple(int hypothesis, String multiplier) {}

  /**
   * A mean-value reduction ({@link MeanValueRule}): the claim's sides are F at the points
   * {@code from} and {@code claimed}; F is translation invariant when {@code to} differs from
   * {@code claimed}; to - from = K * direction with K = constant * prod(factors). The leaves prove
   * {@code residual}[points := from + parameter * K * direction, directions := direction,
   * pair names := pair values] &gt;= 0 for every parameter in [0, 1].
   */
  public record MeanValue(String parameter, List<String> points, List<String> directions,
      String function, List<String> from, List<String> claimed, List<String> to,
      List<String> direction, List<Pair> pairs, String residual) {}

  /** A placeholder of a mean-value residual: generic(points, directions) == value(variables, parameter). */
  public record Pair(String name, String generic, String value) {}

  /** base^power with a sign reason; {@code hypothesis} and {@code ratio} only for HYPOTHESIS. */
  public record Factor(String base, int power, Sign sign, Integer hypothesis, String ratio) {
    public static Factor of(String base, int power, Sign sign) {
      return new Factor(base, power, sign, null, null);
    }

    public static Factor hypothesis(String base, int power, int hypothesis, String ratio) {
      return new Factor(base, power, Sign.HYPOTHESIS, hypothesis, ratio);
    }
  }

  /**
   * The box at {@code path} was split into path.0 (variable &lt;= at) and path.1 (variable &gt;= at).
   * For resuming a run; the kernel rebuilds the tree from the leaves and does not rely on these.
   */
  public record Split(String path, String variable, BigFraction at) {}

  /** One finished box. */
  public record Leaf(String path, Map<String, Bounds> box, Status status, List<Evidence> evidence,
      long ms) {}

  /** One piece of evidence of a leaf; unused fields are null. */
  public record Evidence(Method method, Integer claim, Form form, Integer hypothesis, String smt) {
    public static Evidence vacuous(int hypothesis) {
      return new Evidence(Method.VACUOUS, null, null, hypothesis, null);
    }

    public static Evidence interval(int claim, Form form) {
      return new Evidence(Method.INTERVAL, claim, form, null, null);
    }

    public static Evidence reduction(int claim) {
      return new Evidence(Method.REDUCTION, claim, null, null, null);
    }

    /** {@code smt} must be {@link KernelSmt#refutationQuery} of the leaf, verbatim. */
    public static Evidence z3(int claim, String smt) {
      return new Evidence(Method.Z3, claim, null, null, smt);
    }

    public static Evidence violation(int claim) {
      return new Evidence(Method.VIOLATION, claim, null, null, null);
    }
  }

  /**
   * A point of the root box where the hypotheses hold and claim {@code claim} fails: defined and
   * false ({@code undefined} null, {@code lhs} and {@code rhs} enclose its sides), or undefined
   * ({@code undefined} says why, e.g. "division by 0: w1 - w1 = 0"; a side without an enclosure
   * is null). Replay re-evaluates the point and requires the same kind of failure.
   */
  public record Counterexample(int claim, Map<String, BigFraction> point, CertifiedInterval lhs,
      CertifiedInterval rhs, String undefined) {
    /** A counterexample at which the claim is defined and false. */
    public Counterexample(int claim, Map<String, BigFraction> point, CertifiedInterval lhs,
        CertifiedInterval rhs) {
      this(claim, point, lhs, rhs, null);
    }
  }

  /** Exact fractions of the root volume. */
  public record Volumes(BigFraction proved, BigFraction refuted, BigFraction unknown) {}

  /** The last line of a finished run. */
  public record Result(Verdict verdict, Volumes volume, long boxes, double seconds) {}

  /** A whole log as read; {@code result} is null when the run was killed. */
  public record Contents(Header header, List<Split> splits, List<Leaf> leaves,
      List<Counterexample> counterexamples, Result result) {}

  // ---- small shared helpers ----

  /** An exact rational as "p/q" or "p" with the sign on p. */
  public static String rational(BigFraction q) {
    BigInteger p = q.getNumerator();
    BigInteger d = q.getDenominator();
    if (d.signum() < 0) {
      p = p.negate();
      d = d.negate();
    }
    return d.equals(BigInteger.ONE) ? p.toString() : p + "/" + d;
  }

  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The hex SHA-256 of bytes (a certificate file as stored, compressed or not). */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  /** "{w1: [1/10, 3], eta: [1/100, 1]}" for messages. */
  public static String boxText(Map<String, Bounds> box) {
    StringBuilder b = new StringBuilder("{");
    box.forEach((v, r) -> b.append(b.length() > 1 ? ", " : "").append(v).append(": ").append(r));
    return b.append('}').toString();
  }

  // ---- records to JSON ----

  public static ObjectNode json(Header h) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "header").put("format", FORMAT).put("lemma", h.lemma())
        .put("lemmaFile", h.lemmaFile()).put("lemmaText", h.lemmaText())
        .put("lemmaSha256", h.lemmaSha256()).put("tool", h.tool()).put("z3", h.z3());
    o.set("options", JSON.valueToTree(h.options()));
    o.set("variables", strings(h.variables()));
    o.set("root", box(h.root()));
    o.set("hypotheses", strings(h.hypotheses()));
    ArrayNode claims = o.putArray("claims");
    for (Claim c : h.claims()) {
      ObjectNode co = claims.addObject().put("source", c.source()).put("relation", c.relation());
      co.set("reduction", c.reduction() == null ? null : json(c.reduction()));
    }
    o.put("shard", h.shard());
    return o;
  }

  private static ObjectNode json(Reduction r) {
    ObjectNode o = JSON.createObjectNode().put("difference", r.difference());
    o.set("sqrtArgs", r.sqrtArgs() == null ? null : strings(r.sqrtArgs()));
    o.put("constant", r.constant());
    ArrayNode factors = o.putArray("factors");
    for (Factor f : r.factors()) {
      ObjectNode fo = factors.addObject().put("base", f.base()).put("power", f.power())
          .put("sign", f.sign().label());
      if (f.sign() == Sign.HYPOTHESIS) {
        fo.put("hypothesis", f.hypothesis()).put("ratio", f.ratio());
      }
    }
    o.put("residual", r.residual());
    if (r.meanValue() != null) {
      o.set("meanValue", json(r.meanValue()));
    }
    if (r.rayleigh() != null) {
      ObjectNode ro = o.putObject("rayleigh");
      ro.set("witness", strings(r.rayleigh().witness()));
      ArrayNode ms = ro.putArray("multiples");
      for (Multiple m : r.rayleigh().multiples()) {
        ms.addObject().put("hypothesis", m.hypothesis()).put("multiplier", m.multiplier());
      }
      ro.put("remainder", r.rayleigh().remainder());
    }
    return o;
  }

  private static ObjectNode json(MeanValue m) {
    ObjectNode o = JSON.createObjectNode().put("parameter", m.parameter());
    o.set("points", strings(m.points()));
    o.set("directions", strings(m.directions()));
    o.put("function", m.function());
    o.set("from", strings(m.from()));
    o.set("claimed", strings(m.claimed()));
    o.set("to", strings(m.to()));
    o.set("direction", strings(m.direction()));
    ArrayNode pairs = o.putArray("pairs");
    for (Pair p : m.pairs()) {
      pairs.addObject().put("name", p.name()).put("generic", p.generic()).put("value", p.value());
    }
    return o.put("residual", m.residual());
  }

  public static ObjectNode json(Split s) {
    return JSON.createObjectNode().put("type", "split").put("path", s.path())
        .put("variable", s.variable()).put("at", rational(s.at()));
  }

  static Split split(JsonNode o) throws InputException {
    return new Split(text(o, "path"), text(o, "variable"), rational(node(o, "at"), "at"));
  }

  public static ObjectNode json(Leaf l) {
    ObjectNode o = JSON.createObjectNode().put("type", "leaf").put("path", l.path());
    o.set("box", box(l.box()));
    o.put("status", l.status().label());
    ArrayNode ev = o.putArray("evidence");
    for (Evidence e : l.evidence()) {
      ObjectNode eo = ev.addObject();
      if (e.claim() != null) {
        eo.put("claim", e.claim());
      }
      eo.put("method", e.method().label());
      if (e.form() != null) {
        eo.put("form", e.form().label());
      }
      if (e.hypothesis() != null) {
        eo.put("hypothesis", e.hypothesis());
      }
      if (e.smt() != null) {
        eo.put("smt", e.smt());
      }
    }
    return o.put("ms", l.ms());
  }

  public static ObjectNode json(Counterexample c) {
    ObjectNode o = JSON.createObjectNode().put("type", "counterexample").put("claim", c.claim());
    ObjectNode p = o.putObject("point");
    c.point().forEach((v, x) -> p.put(v, rational(x)));
    if (c.undefined() != null) {
      o.put("undefined", c.undefined());
    }
    o.set("lhs", pair(c.lhs()));
    o.set("rhs", pair(c.rhs()));
    return o;
  }

  public static ObjectNode json(Result r) {
    ObjectNode o = JSON.createObjectNode().put("type", "result").put("verdict", r.verdict().name());
    o.putObject("volume").put("proved", rational(r.volume().proved()))
        .put("refuted", rational(r.volume().refuted()))
        .put("unknown", rational(r.volume().unknown()));
    return o.put("boxes", r.boxes()).put("seconds", r.seconds());
  }

  private static ArrayNode strings(List<String> xs) {
    ArrayNode a = JSON.createArrayNode();
    xs.forEach(a::add);
    return a;
  }

  private static ObjectNode box(Map<String, Bounds> box) {
    ObjectNode o = JSON.createObjectNode();
    box.forEach((v, b) -> o.putArray(v).add(Bounds.end(b.lo(), true)).add(Bounds.end(b.hi(), false)));
    return o;
  }

  /** [lo, hi] as decimal strings; null for a side without an enclosure (undefined there). */
  private static JsonNode pair(CertifiedInterval x) {
    if (x == null) {
      return JSON.nullNode();
    }
    return JSON.createArrayNode().add(x.lo().toString()).add(x.hi().toString());
  }

  // ---- JSON to records; every error is an InputException naming the field ----

  static Header header(JsonNode o) throws InputException {
    if (!FORMAT.equals(text(o, "format"))) {
      throw new InputException("format '" + text(o, "format") + "' is not " + FORMAT);
    }
    Map<String, Object> options = new LinkedHashMap<>();
    JsonNode opts = node(o, "options");
    if (!opts.isObject()) {
      throw new InputException("'options' must be an object");
    }
    opts.fields().forEachRemaining(e -> options.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
    List<Claim> claims = new ArrayList<>();
    for (JsonNode c : array(o, "claims")) {
      JsonNode r = c.get("reduction");
      claims.add(new Claim(text(c, "source"), text(c, "relation"),
          r == null || r.isNull() ? null : reduction(r)));
    }
    return new Header(text(o, "lemma"), text(o, "lemmaFile"), text(o, "lemmaText"),
        text(o, "lemmaSha256"), text(o, "tool"), optionalText(o, "z3"), options,
        texts(o, "variables"), box(node(o, "root")), texts(o, "hypotheses"),
        claims, optionalText(o, "shard"));
  }

  private static Reduction reduction(JsonNode r) throws InputException {
    JsonNode sqrt = r.get("sqrtArgs");
    List<String> sqrtArgs = sqrt == null || sqrt.isNull() ? null : texts(r, "sqrtArgs");
    if (sqrtArgs != null && sqrtArgs.size() != 2) {
      throw new InputException("'sqrtArgs' must hold two expressions");
    }
    List<Factor> factors = new ArrayList<>();
    for (JsonNode f : array(r, "factors")) {
      Sign sign = label(Sign.values(), text(f, "sign"), "sign");
      boolean hyp = sign == Sign.HYPOTHESIS;
      factors.add(new Factor(text(f, "base"), integer(f, "power"), sign,
          hyp ? integer(f, "hypothesis") : null, hyp ? text(f, "ratio") : null));
    }
    JsonNode mv = r.get("meanValue");
    JsonNode ry = r.get("rayleigh");
    return new Reduction(optionalText(r, "difference"), sqrtArgs, text(r, "constant"), factors,
        text(r, "residual"), mv == null || mv.isNull() ? null : meanValue(mv),
        ry == null || ry.isNull() ? null : rayleigh(ry));
  }

  private static Rayleigh rayleigh(JsonNode r) throws InputException {
    List<Multiple> out = new ArrayList<>();
    for (JsonNode m : array(r, "multiples")) {
      out.add(new Multiple(integer(m, "hypothesis"), text(m, "multiplier")));
    }
    return new Rayleigh(texts(r, "witness"), out, text(r, "remainder"));
  }

  private static MeanValue meanValue(JsonNode m) throws InputException {
    List<Pair> pairs = new ArrayList<>();
    for (JsonNode p : array(m, "pairs")) {
      pairs.add(new Pair(text(p, "name"), text(p, "generic"), text(p, "value")));
    }
    return new MeanValue(text(m, "parameter"), texts(m, "points"), texts(m, "directions"),
        text(m, "function"), texts(m, "from"), texts(m, "claimed"), texts(m, "to"),
        texts(m, "direction"), pairs, text(m, "residual"));
  }

  static Leaf leaf(JsonNode o) throws InputException {
    List<Evidence> evidence = new ArrayList<>();
    for (JsonNode e : array(o, "evidence")) {
      Method m = label(Method.values(), text(e, "method"), "method");
      String form = optionalText(e, "form");
      evidence.add(new Evidence(m, e.has("claim") ? integer(e, "claim") : null,
          form == null ? null : Form.byLabel(form).orElseThrow(
              () -> new InputException("unknown form '" + form + "'")),
          e.has("hypothesis") ? integer(e, "hypothesis") : null, optionalText(e, "smt")));
    }
    return new Leaf(text(o, "path"), box(node(o, "box")),
        label(Status.values(), text(o, "status"), "status"), evidence,
        o.has("ms") ? node(o, "ms").asLong() : 0);
  }

  static Counterexample counterexample(JsonNode o) throws InputException {
    Map<String, BigFraction> point = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node(o, "point").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      point.put(e.getKey(), rational(e.getValue(), "point." + e.getKey()));
    }
    String undefined = optionalText(o, "undefined");
    if (undefined == null) {
      return new Counterexample(integer(o, "claim"), point, decimalPair(o, "lhs"),
          decimalPair(o, "rhs"));
    }
    return new Counterexample(integer(o, "claim"), point, optionalDecimalPair(o, "lhs"),
        optionalDecimalPair(o, "rhs"), undefined);
  }

  static Result result(JsonNode o) throws InputException {
    JsonNode v = node(o, "volume");
    Verdict verdict = label(Verdict.values(), text(o, "verdict"), "verdict");
    return new Result(verdict, new Volumes(rational(node(v, "proved"), "volume.proved"),
        rational(node(v, "refuted"), "volume.refuted"), rational(node(v, "unknown"), "volume.unknown")),
        node(o, "boxes").asLong(), o.has("seconds") ? node(o, "seconds").asDouble() : 0);
  }

  static Map<String, Bounds> box(JsonNode o) throws InputException {
    if (!o.isObject()) {
      throw new InputException("a box must be an object of [lo, hi] pairs");
    }
    Map<String, Bounds> box = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode pair = e.getValue();
      if (!pair.isArray() || pair.size() != 2) {
        throw new InputException("bounds of " + e.getKey() + " must be [lo, hi]");
      }
      BigFraction lo = "-oo".equals(pair.get(0).asText()) ? null : rational(pair.get(0), e.getKey());
      BigFraction hi = "oo".equals(pair.get(1).asText()) ? null : rational(pair.get(1), e.getKey());
      if (lo != null && hi != null && lo.compareTo(hi) > 0) {
        throw new InputException("empty range of " + e.getKey() + ": " + pair);
      }
      box.put(e.getKey(), new Bounds(lo, hi));
    }
    return box;
  }

  private static CertifiedInterval decimalPair(JsonNode o, String field) throws InputException {
    JsonNode p = node(o, field);
    try {
      return new CertifiedInterval(new BigDecimal(p.get(0).asText()), new BigDecimal(p.get(1).asText()));
    } catch (RuntimeException e) {
      throw new InputException("'" + field + "' must be a pair [lo, hi] of decimals");
    }
  }

  private static CertifiedInterval optionalDecimalPair(JsonNode o, String field)
      throws InputException {
    JsonNode p = o.get(field);
    return p == null || p.isNull() ? null : decimalPair(o, field);
  }

  private static BigFraction rational(JsonNode n, String what) throws InputException {
    if (!n.isTextual()) {
      throw new InputException(what + ": a rational must be a string \"p/q\"");
    }
    try {
      return ExprParser.parseRational(n.asText());
    } catch (InputException e) {
      throw new InputException(what + ": " + e.getMessage());
    }
  }

  private static <E extends Enum<E> & Labelled> E label(E[] values, String label, String field)
      throws InputException {
    return Arrays.stream(values).filter(v -> v.label().equals(label)).findFirst()
        .orElseThrow(() -> new InputException("unknown " + field + " '" + label + "'"));
  }

  private static JsonNode node(JsonNode o, String field) throws InputException {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new InputException("missing field '" + field + "'");
    }
    return n;
  }

  private static String text(JsonNode o, String field) throws InputException {
    JsonNode n = node(o, field);
    if (!n.isTextual()) {
      throw new InputException("field '" + field + "' must be a string");
    }
    return n.asText();
  }

  private static String optionalText(JsonNode o, String field) throws InputException {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? null : text(o, field);
  }

  private static int integer(JsonNode o, String field) throws InputException {
    JsonNode n = node(o, field);
    if (!n.canConvertToInt() || !n.isIntegralNumber()) {
      throw new InputException("field '" + field + "' must be an integer");
    }
    return n.asInt();
  }

  private static List<JsonNode> array(JsonNode o, String field) throws InputException {
    JsonNode n = node(o, field);
    if (!n.isArray()) {
      throw new InputException("field '" + field + "' must be an array");
    }
    List<JsonNode> out = new ArrayList<>();
    n.forEach(out::add);
    return out;
  }

  private static List<String> texts(JsonNode o, String field) throws InputException {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array(o, field)) {
      if (!n.isTextual()) {
        throw new InputException("field '" + field + "' must hold strings, found " + n);
      }
      out.add(n.asText());
    }
    return out;
  }

  static Optional<String> type(JsonNode o) {
    JsonNode t = o.get("type");
    return t == null || !t.isTextual() ? Optional.empty() : Optional.of(t.asText());
  }
}

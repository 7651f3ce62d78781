package org.eoscheck.certificate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eoscheck.InputException;

/**
 * Index notation of lemma files, so that one text serves every member of a family of lemmas
 * ({@code depth: 3..10}) and every depth or width. It is expanded to plain lemma text before
 * parsing, by the kernel and the prover alike ({@link LemmaSource}):
 * <ul>
 * <li>{@code depth}, {@code width}: the member's value;
 * <li>{@code w_i}, {@code a_{i+1}}, {@code w_3}: the variable with the index evaluated
 *     ({@code w3}), the index from 1 to the depth (or width); after a name ending in a digit the
 *     underscore stays and bound indices are replaced ({@code W1_i_j} is {@code W1_2_3}), and
 *     {@code x_a} with {@code a} not an index is the name {@code x_a};
 * <li>{@code sum(i = A..B, E)}, {@code prod(i = A..B, E)}: (E[i:=A] + ... + E[i:=B]) and
 *     (E[i:=A] * ... * E[i:=B]); the empty sum is 0, the empty product 1;
 * <li>{@code u_(k)}: the k-th smallest of u_i = w_i^2 (i = 1..depth), written as
 *     min over the k-element sets S of max_{i in S} w_i^2 (so no hand sorting: "the two
 *     smallest" is u_(1)*u_(2));
 * <li>an item {@code for i = A..B: R} of assume or claim: the relations R[i:=A], ..., R[i:=B].
 * </ul>
 * Index expressions are whole numbers, depth, width and bound indices under + - * and brackets.
 */
final class IndexNotation {
  /** At most this many terms in one order statistic (C(n, k) sets). */
  static final int MAX_TERMS = 5000;

  private static final Pattern FOR =
      Pattern.compile("\\s*for\\s+([A-Za-z][A-Za-z0-9]*)\\s*=\\s*(.+?)\\.\\.(.+?):(.*)", Pattern.DOTALL);
  private static final Pattern BIG_OPERATOR =
      Pattern.compile("\\(\\s*([A-Za-z][A-Za-z0-9]*)\\s*=(?!=)");

  /** Where an order statistic NAME_(k) can start; the only form the sorted reading changes. */
  private static final Pattern ORDER_STATISTIC = Pattern.compile("[A-Za-z][A-Za-z0-9]*_\\(");

  private final Map<String, Integer> env;
  /** Whether the coordinates are sorted (u_1 <= ... <= u_n): then u_(k) is w_k^2. */
  private final boolean sorted;

  private IndexNotation(Map<String, Integer> env, boolean sorted) {
    this.env = env;
    this.sorted = sorted;
  }

  /**
   * An item of assume or claim: a {@code for} item gives one relation per index. With
   * {@code sorted}, u_(k) is w_k^2 (the statement's sorted form, see {@link Symmetry}).
   */
  static List<String> items(String text, Map<String, Integer> env, boolean sorted)
      throws InputException {
    Matcher m = FOR.matcher(text);
    if (!m.matches()) {
      return List.of(new IndexNotation(env, sorted).expand(text));
    }
    IndexNotation n = new IndexNotation(env, sorted);
    int lo = n.evaluate(m.group(2));
    int hi = n.evaluate(m.group(3));
    List<String> out = new ArrayList<>();
    for (int v = lo; v <= hi; v++) {
      out.add(new IndexNotation(bind(env, m.group(1), v), sorted).expand(m.group(4).trim()));
    }
    return out;
  }

  /** Whether a text may use an order statistic u_(k) (so that its sorted reading may differ). */
  static boolean mentionsOrderStatistic(String text) {
    return ORDER_STATISTIC.matcher(text).find();
  }

  /** The text with every index form expanded (the class comment). */
  static String expand(String text, Map<String, Integer> env) throws InputException {
    return new IndexNotation(env, false).expand(text);
  }

  /**
   * The variables a key of {@code variables:} names: {@code w_i} is w1, ..., wn (n the depth or
   * width), any other key itself.
   */
  static List<String> variables(String key, Map<String, Integer> env) throws InputException {
    Matcher m = Pattern.compile("([A-Za-z][A-Za-z0-9]*)_([A-Za-z])").matcher(key);
    if (!m.matches()) {
      return List.of(key);
    }
    int n = size(env).orElseThrow(() -> new InputException("variable '" + key
        + "': an indexed range needs the model's depth or width"));
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(m.group(1) + i);
    }
    return out;
  }

  private String expand(String s) throws InputException {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (!Character.isLetter(c)) {
        out.append(c);
        i++;
        continue;
      }
      int end = i;
      while (end < s.length() && Character.isLetterOrDigit(s.charAt(end))) {
        end++;
      }
      String name = s.substring(i, end);
      Matcher big = BIG_OPERATOR.matcher(s).region(end, s.length());
      if ((name.equals("sum") || name.equals("prod")) && big.lookingAt()) {
        i = bigOperator(s, name, big.group(1), big.end(), out);
      } else if (end < s.length() && s.charAt(end) == '_' && !env.containsKey(name)
          && !Character.isDigit(name.charAt(name.length() - 1))) {
        i = subscript(s, name, end + 1, out);
      } else {
        out.append(env.containsKey(name) ? String.valueOf(env.get(name)) : name);
        i = end;
      }
    }
    return out.toString();
  }

  /** sum(i = A..B, E) or prod(...) from after "=": the expansion, and where the text goes on. */
  private int bigOperator(String s, String op, String index, int from, StringBuilder out)
      throws InputException {
    int dots = s.indexOf("..", from);
    int comma = dots < 0 ? -1 : topLevel(s, dots + 2, ',');
    int close = comma < 0 ? -1 : topLevel(s, comma + 1, ')');
    if (close < 0) {
      throw new InputException(op + "(" + index + " = A..B, expression) is not complete in '"
          + s.trim() + "'");
    }
    int lo = evaluate(s.substring(from, dots));
    int hi = evaluate(s.substring(dots + 2, comma));
    String body = s.substring(comma + 1, close);
    List<String> terms = new ArrayList<>();
    for (int v = lo; v <= hi; v++) {
      terms.add("(" + new IndexNotation(bind(env, index, v), sorted).expand(body).trim() + ")");
    }
    out.append(terms.isEmpty() ? (op.equals("sum") ? "0" : "1")
        : "(" + String.join(op.equals("sum") ? " + " : "*", terms) + ")");
    return close + 1;
  }

  /** name_i, name_{E}, name_3 or u_(k), from after "_". */
  private int subscript(String s, String name, int from, StringBuilder out) throws InputException {
    if (from >= s.length()) {
      throw new InputException("'" + name + "_' has no index");
    }
    char c = s.charAt(from);
    if (c == '(' || c == '{') {
      int close = topLevel(s, from + 1, c == '(' ? ')' : '}');
      if (close < 0) {
        throw new InputException("'" + name + "_" + c + "' is not closed");
      }
      int k = evaluate(s.substring(from + 1, close));
      out.append(c == '(' ? orderStatistic(name, k) : indexed(name, k));
      return close + 1;
    }
    int end = from;
    while (end < s.length() && Character.isLetterOrDigit(s.charAt(end))) {
      end++;
    }
    String token = s.substring(from, end);
    if (end == from) {
      throw new InputException("'" + name + "_' has no index");
    }
    if (Character.isDigit(token.charAt(0)) || env.containsKey(token)) {
      out.append(indexed(name, evaluate(token)));
    } else {
      out.append(name).append('_').append(token); // a name such as x_a, not an index
    }
    return end;
  }

  private String indexed(String name, int k) throws InputException {
    int n = size(env).orElse(Integer.MAX_VALUE);
    if (k < 1 || k > n) {
      throw new InputException("index " + k + " of " + name + " is out of range 1.." + n);
    }
    return name + k;
  }

  /** u_(k): min over k-sets S of {1..n} of max_{i in S} w_i^2 (the k-th smallest of the u_i). */
  private String orderStatistic(String name, int k) throws InputException {
    Integer n = env.get("depth");
    if (!name.equals("u") || n == null) {
      throw new InputException("'" + name + "_(" + k + ")': order statistics are u_(k), the k-th"
          + " smallest of u_i = w_i^2 of a scalar network (with a depth)");
    }
    if (k < 1 || k > n) {
      throw new InputException("u_(" + k + ") is out of range 1.." + n);
    }
    if (sorted) {
      return "w" + k + "^2";
    }
    List<String> terms = new ArrayList<>();
    subsets(n, k, 1, new ArrayList<>(), terms);
    return terms.size() == 1 ? terms.get(0) : "min(" + String.join(", ", terms) + ")";
  }

  private static void subsets(int n, int k, int first, List<Integer> chosen, List<String> terms)
      throws InputException {
    if (chosen.size() == k) {
      if (terms.size() == MAX_TERMS) {
        throw new InputException("an order statistic u_(" + k + ") of " + n + " values has more"
            + " than " + MAX_TERMS + " terms");
      }
      List<String> u = chosen.stream().map(i -> "w" + i + "^2").toList();
      terms.add(u.size() == 1 ? u.get(0) : "max(" + String.join(", ", u) + ")");
      return;
    }
    for (int i = first; i <= n - (k - chosen.size()) + 1; i++) {
      chosen.add(i);
      subsets(n, k, i + 1, chosen, terms);
      chosen.remove(chosen.size() - 1);
    }
  }

  /** The position of {@code close} at bracket depth 0 from {@code from}, or -1. */
  private static int topLevel(String s, int from, char close) {
    int depth = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (depth == 0 && c == close) {
        return i;
      }
      if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if (c == ')' || c == '}' || c == ']') {
        depth--;
      }
    }
    return -1;
  }

  /** An index expression: whole numbers and bound names under + - * and brackets. */
  private int evaluate(String text) throws InputException {
    String t = text.trim();
    int[] pos = {0};
    long v = sum(t, pos);
    if (pos[0] != t.length()) {
      throw new InputException("'" + t + "' is not an index expression (whole numbers, depth,"
          + " width, bound indices, + - *)");
    }
    if (Math.abs(v) > 1_000_000) {
      throw new InputException("index expression '" + t + "' is too large");
    }
    return (int) v;
  }

  private long sum(String t, int[] pos) throws InputException {
    long v = product(t, pos);
    while (skip(t, pos) < t.length() && (t.charAt(pos[0]) == '+' || t.charAt(pos[0]) == '-')) {
      boolean plus = t.charAt(pos[0]++) == '+';
      long w = product(t, pos);
      v = plus ? v + w : v - w;
    }
    return v;
  }

  private long product(String t, int[] pos) throws InputException {
    long v = atom(t, pos);
    while (skip(t, pos) < t.length() && t.charAt(pos[0]) == '*') {
      pos[0]++;
      v = Math.multiplyExact(v, atom(t, pos));
    }
    return v;
  }

  private long atom(String t, int[] pos) throws InputException {
    int p = skip(t, pos);
    if (p < t.length() && t.charAt(p) == '-') {
      pos[0]++;
      return -atom(t, pos);
    }
    if (p < t.length() && t.charAt(p) == '(') {
      pos[0]++;
      long v = sum(t, pos);
      if (skip(t, pos) >= t.length() || t.charAt(pos[0]) != ')') {
        throw new InputException("')' missing in index expression '" + t + "'");
      }
      pos[0]++;
      return v;
    }
    int end = p;
    while (end < t.length() && Character.isLetterOrDigit(t.charAt(end))) {
      end++;
    }
    String token = t.substring(p, end);
    pos[0] = end;
    if (token.isEmpty()) {
      throw new InputException("'" + t + "' is not an index expression");
    }
    if (Character.isDigit(token.charAt(0))) {
      try {
        return Long.parseLong(token);
      } catch (NumberFormatException e) {
        throw new InputException("'" + token + "' is not a whole number");
      }
    }
    Integer v = env.get(token);
    if (v == null) {
      throw new InputException("index '" + token + "' is not bound (bound: "
          + String.join(", ", env.keySet()) + ")");
    }
    return v;
  }

  private static int skip(String t, int[] pos) {
    while (pos[0] < t.length() && Character.isWhitespace(t.charAt(pos[0]))) {
      pos[0]++;
    }
    return pos[0];
  }

  private static Map<String, Integer> bind(Map<String, Integer> env, String name, int v) {
    Map<String, Integer> out = new HashMap<>(env);
    out.put(name, v);
    return out;
  }

  /** The range of indices of indexed variables: the depth, else the width. */
  private static java.util.Optional<Integer> size(Map<String, Integer> env) {
    return java.util.Optional.ofNullable(env.containsKey("depth") ? env.get("depth")
        : env.get("width"));
  }
}

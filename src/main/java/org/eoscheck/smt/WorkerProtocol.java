package org.eoscheck.smt;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * The framed text protocol between {@link Z3Processes} and its {@link Z3Worker} processes.
 *
 * <pre>
 * parent -> worker:  "Q &lt;z3-timeout-ms&gt; &lt;halt-ms&gt; &lt;n&gt;\n" then n bytes of UTF-8 SMT-LIB2
 *                    (z3-timeout 0: none; after halt-ms the worker halts itself)
 * worker -> parent:  lines starting with "@@eoscheck " (other lines are noise and ignored):
 *   "ready &lt;version&gt;"                      once, after Z3's natives are loaded
 *   "failed &lt;why&gt;"                         instead of ready, when Z3 cannot be loaded
 *   "unsat" | "unknown &lt;reason&gt;" | "error &lt;message&gt;" | "sat" then "val exact|approx p/q name"...
 *   "end"                                  after each answer
 * </pre>
 *
 * Names are URL-encoded so that any SMT-LIB symbol fits on one line.
 */
final class WorkerProtocol {
  static final String PREFIX = "@@eoscheck ";
  static final String READY = "ready";
  static final String FAILED = "failed";
  static final String END = "end";

  private WorkerProtocol() {}

  static void writeQuery(OutputStream out, Query q) throws IOException {
    byte[] body = q.script().getBytes(StandardCharsets.UTF_8);
    out.write(("Q " + q.z3TimeoutMillis() + " " + q.haltMillis() + " " + body.length + "\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  /**
   * A query: Z3's own timeout (0: none), the time after which the worker halts itself if Z3 has
   * not answered, and the script.
   */
  record Query(long z3TimeoutMillis, long haltMillis, String script) {}

  /** The next query, or null at end of input. */
  static Query readQuery(InputStream in) throws IOException {
    String header = readLine(in);
    if (header == null) {
      return null;
    }
    String[] parts = header.trim().split(" ");
    if (parts.length != 4 || !parts[0].equals("Q")) {
      throw new IOException("bad query header: " + header);
    }
    int n = Integer.parseInt(parts[3]);
    byte[] body = in.readNBytes(n);
    if (body.length != n) {
      throw new EOFException("query truncated");
    }
    return new Query(Long.parseLong(parts[1]), Long.parseLong(parts[2]),
        new String(body, StandardCharsets.UTF_8));
  }

  /** One line of UTF-8 without its terminator, or null at end of input. */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      line.write(b);
    }
    if (b == -1 && line.size() == 0) {
      return null;
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /** Text safe to put on one protocol line. */
  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }

  // ---- answers: worker side ----

  static List<String> unsat() {
    return List.of("unsat", END);
  }

  static List<String> unknown(String reason) {
    return List.of("unknown " + oneLine(reason), END);
  }

  static List<String> error(String message) {
    return List.of("error " + oneLine(message), END);
  }

  /** A sat answer; {@code approximated} names the values that are approximations. */
  static List<String> sat(Map<String, BigFraction> model, Set<String> approximated) {
    List<String> lines = new ArrayList<>();
    lines.add("sat");
    model.forEach((name, v) -> lines.add("val " + (approximated.contains(name) ? "approx " : "exact ")
        + v.getNumerator() + "/" + v.getDenominator() + " "
        + URLEncoder.encode(name, StandardCharsets.UTF_8)));
    lines.add(END);
    return lines;
  }

  // ---- answers: parent side ----

  /** The answer encoded by the lines of one reply (up to and including "end"). */
  static SmtAnswer parse(List<String> lines) {
    String head = lines.get(0);
    if (head.equals("unsat")) {
      return new SmtAnswer.Unsat();
    }
    if (head.startsWith("unknown ")) {
      return new SmtAnswer.Unknown(head.substring("unknown ".length()));
    }
    if (head.startsWith("error ")) {
      return new SmtAnswer.Unknown("error: " + head.substring("error ".length()));
    }
    if (head.equals("sat")) {
      Map<String, BigFraction> model = new HashMap<>();
      Set<String> approximated = new HashSet<>();
      for (String line : lines.subList(1, lines.size() - 1)) {
        String[] f = line.split(" ", 4);
        if (f.length != 4 || !f[0].equals("val")) {
          return new SmtAnswer.Unknown("error: malformed model line from Z3 worker: " + line);
        }
        String[] pq = f[2].split("/");
        String name = URLDecoder.decode(f[3], StandardCharsets.UTF_8);
        model.put(name, BigFraction.of(new BigInteger(pq[0]), new BigInteger(pq[1])));
        if (f[1].equals("approx")) {
          approximated.add(name);
        }
      }
      return new SmtAnswer.Sat(model, approximated);
    }
    return new SmtAnswer.Unknown("error: malformed reply from Z3 worker: " + head);
  }
}

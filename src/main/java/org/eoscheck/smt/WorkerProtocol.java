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
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.SmtOracle;
import org.eoscheck.certificate.SmtOracle.Answer;

/**
 * The framed text protocol between {@link Z3Processes} and its {@link Z3Worker} processes.
 *
 * <pre>
 * parent -> worker:  "Q &lt;z3-timeout-ms&gt; &lt;halt-ms&gt; &lt;n&gt;\n" then n bytes of UTF-8 SMT-LIB2
 *                    (z3-timeout 0: none; after halt-ms the worker halts itself)
 * worker -> parent:  lines starting with "@@eoscheck " (other lines are noise and ignored):
 *   "ready &lt;version&gt;"                      once, after Z3's natives are loaded
 *   "failed &lt;why&gt;"                         instead of ready, when Z3 cannot be loaded
 *   "unsat" | "unknown &lt;reason&gt;" | "error &lt;message&gt;" | "sat" then "val p/q name"...
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

  /** A sat answer with its model. */
  static List<String> sat(Map<String, BigFraction> model) {
    List<String> lines = new ArrayList<>();
    lines.add("sat");
    model.forEach((name, v) -> lines.add("val " + v.getNumerator() + "/" + v.getDenominator() + " "
        + URLEncoder.encode(name, StandardCharsets.UTF_8)));
    lines.add(END);
    return lines;
  }

  // ---- answers: parent side ----

  /** The answer encoded by the lines of one reply (up to and including "end"). */
  static Answer parse(List<String> lines) {
    String head = lines.get(0);
    if (head.equals("unsat")) {
      return new SmtOracle.Unsat();
    }
    if (head.startsWith("unknown ")) {
      return new SmtOracle.Unknown(head.substring("unknown ".length()));
    }
    if (head.startsWith("error ")) {
      return new SmtOracle.Unknown("error: " + head.substring("error ".length()));
    }
    if (head.equals("sat")) {
      Map<String, BigFraction> model = new HashMap<>();
      for (String line : lines.subList(1, lines.size() - 1)) {
        String[] f = line.split(" ", 3);
        if (f.length != 3 || !f[0].equals("val")) {
          return new SmtOracle.Unknown("error: malformed model line from Z3 worker: " + line);
        }
        String[] pq = f[1].split("/");
        model.put(URLDecoder.decode(f[2], StandardCharsets.UTF_8),
            BigFraction.of(new BigInteger(pq[0]), new BigInteger(pq[1])));
      }
      return new SmtOracle.Sat(model);
    }
    return new SmtOracle.Unknown("error: malformed reply from Z3 worker: " + head);
  }
}

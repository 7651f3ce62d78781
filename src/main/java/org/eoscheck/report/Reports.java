package org.eoscheck.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.ExprPrinter;
import org.eoscheck.verify.CheckResult;
import org.eoscheck.verify.Counterexample;
import org.eoscheck.verify.Goal;

/** Machine- and human-readable renderings of check results. */
public final class Reports {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Reports() {}

  /** A volume share as a percentage; exact 0 and 1 print as 0% and 100%. */
  public static String percent(BigFraction q) {
    if (q.signum() == 0) {
      return "0%";
    }
    if (q.equals(BigFraction.ONE)) {
      return "100%";
    }
    return String.format(Locale.ROOT, "%.4f%%", 100 * q.doubleValue());
  }

  /**
   * One JSON object: lemma, file, verdict, volume {proved, refuted, unknown} (numbers, fractions of
   * the box volume) and volumeExact (the same as exact rationals), counterexample (variable ->
   * exact rational, plus lhs and rhs enclosures) when refuted, boxes, seconds, log, reductions.
   */
  public static String json(CheckResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("lemma", r.lemma());
    o.put("file", r.file());
    o.put("verdict", r.verdict().name());
    volume(o, r);
    ObjectNode exact = o.putObject("volumeExact");
    exact.put("proved", ExprPrinter.rational(r.proved()));
    exact.put("refuted", ExprPrinter.rational(r.refuted()));
    exact.put("unknown", ExprPrinter.rational(r.unknown()));
    if (!r.counterexamples().isEmpty()) {
      Counterexample c = r.counterexamples().get(0);
      ObjectNode cx = o.putObject("counterexample");
      cx.put("claim", c.claim() + 1);
      ObjectNode point = cx.putObject("point");
      c.point().forEach((k, v) -> point.put(k, ExprPrinter.rational(v)));
      cx.put("lhs", c.lhs());
      cx.put("rhs", c.rhs());
      cx.put("undefined", c.undefined());
      cx.put("source", c.source());
    }
    o.put("boxes", r.boxes());
    o.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
    o.put("log", r.log() == null ? null : r.log().toString());
    var cut = o.putArray("cutShort");
    r.cutShort().forEach(cut::add);
    var claims = o.putArray("claims");
    for (Goal g : r.goals()) {
      ObjectNode c = claims.addObject();
      c.put("claim", g.claim().source().text());
      c.put("residual", g.residual().text());
      c.put("reduced", g.reduction() != null);
    }
    return o.toString();
  }

  /** {"volume": {proved, refuted, unknown}}: shares of the box volume, as numbers. */
  private static void volume(ObjectNode o, CheckResult r) {
    ObjectNode volume = o.putObject("volume");
    volume.put("proved", r.proved().doubleValue());
    volume.put("refuted", r.refuted().doubleValue());
    volume.put("unknown", r.unknown().doubleValue());
  }

  /**
   * The table of a family of lemmas ({@code depth: 3..10}): member, verdict, volumes proved,
   * refuted and unknown, boxes, seconds; one line each.
   */
  public static String familyTable(java.util.List<CheckResult> members) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "%-48s %-8s %10s %10s %10s %8s %9s%n", "member", "verdict", "proved", "refuted",
        "unknown", "boxes", "seconds"));
    for (CheckResult r : members) {
      b.append(String.format(Locale.ROOT, "%-48s %-8s %10s %10s %10s %8d %9.2f%n", r.lemma(),
          r.verdict(), percent(r.proved()), percent(r.refuted()), percent(r.unknown()), r.boxes(),
          r.seconds()));
    }
    return b.toString().stripTrailing();
  }

  /** The same table as one JSON object: {family, members: [{lemma, verdict, volume, seconds}]}. */
  public static String familyJson(String file, java.util.List<CheckResult> members) {
    ObjectNode o = JSON.createObjectNode();
    o.put("family", file);
    var rows = o.putArray("members");
    for (CheckResult r : members) {
      ObjectNode m = rows.addObject();
      m.put("lemma", r.lemma());
      m.put("verdict", r.verdict().name());
      volume(m, r);
      m.put("boxes", r.boxes());
      m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
    }
    return o.toString();
  }
}

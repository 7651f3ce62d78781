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
    ObjectNode volume = o.putObject("volume");
    volume.put("proved", r.proved().doubleValue());
    volume.put("refuted", r.refuted().doubleValue());
    volume.put("unknown", r.unknown().doubleValue());
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
}

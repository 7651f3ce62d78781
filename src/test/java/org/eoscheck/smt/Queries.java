package org.eoscheck.smt;

import org.eoscheck.certificate.Bounds;
import org.eoscheck.certificate.CertifiedEvaluator;
import org.eoscheck.certificate.KernelSmt;
import org.eoscheck.certificate.Statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Relation;

/** Test shorthand: boxes and relations from text, and refutation queries built from them. */
final class Queries {
  private Queries() {}

  /** A box from triples name, lo, hi (rationals in lemma-language text). */
  static Map<String, BigFraction[]> box(String... triples) {
    Map<String, BigFraction[]> box = new LinkedHashMap<>();
    for (int i = 0; i < triples.length; i += 3) {
      box.put(triples[i], new BigFraction[] {rational(triples[i + 1]), rational(triples[i + 2])});
    }
    return box;
  }

  static BigFraction rational(String text) {
    try {
      return ExprParser.parseRational(text);
    } catch (InputException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Relation rel(String text) {
    try {
      return ExprParser.parseRelation(text);
    } catch (InputException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static List<Relation> rels(List<String> texts) {
    List<Relation> out = new ArrayList<>();
    texts.forEach(t -> out.add(rel(t)));
    return out;
  }

  /**
   * The refutation query of {@code goal} under {@code hypotheses} on {@code box}, as the prover
   * sends it: built by the trusted kernel's encoder ({@link KernelSmt}), the one query text
   * replay compares and re-runs.
   */
  static String query(Map<String, BigFraction[]> box, List<String> hypotheses, String goal) {
    return query(List.copyOf(box.keySet()), box, rels(hypotheses), rel(goal));
  }

  static String query(List<String> vars, Map<String, BigFraction[]> box, List<Relation> hypotheses,
      Relation goal) {
    Map<String, Bounds> bounds = new LinkedHashMap<>();
    box.forEach((v, b) -> bounds.put(v, new Bounds(b[0], b[1])));
    Statement.Condition c = Statement.Condition.of(goal);
    Statement.Goal g = new Statement.Goal(c, List.of(c.f()),
        CertifiedEvaluator.Differentiated.of(c.f(), vars));
    return KernelSmt.refutationQuery(vars, bounds,
        hypotheses.stream().map(Statement.Condition::of).toList(), g);
  }

  /**
   * A hard depth-3 query: one GD step on the scalar network w1 w2 w3 does not increase the
   * sharpness of the gradient-flow solution, under the sufficient condition of shared/maths.md 1
   * (with w1 <= w2 <= w3). Z3 4.14 does not settle it in 20 s.
   */
  static String hardDepth3() {
    String p = "(w1*w2*w3)";
    String[] v = new String[3];
    for (int i = 0; i < 3; i++) {
      v[i] = "(w" + (i + 1) + " - eta*(" + p + "-1)*" + p + "/w" + (i + 1) + ")";
    }
    String d = "gfsShift(1, w1^2, w2^2, w3^2)";
    String e = "gfsShift(1, " + v[0] + "^2, " + v[1] + "^2, " + v[2] + "^2)";
    String phiGd = "1/(" + v[0] + "^2+" + e + ") + 1/(" + v[1] + "^2+" + e + ") + 1/(" + v[2] + "^2+" + e + ")";
    String phi = "1/(w1^2+" + d + ") + 1/(w2^2+" + d + ") + 1/(w3^2+" + d + ")";
    return query(box("w1", "1/2", "2", "w2", "1/2", "2", "w3", "1/2", "2", "eta", "1/10", "1"),
        List.of("w1 <= w2", "w2 <= w3", "eta^2*(" + p + "-1)^2*" + p + "^2 <= w1^2*w2^2"),
        phiGd + " <= " + phi);
  }
}

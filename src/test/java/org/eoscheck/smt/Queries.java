package org.eoscheck.smt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.certificate.Bounds;
import org.eoscheck.certificate.CertifiedEvaluator;
import org.eoscheck.certificate.KernelSmt;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.verify.ProofLogWriter;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.certificate.Statement;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Relation;

/** Test shorthand: boxes and relations from text, and refutation queries built from them. */
public final class Queries {
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
    return query(box(HARD_BOX), HARD_HYPOTHESES, HARD_GOAL);
  }

  private static final String[] HARD_BOX =
      {"w1", "1/2", "2", "w2", "1/2", "2", "w3", "1/2", "2", "eta", "1/10", "1"};
  private static final String P = "(w1*w2*w3)";
  private static final List<String> HARD_HYPOTHESES =
      List.of("w1 <= w2", "w2 <= w3", "eta^2*(" + P + "-1)^2*" + P + "^2 <= w1^2*w2^2");
  private static final String HARD_GOAL = hardGoal();

  private static String hardGoal() {
    String[] v = new String[3];
    for (int i = 0; i < 3; i++) {
      v[i] = "(w" + (i + 1) + " - eta*(" + P + "-1)*" + P + "/w" + (i + 1) + ")";
    }
    String d = "gfsShift(1, w1^2, w2^2, w3^2)";
    String e = "gfsShift(1, " + v[0] + "^2, " + v[1] + "^2, " + v[2] + "^2)";
    String phiGd = "1/(" + v[0] + "^2+" + e + ") + 1/(" + v[1] + "^2+" + e + ") + 1/(" + v[2] + "^2+" + e + ")";
    String phi = "1/(w1^2+" + d + ") + 1/(w2^2+" + d + ") + 1/(w3^2+" + d + ")";
    return phiGd + " <= " + phi;
  }

  /**
   * The lemma of {@link #hardDepth3} as a one-leaf proof log whose leaf claims to be proved by Z3
   * (the kernel's query for the root box), with the result line PROVED: the log check would write
   * had Z3 answered unsat.
   */
  public static Path hardDepth3Log(Path file) throws IOException, Rejected {
    Map<String, Bounds> root = new LinkedHashMap<>();
    box(HARD_BOX).forEach((v, b) -> root.put(v, new Bounds(b[0], b[1])));
    StringBuilder text = new StringBuilder("name: hard-depth3\nmodel: scalar\ndepth: 3\nvariables:\n");
    root.forEach((v, b) -> text.append("  ").append(v).append(": ").append(b).append("\n"));
    text.append("assume:\n");
    HARD_HYPOTHESES.forEach(h -> text.append("  - ").append(h).append("\n"));
    text.append("claim: phi(gd(theta)) <= phi(theta)\n");
    org.eoscheck.certificate.LemmaSemantics.Meaning m;
    try {
      m = org.eoscheck.certificate.LemmaSemantics.of(
          org.eoscheck.certificate.LemmaSource.parse(text.toString(), "hard-depth3.yaml"));
    } catch (org.eoscheck.InputException e) {
      throw new IllegalStateException(e);
    }
    ProofLog.Header h = ProofLog.Header.of("hard-depth3", "hard-depth3.yaml", text.toString(),
        "test", "Z3", Map.of(), m.variables(), root,
        m.hypotheses().stream().map(org.eoscheck.certificate.LemmaSemantics.Hypothesis::text).toList(),
        List.of(new ProofLog.Claim("phi(gd(theta)) <= phi(theta)", m.claims().get(0).relation().text(),
            null)), null);
    String smt = Statement.of(h).refutationQuery(0, root);
    try (ProofLogWriter w = ProofLogWriter.open(file)) {
      w.header(h);
      w.leaf(new ProofLog.Leaf("r", root, ProofLog.Status.PROVED, List.of(ProofLog.Evidence.z3(0, smt)), 0));
      w.result(new ProofLog.Result(ProofLog.Verdict.PROVED,
          new ProofLog.Volumes(BigFraction.ONE, BigFraction.ZERO, BigFraction.ZERO), 1, 1.0));
    }
    return file;
  }
}

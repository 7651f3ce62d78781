package org.eoscheck.certificate;

import org.eoscheck.verify.ProofLogWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.CertifiedEvaluator.Form;
import org.eoscheck.certificate.ProofLog.Claim;
import org.eoscheck.certificate.ProofLog.Counterexample;
import org.eoscheck.certificate.ProofLog.Evidence;
import org.eoscheck.certificate.ProofLog.Factor;
import org.eoscheck.certificate.ProofLog.Header;
import org.eoscheck.certificate.ProofLog.Leaf;
import org.eoscheck.certificate.ProofLog.Reduction;
import org.eoscheck.certificate.ProofLog.Result;
import org.eoscheck.certificate.ProofLog.Sign;
import org.eoscheck.certificate.ProofLog.Status;
import org.eoscheck.certificate.ProofLog.Verdict;
import org.eoscheck.certificate.ProofLog.Volumes;
import org.eoscheck.expr.ExprParser;

/**
 * A small hand-built proof log, written with {@link ProofLogWriter}: the depth-2 scalar network
 * criterion phi(GD(w)) &lt;= phi(w) under eta^2 (w1 w2 - 1)^2 &lt;= 2 (Kreisler et al. 2023; the
 * exact identity phi(GD)^2 - phi^2 = b^2 eta^2 r^2 (eta^2 r^2 - 2) of shared/maths.md gives the
 * reduction), plus a polynomial claim closed by intervals and Z3, on a tree of depth 2:
 *
 * <pre>
 * r.0.0  w1 [1/2, 1]  w2 [1/2, 3/4]                 vacuous (w1 + w2 &gt; 7/4 fails)
 * r.0.1  w1 [1/2, 1]  w2 [3/4, 3/2]                 reduction + mean-value
 * r.1.0  w1 [1, 3/2]  eta [1/10, 1/2]               reduction + monotone
 * r.1.1  w1 [1, 3/2]  eta [1/2, 1]                  reduction + z3
 * </pre>
 * Tests change one piece at a time (mutable lists) and write it out.
 */
public final class SampleLog {
  public static final String W1 = "(w1 - eta*(w1*w2 - 1)*w2)";
  public static final String W2 = "(w2 - eta*(w1*w2 - 1)*w1)";
  public static final String A = "(w1^2 - w2^2)^2 + 4";
  public static final String B = "(" + W1 + "^2 - " + W2 + "^2)^2 + 4";
  public static final String CLAIM0 = "phi(gd(theta)) <= phi(theta)";

  /** Set to a hash to forge it; null: the SHA-256 of the lemma text. */
  public String lemmaSha256 = null;
  public Map<String, Object> options = new LinkedHashMap<>(Map.of("minWidth", "1/64", "maxBoxes", 1000));
  public Map<String, Bounds> root = box("1/2", "3/2", "1/2", "3/2", "1/10", "1");
  /** The hypotheses as the lemma file states them (sign form, so the elaboration keeps them). */
  public List<String> hypotheses = new ArrayList<>(List.of("2 - eta^2*(w1*w2 - 1)^2 >= 0", "w1 + w2 > 7/4"));
  public String constant = "1";
  public List<Factor> factors = new ArrayList<>(List.of(
      Factor.of("w1^2 - w2^2", 2, Sign.SQUARE),
      Factor.of("eta", 2, Sign.SQUARE),
      Factor.of("w1*w2 - 1", 2, Sign.SQUARE),
      Factor.hypothesis("2 - eta^2*(w1*w2 - 1)^2", 1, 0, "1")));
  public String residual = "1";
  public String claim1 = "eta*(w1^2 + w2^2) <= 5";
  public String shard = null;
  public List<Leaf> leaves = new ArrayList<>();
  public List<Counterexample> counterexamples = new ArrayList<>();
  public Result result = new Result(Verdict.PROVED,
      new Volumes(BigFraction.ONE, BigFraction.ZERO, BigFraction.ZERO), 7, 0.5);

  /** The sample with its four leaves (the z3 leaf's query built by the kernel). */
  public static SampleLog valid() {
    SampleLog s = new SampleLog();
    s.leaves.addAll(s.standardLeaves());
    return s;
  }

  /** Applied to the header last: a forgery of what the prover wrote about the statement. */
  public java.util.function.UnaryOperator<Header> forge = h -> h;

  /** The lemma file this log is about, made from the fields (root, hypotheses, claim1). */
  public String lemmaText() {
    StringBuilder t = new StringBuilder("name: depth2-sample\nmodel: scalar\ndepth: 2\nvariables:\n");
    root.forEach((v, b) -> t.append("  ").append(v).append(": [").append(ProofLog.rational(b.lo()))
        .append(", ").append(ProofLog.rational(b.hi())).append("]\n"));
    t.append("assume:\n");
    hypotheses.forEach(h -> t.append("  - ").append(h).append("\n"));
    t.append("claim:\n  - ").append(CLAIM0).append("\n  - ").append(claim1).append("\n");
    return t.toString();
  }

  /** The header: the statement as the kernel elaborates the lemma text, then {@link #forge}. */
  public Header header() {
    String text = lemmaText();
    LemmaSemantics.Meaning m;
    try {
      m = LemmaSemantics.of(LemmaSource.parse(text, "sample.yaml"));
    } catch (org.eoscheck.InputException e) {
      throw new IllegalStateException(e);
    }
    Reduction red = new Reduction("sqrt(" + A + ") - sqrt(" + B + ")", List.of(A, B), constant,
        List.copyOf(factors), residual);
    List<Claim> claims = List.of(
        new Claim(CLAIM0, m.claims().get(0).relation().text(), red),
        new Claim(claim1, m.claims().get(1).relation().text(), null));
    return forge.apply(new Header("depth2-sample", "theorems/sample.yaml", text,
        lemmaSha256 == null ? ProofLog.sha256(text) : lemmaSha256, "eoscheck test", "Z3 4.14.1",
        options, List.of("w1", "w2", "eta"), root,
        m.hypotheses().stream().map(LemmaSemantics.Hypothesis::text).toList(), claims, shard));
  }

  /**
   * A refuted variant: claim 1 tightened to eta*(w1^2 + w2^2) &lt;= 4, which fails at the corner
   * w1 = w2 = 3/2, eta = 1 (4.5 &gt; 4); one unknown leaf and that counterexample.
   */
  public static SampleLog refuted() {
    SampleLog s = new SampleLog();
    s.claim1 = "eta*(w1^2 + w2^2) <= 4";
    s.leaves.add(new Leaf("r", s.root, Status.UNKNOWN, List.of(), 0));
    s.counterexamples.add(counterexample(1, "3/2", "3/2", "1", "4.5", "4"));
    s.result = new Result(Verdict.REFUTED,
        new Volumes(BigFraction.ZERO, BigFraction.ZERO, BigFraction.ONE), 1, 0.1);
    return s;
  }

  /** A counterexample line for claim k at (w1, w2, eta) with the stated sides. */
  public static Counterexample counterexample(int k, String w1, String w2, String eta, String lhs,
      String rhs) {
    return new Counterexample(k, Map.of("w1", q(w1), "w2", q(w2), "eta", q(eta)),
        CertifiedInterval.point(new BigDecimal(lhs)), CertifiedInterval.point(new BigDecimal(rhs)));
  }

  public List<Leaf> standardLeaves() {
    Map<String, Bounds> r11 = box("1", "3/2", "1/2", "3/2", "1/2", "1");
    String smt;
    try {
      smt = Statement.of(header()).refutationQuery(1, r11);
    } catch (Rejected e) {
      throw new IllegalStateException(e);
    }
    return new ArrayList<>(List.of(
        new Leaf("r.0.0", box("1/2", "1", "1/2", "3/4", "1/10", "1"), Status.PROVED,
            List.of(Evidence.vacuous(1)), 1),
        new Leaf("r.0.1", box("1/2", "1", "3/4", "3/2", "1/10", "1"), Status.PROVED,
            List.of(Evidence.reduction(0), Evidence.interval(1, Form.MEAN_VALUE)), 2),
        new Leaf("r.1.0", box("1", "3/2", "1/2", "3/2", "1/10", "1/2"), Status.PROVED,
            List.of(Evidence.reduction(0), Evidence.interval(1, Form.MONOTONE)), 3),
        new Leaf("r.1.1", r11, Status.PROVED, List.of(Evidence.reduction(0), Evidence.z3(1, smt)), 4)));
  }

  /** Replaces the leaf at {@code path}. */
  public void replace(String path, Leaf leaf) {
    leaves.replaceAll(l -> l.path().equals(path) ? leaf : l);
  }

  public Leaf leaf(String path) {
    return leaves.stream().filter(l -> l.path().equals(path)).findFirst().orElseThrow();
  }

  public Path write(Path file) throws IOException {
    try (ProofLogWriter w = ProofLogWriter.open(file)) {
      w.header(header());
      for (Leaf l : leaves) {
        w.leaf(l);
      }
      for (Counterexample c : counterexamples) {
        w.counterexample(c);
      }
      if (result != null) {
        w.result(result);
      }
    }
    return file;
  }

  public static Map<String, Bounds> box(String w1lo, String w1hi, String w2lo, String w2hi,
      String etaLo, String etaHi) {
    Map<String, Bounds> b = new LinkedHashMap<>();
    b.put("w1", new Bounds(q(w1lo), q(w1hi)));
    b.put("w2", new Bounds(q(w2lo), q(w2hi)));
    b.put("eta", new Bounds(q(etaLo), q(etaHi)));
    return b;
  }

  public static BigFraction q(String text) {
    try {
      return ExprParser.parseRational(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}

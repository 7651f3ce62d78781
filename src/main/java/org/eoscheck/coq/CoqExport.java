package org.eoscheck.coq;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.ProofLog.Contents;
import org.eoscheck.certificate.ProofLog.Factor;
import org.eoscheck.certificate.ProofLog.Leaf;
import org.eoscheck.certificate.ProofLog.Method;
import org.eoscheck.certificate.ProofLog.Reduction;
import org.eoscheck.certificate.ProofLog.Sign;
import org.eoscheck.certificate.ProofLog.Status;
import org.eoscheck.certificate.Statement;
import org.eoscheck.coq.CoqPrinter.Unsupported;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Rel;

/**
 * A proof log as one self-contained Coq file (Coq 8.16, Coquelicot, CoqInterval): the lemma's
 * statement ({@link CoqStatement}) and, per claim, a proof over the whole root box of a log with
 * one proved leaf: an identity by {@code ring}/{@code field}; a reduction h = c * prod g_k^p_k by
 * {@code ring}/{@code field}, each factor's sign by the hypothesis it is a multiple of, by
 * {@code lra}/{@code nra} or by {@code interval} on the box, the residual by
 * {@code lra}/{@code nra}/{@code interval} (square-root claims first by monotonicity of sqrt);
 * other claims by {@code lra}, {@code nra} or {@code interval} with bisection. A claim Coq is not
 * given a proof of (no strategy, or one coqc rejected) is an explicit {@code Axiom}, named in the
 * comment at the top of the file and declared right after the definitions; nothing else is
 * admitted. ({@code Print Assumptions} would list them too, but costs coqc about 7 s a file.)
 */
public final class CoqExport {
  /**
   * The exported file: its text (null when the statement itself cannot be stated in Coq, with
   * the reason as the one gap), per claim why it is an admitted gap (null if proved), and the
   * share of the box's volume on which Coq checks every claim.
   */
  public record Result(String text, List<String> gaps, BigFraction coveredVolume) {
    /** The number of claims Coq is given a proof of. */
    public long proved() {
      return gaps.stream().filter(g -> g == null).count();
    }
  }

  private final Statement statement;
  private final Contents log;
  private final CoqStatement coq;
  private final List<String> gaps = new ArrayList<>();

  private CoqExport(Statement statement, Contents log, CoqStatement coq) {
    this.statement = statement;
    this.log = log;
    this.coq = coq;
  }

  /**
   * The Coq file of a log whose statement the kernel has derived; {@code admitted} lists claims
   * (0-based) to leave as gaps although a proof is attempted (coqc rejected it).
   */
  public static Result export(Statement statement, Contents log, List<Integer> admitted)
      throws InputException {
    CoqStatement coq;
    try {
      coq = CoqStatement.of(statement.header().lemmaText(), statement.header().lemma());
    } catch (Unsupported e) {
      return new Result(null, List.of("the statement uses " + e.getMessage()
          + ", which this export does not state in Coq"), BigFraction.ZERO);
    }
    return new CoqExport(statement, log, coq).write(admitted);
  }

  private Result write(List<Integer> admitted) {
    List<String> proofs = new ArrayList<>();
    for (int k = 0; k < coq.claims.size(); k++) {
      String why = null;
      String proof = null;
      try {
        proof = proof(k);
      } catch (Unsupported e) {
        why = e.getMessage();
      }
      if (why == null && admitted.contains(k)) {
        why = "coqc did not accept the generated proof";
      }
      gaps.add(why);
      proofs.add(why == null ? proof : null);
    }
    boolean all = gaps.stream().allMatch(g -> g == null);
    BigFraction covered = all ? BigFraction.ONE : BigFraction.ZERO;
    StringBuilder b = new StringBuilder();
    ProofLog.Header h = statement.header();
    b.append("(* eoscheck export of a proof log to Coq, re-checked by coqc.\n")
        .append("   lemma: ").append(h.lemma()).append(" (").append(h.lemmaFile()).append(")\n")
        .append("   SHA-256 of the lemma text: ").append(h.lemmaSha256()).append("\n")
        .append("   The statement is read from the lemma text; gd, ngd, sqrtgd and Hessian entries are\n")
        .append("   defined from derivatives of the loss that Coq proves (is_derive, auto_derive).\n")
        .append("   Coq covers ").append(ProofLog.rational(covered))
        .append(" of the volume of the box (").append(proofs.stream().filter(p -> p != null).count())
        .append(" of ").append(proofs.size()).append(" claims proved over the whole box).\n")
        .append("   ADMITTED GAPS:").append(all ? " none." : "");
    for (int k = 0; k < gaps.size(); k++) {
      if (gaps.get(k) != null) {
        b.append("\n     claim ").append(k + 1).append(" (Axiom claim_").append(k + 1)
            .append("): ").append(gaps.get(k).replace("*)", "* )"));
      }
    }
    b.append("\n*)\n\n").append(PREAMBLE);
    b.append("\n(* The model and the built-ins the statement uses. *)\n");
    for (String d : coq.definitions()) {
      b.append(d).append("\n");
    }
    b.append("\nLtac eos_unfold := ").append(unfold()).append(".\n");
    if (!all) {
      b.append("\n(* ==== ADMITTED GAPS: the only unproved statements of this file ==== *)\n");
      for (int k = 0; k < gaps.size(); k++) {
        if (gaps.get(k) != null) {
          b.append("Axiom claim_").append(k + 1).append(" : ").append(statementOf(k)).append(".\n");
        }
      }
    }
    b.append("\n(* The claims, each over the whole box. *)\n");
    for (int k = 0; k < proofs.size(); k++) {
      if (proofs.get(k) != null) {
        b.append("Theorem claim_").append(k + 1).append(" : ").append(statementOf(k)).append(".\n")
            .append(proofs.get(k)).append("\n\n");
      }
    }
    b.append("(* The lemma: every claim at every point of the box where the hypotheses hold. *)\n")
        .append("Theorem lemma_holds : ").append(quantified(String.join(" /\\ ",
            coq.claims.stream().map(c -> "(" + c.proposition() + ")").toList()))).append(".\n")
        .append("Proof.\n  intros").append(introNames()).append(".\n  ")
        .append(conjunction(0)).append(".\nQed.\n");
    return new Result(b.toString(), java.util.Collections.unmodifiableList(new ArrayList<>(gaps)), covered);
  }

  /** A file compiled by coqc: the result and coqc's last outcome (null when coqc did not run). */
  public record Checked(Result result, Coqc.Outcome outcome, int compilations) {}

  /**
   * Exports and compiles with coqc; a claim whose proof coqc rejects becomes an admitted gap and
   * the file is compiled again, so the reported coverage is what coqc accepted. The outcome is a
   * failure only when coqc rejects the file outside every claim's proof.
   */
  public static Checked checked(Statement statement, Contents log, java.nio.file.Path coqc,
      long seconds) throws InputException, java.io.IOException, InterruptedException {
    List<Integer> admitted = new ArrayList<>();
    int runs = 0;
    while (true) {
      Result r = export(statement, log, admitted);
      if (r.text() == null) {
        return new Checked(r, null, runs);
      }
      Coqc.Outcome o = Coqc.compile(coqc, Coqc.moduleName(statement.header().lemma()), r.text(),
          seconds);
      runs++;
      int claim = o.ok() ? -1 : claimAt(r.text(), o.line());
      if (o.ok() || claim < 0 || admitted.contains(claim)) {
        return new Checked(r, o, runs);
      }
      admitted.add(claim);
    }
  }

  /** The claim (0-based) whose theorem contains line {@code line} of the file, or -1. */
  static int claimAt(String text, int line) {
    String[] lines = text.split("\n", -1);
    int claim = -1;
    for (int i = 0; i < Math.min(line, lines.length); i++) {
      if (lines[i].startsWith("Theorem claim_")) {
        claim = Integer.parseInt(lines[i].substring(14, lines[i].indexOf(' ', 14))) - 1;
      } else if (lines[i].startsWith("Theorem lemma_holds") || lines[i].startsWith("Axiom")) {
        claim = -1;
      }
    }
    return claim;
  }

  /** The libraries and helpers every exported file starts with (after its comment). */
  static final String PREAMBLE = String.join("\n",
      "Set Warnings \"-ambiguous-paths,-notation-overridden\".",
      "Require Import Reals Lra Psatz.",
      "From Coquelicot Require Import Coquelicot.",
      "From Interval Require Import Tactic.",
      "Open Scope R_scope.",
      "",
      "Definition eos_tanh (x : R) : R := (exp x - exp (- x)) / (exp x + exp (- x)).",
      "Lemma eos_even_pow : forall x n, 0 <= x ^ (2 * n).",
      "Proof. intros. rewrite pow_mult. apply pow_le. apply pow2_ge_0. Qed.",
      "Lemma eos_le : forall a b, 0 <= b - a -> a <= b. Proof. intros. lra. Qed.",
      "Lemma eos_lt : forall a b, 0 < b - a -> a < b. Proof. intros. lra. Qed.",
      "Lemma eos_ge : forall a b, 0 <= a - b -> a >= b. Proof. intros. lra. Qed.",
      "Lemma eos_gt : forall a b, 0 < a - b -> a > b. Proof. intros. lra. Qed.",
      "Ltac eos_pos := first [ lra | nra | interval | (apply sqrt_lt_R0; eos_pos) ].",
      "Ltac eos_nonzero := first [ interval | (apply Rgt_not_eq; eos_pos) | (apply Rlt_not_eq; eos_pos)",
      "  | (intro; nra) ].",
      "(* sums and products of squares and non-negative constants, structurally *)",
      "Ltac eos_sos := first [ apply pow2_ge_0 | apply sqrt_pos | lra",
      "  | apply Rplus_le_le_0_compat; eos_sos | apply Rmult_le_pos; eos_sos ].",
      "Ltac eos_nonneg := first [ lra | eos_sos | interval | nra ].",
      "(* every sqrt a as an atom s with 0 <= s and s * s = a, every Rabs a of the goal by the",
      "   sign of a, for nra *)",
      "Ltac eos_atoms := repeat match goal with",
      "  | |- context [sqrt ?a] =>",
      "      let s := fresh \"s\" in",
      "      pose proof (sqrt_pos a); pose proof (sqrt_sqrt a ltac:(eos_nonneg));",
      "      set (s := sqrt a) in *; clearbody s",
      "  | H : context [sqrt ?a] |- _ =>",
      "      let s := fresh \"s\" in",
      "      pose proof (sqrt_pos a); pose proof (sqrt_sqrt a ltac:(eos_nonneg));",
      "      set (s := sqrt a) in *; clearbody s",
      "  | |- context [Rabs ?a] =>",
      "      let r := fresh \"r\" in",
      "      destruct (Rle_or_lt 0 a) as [r | r];",
      "      [ rewrite (Rabs_pos_eq a r) | rewrite (Rabs_left a r) ]",
      "  end.",
      "Ltac eos_defined := match goal with",
      "  | |- _ <> 0 => eos_nonzero",
      "  | |- 0 <= _ => eos_nonneg",
      "  | |- 0 < _ => eos_pos",
      "  end.",
      "");

  private String unfold() {
    List<String> defs = new ArrayList<>(coq.definitionNames().stream()
        .filter(n -> !n.endsWith("_is_derive")).toList());
    java.util.Collections.reverse(defs);
    defs.add("eos_tanh");
    return "unfold " + String.join(", ", defs) + " in *";
  }

  private String introNames() {
    StringBuilder b = new StringBuilder();
    coq.binders.forEach(v -> b.append(' ').append(v));
    for (int i = 0; i < coq.box.size(); i++) {
      b.append(" B").append(i + 1);
    }
    for (int i = 0; i < coq.hypotheses.size(); i++) {
      b.append(" H").append(i + 1);
    }
    return b.toString();
  }

  private String conjunction(int k) {
    String term = "claim_" + (k + 1) + introNames();
    return k == coq.claims.size() - 1 ? "exact (" + term + ")"
        : "split; [ exact (" + term + ") | " + conjunction(k + 1) + " ]";
  }

  private String quantified(String body) {
    StringBuilder b = new StringBuilder("forall ").append(String.join(" ", coq.binders))
        .append(" : R,");
    for (String box : coq.box) {
      b.append("\n  ").append(box).append(" ->");
    }
    for (String hyp : coq.hypotheses) {
      b.append("\n  ").append(hyp).append(" ->");
    }
    return b.append("\n  ").append(body).toString();
  }

  private String statementOf(int k) {
    return quantified(coq.claims.get(k).proposition());
  }

  /**
   * The tactic for a leaf's goal closed by {@code method}: an interval leaf by interval with
   * bisection in every variable (inline: an Ltac definition cannot name them), then nra; a Z3 or
   * reduction leaf by lra, nra, then the same interval.
   */
  private String solve(Method method) {
    String interval = "interval with ("
        + String.join(", ", coq.binders.stream().map(v -> "i_bisect " + v).toList())
        + ", i_depth " + Math.max(4, 14 - 2 * coq.binders.size()) + ")";
    List<String> squares = new ArrayList<>();
    List<String> v = coq.binders;
    for (int i = 0; i < v.size() && v.size() <= 5; i++) {
      for (int j = i + 1; j < v.size(); j++) {
        squares.add("pose proof (pow2_ge_0 (" + v.get(i) + " - " + v.get(j) + "))");
      }
    }
    String atoms = "(eos_atoms; " + squares.stream().map(q -> q + "; ").reduce("", String::concat)
        + "nra)";
    return method == Method.INTERVAL ? "(first [ " + interval + " | nra | " + atoms + " ])"
        : "(first [ lra | nra | " + interval + " | " + atoms + " ])";
  }

  /** How the log's one leaf closed claim k. */
  private Method method(int k) {
    return log.leaves().get(0).evidence().stream().filter(e -> e.claim() != null && e.claim() == k)
        .map(ProofLog.Evidence::method).findFirst().orElse(Method.Z3);
  }

  /** The proof script of claim k over the whole box, or why there is none. */
  private String proof(int k) throws Unsupported {
    if (coq.claims.get(k).rel() == null) {
      throw new Unsupported("phi through the gradient-flow shift (gfsShift) is stated, not proved");
    }
    List<Leaf> leaves = log.leaves();
    if (leaves.size() != 1 || leaves.get(0).status() != Status.PROVED) {
      throw new Unsupported("the log's split tree has " + leaves.size()
          + " leaves; only one proved leaf (the whole box) is exported");
    }
    if (leaves.get(0).evidence().stream().anyMatch(e -> e.claim() == null)) {
      throw new Unsupported("a vacuous leaf (a hypothesis false on the box)");
    }
    CoqStatement.Claim c = coq.claims.get(k);
    StringBuilder b = new StringBuilder("Proof.\n  intros").append(introNames())
        .append(".\n  eos_unfold.\n");
    for (int i = 0; i < c.defined().size(); i++) {
      b.append("  split; [ eos_defined | ].\n");
    }
    Reduction red = statement.header().claims().get(k).reduction();
    if (c.rel() == Rel.EQ) {
      b.append("  first [ ring | (field; repeat split; eos_nonzero) | nra ].\n");
    } else if (red == null) {
      b.append("  ").append(solve(method(k))).append(".\n");
    } else {
      b.append(reduction(c.rel(), red, method(k)));
    }
    return b.append("Qed.").toString();
  }

  /** h = |c| * prod t_k * R with every t_k = +-g_k^p_k and R proved non-negative (positive). */
  private String reduction(Rel rel, Reduction red, Method method) throws Unsupported {
    if (red.meanValue() != null) {
      throw new Unsupported("a mean-value reduction");
    }
    boolean strict = rel.strict();
    String le = strict ? "<" : "<=";
    StringBuilder b = new StringBuilder();
    if (red.sqrtArgs() != null) {
      b.append(switch (rel) {
        case LE -> "  apply sqrt_le_1_alt.\n";
        case GE -> "  apply Rle_ge, sqrt_le_1_alt.\n";
        default -> "  apply sqrt_lt_1_alt; split; [ eos_nonneg | ].\n";
      });
      b.append("  first [ apply eos_le | apply eos_lt ].\n");
    } else {
      b.append("  first [ apply eos_le | apply eos_lt | apply eos_ge | apply eos_gt ].\n");
    }
    BigFraction constant = rational(red.constant());
    List<String> product = new ArrayList<>(List.of(CoqPrinter.rational(constant.abs())));
    List<String> facts = new ArrayList<>();
    b.append("  assert (F0 : 0 ").append(le).append(" ").append(product.get(0)).append(") by lra.\n");
    facts.add("F0");
    int i = 0;
    for (Factor f : red.factors()) {
      if (f.sign() == Sign.OPEN) {
        continue; // in the residual
      }
      i++;
      String g = expr(f.base());
      int p = Math.abs(f.power());
      String power = (p == 1 ? "(" + g + ")" : "(" + g + ") ^ " + p);
      power = f.power() < 0 ? "1 / " + power : power;
      boolean odd = f.power() % 2 != 0;
      boolean negative = odd && (f.sign() == Sign.NEGATIVE_ON_ROOT || f.sign() == Sign.NONPOSITIVE_ON_ROOT
          || f.sign() == Sign.HYPOTHESIS && rational(f.ratio()).signum() < 0);
      String t = negative ? "(- (" + power + "))" : "(" + power + ")";
      String tactic = switch (f.sign()) {
        case SQUARE -> f.power() > 0 ? "exact (eos_even_pow (" + g + ") " + f.power() / 2 + ")"
            : "(apply Rlt_le, Rdiv_lt_0_compat; [ lra | eos_pos ])";
        case HYPOTHESIS -> "(first [ lra | eos_sos | nra ])";
        default -> "(first [ eos_sos | interval | nra ])"; // sign on the root box: intervals
      };
      b.append("  assert (F").append(i).append(" : 0 ").append(le).append(" ").append(t)
          .append(") by ").append(tactic).append(".\n");
      product.add(t);
      facts.add("F" + i);
    }
    String residual = "(" + expr(red.residual()) + ")";
    b.append("  assert (FR : 0 ").append(le).append(" ").append(residual).append(") by ").append(solve(method)).append(".\n");
    product.add(residual);
    facts.add("FR");
    String prod = String.join(" * ", product);
    b.append("  match goal with |- _ ").append(le).append(" ?D => replace D with (").append(prod)
        .append(") by (first [ ring | (field; repeat split; eos_nonzero) ]) end.\n");
    String lemma = strict ? "Rmult_lt_0_compat" : "Rmult_le_pos";
    String term = facts.get(0);
    for (String fact : facts.subList(1, facts.size())) {
      term = lemma + " _ _ (" + term + ") " + fact;
    }
    return b.append("  exact (").append(term).append(").\n").toString();
  }

  private String expr(String text) throws Unsupported {
    try {
      return new CoqPrinter(coq.names).print(ExprParser.parse(text));
    } catch (InputException e) {
      throw new Unsupported("unreadable expression in the log: " + e.getMessage());
    }
  }

  private static BigFraction rational(String text) throws Unsupported {
    try {
      return ExprParser.parseRational(text);
    } catch (InputException e) {
      throw new Unsupported("unreadable rational in the log: " + text);
    }
  }

}

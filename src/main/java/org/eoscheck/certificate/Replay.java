package org.eoscheck.certificate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.certificate.CertifiedEvaluator.Form;
import org.eoscheck.certificate.CertifiedEvaluator.Undefined;
import org.eoscheck.certificate.ProofLog.Contents;
import org.eoscheck.certificate.ProofLog.Counterexample;
import org.eoscheck.certificate.ProofLog.Evidence;
import org.eoscheck.certificate.ProofLog.Leaf;
import org.eoscheck.certificate.ProofLog.Method;
import org.eoscheck.certificate.ProofLog.Result;
import org.eoscheck.certificate.ProofLog.Status;
import org.eoscheck.certificate.ProofLog.Verdict;
import org.eoscheck.certificate.ProofLog.Volumes;
import org.eoscheck.certificate.Statement.Condition;
import org.eoscheck.certificate.Statement.Goal;
import org.eoscheck.expr.Expr;

/**
 * The checker: re-verifies a proof log without the search code. In order: the header (hash,
 * names, expressions) and every reduction ({@link Statement}); the tiling of the root box by the
 * leaves ({@link Tiling}); every leaf's evidence; every counterexample; then the verdict and the
 * exact volumes, compared with the result line. The first failure is thrown as {@link Rejected}
 * naming the leaf (path) or line and the reason.
 *
 * <p>Leaf evidence. vacuous j: hypothesis j certainly fails on the box (combined form). interval k
 * form: every expression of goal k's defined list has a defined natural enclosure on the box (with
 * the goal's parameters over their ranges), and the stated form encloses the residual in a set
 * where its condition certainly holds. reduction k: the
 * residual is 1 and the defined list is defined. z3 k: the stored text equals
 * {@link KernelSmt#refutationQuery} for the leaf, and the oracle answers unsat within the budget;
 * sat rejects the log; no answer (budget run out, solver crash) leaves the leaf not re-checked: its
 * volume counts as unknown, never proved. violation k (refuted leaf): the hypotheses certainly hold
 * and claim k certainly fails on the whole box.
 *
 * <p>Counterexample lines: the point lies in the root box, every hypothesis is certainly defined
 * and true there, and the claim is certainly false there: defined and violated, or (a line with
 * "undefined") certainly undefined; the kind must be the one the line states
 * ({@link CounterexampleCheck}).
 *
 * <p>Verdict: REFUTED if there is a (verified) counterexample; else PROVED if the leaves tile the
 * root and all are proved and re-checked (a shard alone is never PROVED); else UNKNOWN. Refuted
 * leaves count in the refuted volume. The result line must state what the leaves' own statuses
 * give, whether or not every leaf could be re-checked.
 */
public final class Replay {
  private Replay() {}

  /**
   * What replay found. {@code missing} is the volume not covered by any leaf; {@code shardVerdict}
   * is the verdict on the shard's own leaves (equal to {@code verdict} for a whole log);
   * {@code notes} list what is not an error but limits the verdict (gaps of an unfinished run,
   * Z3 leaves not re-checked).
   */
  public record Report(Statement statement, Verdict verdict, Verdict shardVerdict, Volumes volume,
      BigFraction missing, Map<String, Integer> evidence, int leaves, int counterexamples,
      List<String> notes) {}

  /**
   * One leaf's outcome: {@code failure} rejects the log; else {@code unchecked} (null when none)
   * says why a z3 claim of the leaf was not re-checked.
   */
  private record LeafCheck(String failure, String unchecked, List<String> methods) {
    static LeafCheck failed(String why) {
      return new LeafCheck(why, null, List.of());
    }

    static LeafCheck passed(List<String> methods) {
      return new LeafCheck(null, null, methods);
    }
  }

  public static Report replay(Contents log, SmtOracle oracle, Duration budget) throws InputException {
    Statement st = Statement.of(log.header());
    List<Tiling.Gap> gaps = Tiling.check(st.root(), log.leaves());
    List<Leaf> leaves = log.leaves();
    List<LeafCheck> checks = IntStream.range(0, leaves.size()).parallel()
        .mapToObj(i -> check(st, leaves.get(i), oracle, budget)).toList();
    List<String> notes = new ArrayList<>();
    Map<String, Integer> evidence = new TreeMap<>();
    List<Status> stated = new ArrayList<>();
    List<Status> effective = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      Leaf leaf = leaves.get(i);
      LeafCheck c = checks.get(i);
      if (c.failure() != null) {
        throw new Rejected("leaf " + leaf.path() + ": " + c.failure());
      }
      c.methods().forEach(m -> evidence.merge(m, 1, Integer::sum));
      stated.add(leaf.status());
      effective.add(c.unchecked() == null ? leaf.status() : Status.UNKNOWN);
      if (c.unchecked() != null) {
        notes.add("leaf " + leaf.path() + ": " + c.unchecked() + "; its volume counts as unknown");
      }
    }
    for (int i = 0; i < log.counterexamples().size(); i++) {
      check(st, i, log.counterexamples().get(i));
    }
    boolean whole = log.header().shard() == null;
    Result claimed = log.result();
    if (claimed != null && whole && !gaps.isEmpty()) {
      throw new Rejected("gap: " + gaps.get(0).describe() + " (the result line says the run finished)");
    }
    if (claimed == null) {
      notes.add("no result line: the run did not finish");
    } else {
      Volumes v = volumes(st.root(), leaves, stated);
      Verdict w = verdict(log.counterexamples(), stated, whole);
      if (claimed.verdict() != w || !sameVolumes(claimed.volume(), v)) {
        throw new Rejected("the result line says " + claimed.verdict() + " " + text(claimed.volume())
            + ", the evidence gives " + w + " " + text(v));
      }
    }
    Volumes volume = volumes(st.root(), leaves, effective);
    Verdict shardVerdict = verdict(log.counterexamples(), effective, true);
    Verdict verdict = verdict(log.counterexamples(), effective, whole && gaps.isEmpty());
    if (!gaps.isEmpty()) {
      notes.add((whole ? "unfinished run: " : "shard " + log.header().shard() + ": ")
          + gaps.size() + " piece(s) without leaves, e.g. " + gaps.get(0).describe());
    }
    BigFraction missing = BigFraction.ONE.subtract(volume.proved()).subtract(volume.refuted())
        .subtract(volume.unknown());
    return new Report(st, verdict, shardVerdict, volume, missing, evidence, leaves.size(),
        log.counterexamples().size(), notes);
  }

  /** The exact volumes of the leaves by (effective) status, as fractions of the root's. */
  public static Volumes volumes(Map<String, Bounds> root, List<Leaf> leaves, List<Status> status) {
    BigFraction[] sum = {BigFraction.ZERO, BigFraction.ZERO, BigFraction.ZERO};
    for (int i = 0; i < leaves.size(); i++) {
      int s = status.get(i).ordinal();
      sum[s] = sum[s].add(Tiling.volume(leaves.get(i).box(), root));
    }
    return new Volumes(sum[Status.PROVED.ordinal()], sum[Status.REFUTED.ordinal()],
        sum[Status.UNKNOWN.ordinal()]);
  }

  /** REFUTED if a counterexample; else PROVED if tiled and every leaf proved; else UNKNOWN. */
  public static Verdict verdict(List<Counterexample> counterexamples, List<Status> status,
      boolean tiled) {
    if (!counterexamples.isEmpty()) {
      return Verdict.REFUTED;
    }
    return tiled && status.stream().allMatch(s -> s == Status.PROVED) ? Verdict.PROVED : Verdict.UNKNOWN;
  }

  /**
   * Equal volumes; a shard's result may count the pieces it does not cover as unknown, so its
   * unknown volume may also be 1 - proved - refuted.
   */
  private static boolean sameVolumes(Volumes claimed, Volumes v) {
    return claimed.proved().equals(v.proved()) && claimed.refuted().equals(v.refuted())
        && (claimed.unknown().equals(v.unknown())
            || claimed.unknown().equals(BigFraction.ONE.subtract(v.proved()).subtract(v.refuted())));
  }

  static String text(Volumes v) {
    return "(proved " + ProofLog.rational(v.proved()) + ", refuted " + ProofLog.rational(v.refuted())
        + ", unknown " + ProofLog.rational(v.unknown()) + ")";
  }

  private static void check(Statement st, int i, Counterexample c) throws Rejected {
    String where = "counterexample " + (i + 1) + " (claim " + (c.claim() + 1) + " at " + c.point() + "): ";
    if (c.claim() < 0 || c.claim() >= st.claims().size()) {
      throw new Rejected(where + "no such claim");
    }
    if (!c.point().keySet().equals(st.root().keySet())) {
      throw new Rejected(where + "the point must give exactly " + st.variables());
    }
    for (String v : st.variables()) {
      if (!st.root().get(v).contains(c.point().get(v))) {
        throw new Rejected(where + v + " lies outside the root box");
      }
    }
    CounterexampleCheck.Outcome o =
        CounterexampleCheck.atPoint(st.variables(), c.point(), st.hypotheses(),
            st.claims().get(c.claim()), st.claimDomain(c.claim()));
    if (!o.violated()) {
      throw new Rejected(where + "not a certified violation: " + o.reason());
    }
    if (c.undefined() != null && o.undefined() == null) {
      throw new Rejected(where + "the line says the claim is undefined there; it is defined and false");
    }
    if (c.undefined() == null && o.undefined() != null) {
      throw new Rejected(where + "the claim is undefined there (" + o.undefined()
          + "); the line gives it as defined");
    }
  }

  private static LeafCheck check(Statement st, Leaf leaf, SmtOracle oracle, Duration budget) {
    CertifiedEvaluator ev = new CertifiedEvaluator();
    List<Evidence> evidence = leaf.evidence();
    List<String> methods = evidence.stream().map(e -> e.method().label()).toList();
    switch (leaf.status()) {
      case UNKNOWN:
        return LeafCheck.passed(methods);
      case REFUTED: {
        if (evidence.size() != 1 || evidence.get(0).method() != Method.VIOLATION
            || !validClaim(st, evidence.get(0).claim())) {
          return LeafCheck.failed("a refuted leaf needs one violation of a claim");
        }
        int k = evidence.get(0).claim();
        CounterexampleCheck.Outcome o =
            CounterexampleCheck.onBox(leaf.box(), st.hypotheses(), st.claims().get(k), ev);
        return o.violated() ? LeafCheck.passed(methods)
            : LeafCheck.failed("claim " + (k + 1) + " is not certainly violated: " + o.reason());
      }
      default:
        break;
    }
    if (evidence.size() == 1 && evidence.get(0).method() == Method.VACUOUS) {
      Integer j = evidence.get(0).hypothesis();
      if (j == null || j < 0 || j >= st.hypotheses().size()) {
        return LeafCheck.failed("vacuous: no hypothesis " + j);
      }
      Condition h = st.hypotheses().get(j);
      try {
        CertifiedInterval x = ev.enclose(Form.COMBINED, st.differentiatedHypothesis(j), leaf.box());
        return x.certainlyNot(h.rel()) ? LeafCheck.passed(methods)
            : LeafCheck.failed("hypothesis " + (j + 1) + " is not certainly false on the box: "
                + h.f().text() + " in " + x);
      } catch (Undefined e) {
        return LeafCheck.failed("hypothesis " + (j + 1) + " possibly undefined: " + e.getMessage());
      }
    }
    boolean[] seen = new boolean[st.claims().size()];
    String unchecked = null;
    for (Evidence e : evidence) {
      if (!validClaim(st, e.claim()) || seen[e.claim()]) {
        return LeafCheck.failed("evidence for claim " + (e.claim() == null ? null : e.claim() + 1) + ": no such claim, or twice");
      }
      int k = e.claim();
      seen[k] = true;
      Optional<String> failure;
      if (e.method() == Method.Z3) {
        failure = sameQuery(st, k, leaf, e.smt());
        if (failure.isEmpty()) {
          SmtOracle.Answer a = oracle.decide(e.smt(), budget);
          if (a instanceof SmtOracle.Sat) {
            failure = Optional.of("Z3 finds the refutation query satisfiable");
          } else if (a instanceof SmtOracle.Unknown u && unchecked == null) {
            unchecked = "claim " + (k + 1) + " not re-checked: " + (u.budgetExhausted()
                ? ("Z3 did not answer within the budget of " + seconds(budget) + " s "
                    + u.reason().substring(SmtOracle.Unknown.BUDGET.length()).strip()).strip()
                : "Z3 gave no verdict (" + u.reason() + ")");
          }
        }
      } else {
        failure = checkByIntervals(st.goals().get(k), e, leaf, ev, st.hypotheses());
      }
      if (failure.isPresent()) {
        return LeafCheck.failed("claim " + (k + 1) + ": " + failure.get());
      }
    }
    for (int k = 0; k < seen.length; k++) {
      if (!seen[k]) {
        return LeafCheck.failed("no evidence for claim " + (k + 1));
      }
    }
    return new LeafCheck(null, unchecked, methods);
  }

  private static String seconds(Duration d) {
    return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
  }

  private static boolean validClaim(Statement st, Integer k) {
    return k != null && k >= 0 && k < st.claims().size();
  }

  /**
   * Why replay would refuse {@code e} (reduction or interval evidence for claim e.claim()) on
   * {@code box}, or empty if it accepts it: what the prover asks before it writes such evidence
   * for a box its own double intervals cannot handle (one with infinite ends).
   */
  public static Optional<String> intervalFailure(Statement st, Evidence e, Map<String, Bounds> box) {
    if (!validClaim(st, e.claim())) {
      return Optional.of("no claim " + e.claim());
    }
    return checkByIntervals(st.goals().get(e.claim()), e, new Leaf("r", box, Status.PROVED,
        List.of(e), 0), new CertifiedEvaluator(), st.hypotheses());
  }

  private static Optional<String> checkByIntervals(Goal goal, Evidence e, Leaf leaf,
      CertifiedEvaluator ev, List<Condition> hypotheses) {
    if (e.method() != Method.INTERVAL && e.method() != Method.REDUCTION) {
      return Optional.of("method " + e.method().label() + " does not prove a claim");
    }
    Map<String, Bounds> box = goal.extend(leaf.box());
    try {
      ev.requireDefined(goal.defined(), box);
    } catch (Undefined u) {
      return Optional.of("possibly undefined on the box: " + u.getMessage());
    }
    Condition r = goal.residual();
    if (e.method() == Method.REDUCTION) {
      return r.f() instanceof Expr.Num n && n.value().equals(BigFraction.ONE) ? Optional.empty()
          : Optional.of("method reduction needs the residual 1, not " + r.f().text());
    }
    if (e.form() == null) {
      return Optional.of("interval evidence without a form");
    }
    try {
      CertifiedInterval x = e.form() == Form.UNDER_HYPOTHESES
          ? UnderHypotheses.enclose(ev, goal.underHypotheses(), box, leaf.box(), hypotheses)
          : ev.enclose(e.form(), goal.differentiated(), box);
      return x.certainly(r.rel()) ? Optional.empty()
          : Optional.of(r.text() + " does not certainly hold on the box: the " + e.form().label()
              + " form gives " + x);
    } catch (Undefined u) {
      return Optional.of("the " + e.form().label() + " form fails: " + u.getMessage());
    }
  }

  private static Optional<String> sameQuery(Statement st, int k, Leaf leaf, String stored) {
    String expected;
    try {
      expected = st.refutationQuery(k, leaf.box());
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    if (expected.equals(stored)) {
      return Optional.empty();
    }
    if (stored == null) {
      return Optional.of("z3 evidence without its query");
    }
    String[] a = expected.split("\n");
    String[] b = stored.split("\n");
    int i = 0;
    while (i < a.length && i < b.length && a[i].equals(b[i])) {
      i++;
    }
    return Optional.of("the stored SMT query is not the kernel's query for this leaf (line "
        + (i + 1) + ": expected '" + (i < a.length ? a[i] : "") + "')");
  }
}

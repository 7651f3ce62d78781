package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.List;
import org.eoscheck.EoscheckException;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.certificate.SmtOracle;
import org.eoscheck.certificate.Statement;

/**
 * Decides a lemma on its box: symbolic preconditioning (re-checked by the kernel), then branch
 * and bound with the interval prover and, optionally, the SMT prover; counterexample search on
 * undecided boxes; a proof log the kernel can replay. The library entry point; the {@code check}
 * command is a thin layer over it.
 *
 * <p>Time. Every phase runs under the run's {@link Deadline} and is given up when it passes: the
 * search for reductions and the kernel's check of them may take at most {@link #REDUCTION_SHARE}
 * of the time (then the claims go on unreduced), stating the lemma for the kernel and compiling
 * the enclosures the rest (then nothing is decided: UNKNOWN), and branch and bound stops at the
 * deadline with the boxes still open UNKNOWN. A phase given up is named in
 * {@link CheckResult#cutShort()}.
 */
public final class Checker {
  /** The share of the time limit that finding and checking reductions may take at most. */
  static final double REDUCTION_SHARE = 0.5;

  private final SmtOracle solver;

  /** @param solver the SMT solver, or null for intervals only */
  public Checker(SmtOracle solver) {
    this.solver = solver;
  }

  /** {@link #check(Problem, CheckOptions, Progress, Deadline)} with the time limit from now. */
  public CheckResult check(Problem problem, CheckOptions options, Progress progress)
      throws EoscheckException {
    return check(problem, options, progress, Deadline.after(options.timeLimit()));
  }

  /** Decides {@code problem}, ending by {@code deadline} (plus about a second) whatever happens. */
  public CheckResult check(Problem problem, CheckOptions options, Progress progress,
      Deadline deadline) throws EoscheckException {
    long start = System.nanoTime();
    boolean z3 = options.z3() && solver != null;
    String z3Version = z3 ? org.eoscheck.Version.z3() : "none";
    List<String> cut = new ArrayList<>();
    Stated stated = reduced(problem, options, z3Version, deadline.share(REDUCTION_SHARE), cut);
    if (stated == null) {
      // No reduction, or one not checked in time, or one the kernel refused: go on without any,
      // trusting nothing it did not accept.
      List<Goal> plain = new ArrayList<>();
      for (int k = 0; k < problem.claims().size(); k++) {
        plain.add(Goal.unreduced(k, problem.claims().get(k)));
      }
      try {
        stated = deadline.run("stating the lemma for the kernel",
            () -> stated(problem, plain, options, z3Version));
      } catch (Deadline.Exceeded e) {
        cut.add(e.describe());
        // Nothing the kernel accepted: no proof log, nothing decided.
        return CheckResult.undecided(problem.lemma().name(), problem.lemma().file(),
            seconds(start), null, plain, cut);
      } catch (Rejected rejected) {
        throw new EoscheckException("the kernel rejects the lemma's statement: "
            + rejected.getMessage());
      }
    }
    List<Goal> goals = Certificates.withKernelObligations(stated.goals(), stated.statement());
    Enclosures enclosures;
    try {
      enclosures = deadline.run("compiling the enclosures", () -> new Enclosures(problem, goals));
    } catch (Deadline.Exceeded e) {
      cut.add(e.describe());
      enclosures = null; // every box stays unknown
    }
    Refuter refuter = enclosures == null ? null
        : new Refuter(problem, enclosures, Certificates.certifier(problem));
    List<Prover> provers = new ArrayList<>();
    // A sat model of a Z3 query is a candidate: certified, it counts like any counterexample.
    java.util.concurrent.atomic.AtomicReference<BranchAndBound> running =
        new java.util.concurrent.atomic.AtomicReference<>();
    if (enclosures != null) {
      provers.add(new IntervalProver(enclosures, problem, stated.statement()));
      if (z3) {
        provers.add(new SmtProver(problem, stated.statement(), solver, options.budget(), deadline,
            (goal, point) -> refuter.tryPoint(point, goal, CandidatePoints.Z3)
                .ifPresent(c -> running.get().found(c))));
      }
    }
    try (RunLog log = options.log() == null ? RunLog.none(problem)
        : RunLog.open(problem, stated.header(), options.log(), options.resume())) {
      BranchAndBound bb = new BranchAndBound(problem, goals, enclosures, provers, refuter, options,
          deadline, log, progress, log.finished(), log.splits());
      running.set(bb);
      BranchAndBound.Outcome o = bb.run(Shards.starts(problem.root(), options));
      if (o.cutShort()) {
        cut.add("branch and bound");
      }
      List<Counterexample> cex = new ArrayList<>(log.counterexamples());
      cex.addAll(o.counterexamples());
      CheckResult result = new CheckResult(problem.lemma().name(), problem.lemma().file(),
          CheckResult.verdict(o.proved(), cex), o.proved(), o.refuted(), o.unknown(), cex,
          o.boxes(), seconds(start), options.log(), goals, cut);
      log.result(result);
      return result;
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Goals, the proof-log header stating them and the kernel's reading of it. */
  private record Stated(List<Goal> goals, ProofLog.Header header, Statement statement) {}

  /** The header of {@code goals} and the kernel's statement of it (which checks every reduction). */
  private static Stated stated(Problem problem, List<Goal> goals, CheckOptions options,
      String z3Version) throws Rejected {
    ProofLog.Header header = Certificates.header(problem, goals, options, z3Version);
    return new Stated(goals, header, Certificates.statement(header));
  }

  /**
   * The goals with the reductions found and checked by the kernel by {@code until}; null if there
   * is none, one was not ready in time, or the kernel refused one. A claim whose search runs out
   * of time stays unreduced.
   */
  private static Stated reduced(Problem problem, CheckOptions options, String z3Version,
      Deadline until, List<String> cut) throws EoscheckException {
    Preconditioner preconditioner = new Preconditioner(problem, Certificates.algebra());
    List<Goal> goals = new ArrayList<>();
    for (int k = 0; k < problem.claims().size(); k++) {
      int claim = k;
      try {
        goals.add(until.run("preconditioning", () -> preconditioner.goal(claim)));
      } catch (Deadline.Exceeded e) {
        if (!cut.contains(e.describe())) {
          cut.add(e.describe());
        }
        goals.add(Goal.unreduced(claim, problem.claims().get(claim)));
      }
    }
    if (goals.stream().allMatch(g -> g.reduction() == null)) {
      return null;
    }
    try {
      return until.run("checking the reductions",
          () -> stated(problem, goals, options, z3Version));
    } catch (Deadline.Exceeded e) {
      cut.add(e.describe());
      return null;
    } catch (Rejected rejected) {
      return null;
    }
  }
}

package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.List;
import org.eoscheck.EoscheckException;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.certificate.Statement;
import org.eoscheck.smt.SmtSolver;

/**
 * Decides a lemma on its box: symbolic preconditioning (re-checked by the kernel), then branch
 * and bound with the interval prover and, optionally, the SMT prover; counterexample search on
 * undecided boxes; a proof log the kernel can replay. The library entry point; the {@code check}
 * command is a thin layer over it.
 */
public final class Checker {
  private final SmtSolver solver;

  /** @param solver the SMT solver, or null for intervals only */
  public Checker(SmtSolver solver) {
    this.solver = solver;
  }

  public CheckResult check(Problem problem, CheckOptions options, Progress progress)
      throws EoscheckException {
    long start = System.nanoTime();
    boolean z3 = options.z3() && solver != null;
    String z3Version = z3 ? org.eoscheck.Version.z3() : "none";
    List<Goal> goals = new Preconditioner(problem, Kernel.algebra()).goals();
    ProofLog.Header header = Kernel.header(problem, goals, options, z3Version);
    Statement statement;
    try {
      statement = Kernel.statement(header);
    } catch (Rejected rejected) {
      // The kernel refused a reduction: go on without any, trusting nothing it did not accept.
      goals = goals.stream().map(Goal::unreduced).toList();
      header = Kernel.header(problem, goals, options, z3Version);
      try {
        statement = Kernel.statement(header);
      } catch (Rejected again) {
        throw new EoscheckException("the kernel rejects the lemma's statement: " + again.getMessage());
      }
    }
    goals = Kernel.withKernelObligations(goals, statement);
    Enclosures enclosures = new Enclosures(problem, goals);
    Refuter refuter = new Refuter(problem, enclosures, Kernel.certifier(problem));
    List<Prover> provers = new ArrayList<>();
    provers.add(new IntervalProver(enclosures));
    // A sat model of a Z3 query is a candidate: certified, it counts like any counterexample.
    java.util.concurrent.atomic.AtomicReference<BranchAndBound> running =
        new java.util.concurrent.atomic.AtomicReference<>();
    if (z3) {
      provers.add(new SmtProver(problem, statement, solver, options.budget(), (goal, point) ->
          refuter.tryPoint(point, goal, CandidatePoints.Z3).ifPresent(c -> running.get().found(c))));
    }
    try (RunLog log = options.log() == null ? RunLog.none(problem)
        : RunLog.open(problem, header, options.log(), options.resume())) {
      BranchAndBound bb = new BranchAndBound(problem, goals, enclosures, provers, refuter, options,
          log, progress, log.finished(), log.splits());
      running.set(bb);
      BranchAndBound.Outcome o = bb.run(Shards.starts(problem.root(), options));
      List<Counterexample> cex = new ArrayList<>(log.counterexamples());
      cex.addAll(o.counterexamples());
      CheckResult result = new CheckResult(problem.lemma().name(), problem.lemma().file(),
          CheckResult.verdict(o.proved(), cex), o.proved(), o.refuted(), o.unknown(), cex,
          o.boxes(), (System.nanoTime() - start) / 1e9, options.log(), goals);
      log.result(result);
      return result;
    }
  }
}

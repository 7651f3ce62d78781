package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog.Evidence;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.SmtOracle;
import org.eoscheck.certificate.Statement;

/**
 * Closes a goal on a box with an SMT solver: the query asks for a point of the box where every
 * hypothesis holds and the goal fails or is undefined (exact rational constants only); only
 * {@code unsat} is evidence. The solver runs in killable worker processes, so the per-query budget
 * holds even when the solver ignores its own time-out. A {@code sat} model is passed on as a
 * candidate counterexample, to be certified before anyone believes it.
 *
 * <p>The solver is tried on the root and then every {@code period} levels of the tree, where the
 * boxes have shrunk enough for a new attempt to be worth its cost.
 */
final class SmtProver implements Prover {
  private final Problem problem;
  private final Statement statement;
  private final SmtOracle solver;
  private final Duration budget;
  private final Deadline deadline;
  private final int period;
  private final BiConsumer<Goal, List<BigFraction>> candidates;

  /** Each query gets {@code budget}, cut to the time left before {@code deadline}. */
  SmtProver(Problem problem, Statement statement, SmtOracle solver, Duration budget,
      Deadline deadline, BiConsumer<Goal, List<BigFraction>> candidates) {
    this.problem = problem;
    this.statement = statement;
    this.solver = solver;
    this.budget = budget;
    this.deadline = deadline;
    this.period = 3 * problem.variables().size();
    this.candidates = candidates;
  }

  @Override
  public String method() {
    return "z3";
  }

  @Override
  public boolean costly() {
    return true;
  }

  @Override
  public Optional<Evidence> prove(Goal goal, Box box) {
    // Goals with a segment parameter (mean-value reductions) are not sent: their queries carry
    // gfsShift terms over a whole segment, the kind Z3 alone left undecided on the depth-3 lemma
    // (bench/README.md, part 1), so the time goes to the intervals.
    if (box.depth() % period != 0 || !goal.parameters().isEmpty()) {
      return Optional.empty();
    }
    String smt;
    try {
      // The kernel's own query text: replay compares it verbatim before re-running it.
      smt = statement.refutationQuery(goal.index(), Certificates.box(problem, box));
    } catch (RuntimeException outsideNra) {
      return Optional.empty();
    }
    SmtOracle.Answer a = solver.decide(smt, deadline.clip(budget));
    if (a instanceof SmtOracle.Unsat) {
      return Optional.of(Evidence.z3(goal.index(), smt));
    }
    Z3Candidates.point(problem, a).ifPresent(point -> candidates.accept(goal, point));
    return Optional.empty();
  }
}

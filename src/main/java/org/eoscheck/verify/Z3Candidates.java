package org.eoscheck.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.certificate.Statement;
import org.eoscheck.certificate.SmtOracle;

/**
 * Candidate points from Z3: the kernel's refutation query of a claim on a box (every hypothesis
 * defined and true, the claim undefined or false) is sent to the solver; a sat model gives a
 * point of the box, a candidate for the kernel like any other (models with irrational values
 * come rounded, so the point may miss).
 */
final class Z3Candidates {
  private final Problem problem;
  private final Statement statement;
  private final SmtOracle solver;

  Z3Candidates(Problem problem, Statement statement, SmtOracle solver) {
    this.problem = problem;
    this.statement = statement;
    this.solver = solver;
  }

  /** For a search without the prover's reductions: the statement of the unreduced claims. */
  static Z3Candidates unreduced(Problem problem, SmtOracle solver) throws Rejected {
    List<Goal> goals = new ArrayList<>();
    for (int k = 0; k < problem.claims().size(); k++) {
      Problem.Claim c = problem.claims().get(k);
      goals.add(new Goal(k, c, c.difference(), null, List.of(c.difference())));
    }
    ProofLog.Header h = Certificates.header(problem, goals, CheckOptions.defaults(), "Z3");
    return new Z3Candidates(problem, Certificates.statement(h), solver);
  }

  /** The model point of claim {@code claim}'s refutation query on {@code box}, if sat. */
  Optional<List<BigFraction>> model(int claim, Box box, Duration budget) {
    String smt;
    try {
      smt = statement.refutationQuery(claim, Certificates.box(problem, box));
    } catch (RuntimeException outsideNra) {
      return Optional.empty();
    }
    return point(problem, solver.decide(smt, budget));
  }

  /** The variables' values in a sat answer, in the problem's order. */
  static Optional<List<BigFraction>> point(Problem problem, SmtOracle.Answer answer) {
    if (!(answer instanceof SmtOracle.Sat sat)) {
      return Optional.empty();
    }
    List<BigFraction> point = new ArrayList<>();
    for (String v : problem.variables()) {
      BigFraction value = sat.model().get(v);
      if (value == null) {
        return Optional.empty();
      }
      point.add(value);
    }
    return Optional.of(point);
  }
}

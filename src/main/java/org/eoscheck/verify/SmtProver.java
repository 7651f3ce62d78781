package org.eoscheck.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Rel;
import org.eoscheck.expr.Relation;
import org.eoscheck.smt.SmtAnswer;
import org.eoscheck.smt.SmtEncoder;
import org.eoscheck.smt.SmtSolver;

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
  private final SmtSolver solver;
  private final Duration budget;
  private final int period;
  private final BiConsumer<Goal, Map<String, BigFraction>> candidates;

  SmtProver(Problem problem, SmtSolver solver, Duration budget,
      BiConsumer<Goal, Map<String, BigFraction>> candidates) {
    this.problem = problem;
    this.solver = solver;
    this.budget = budget;
    this.period = 3 * problem.variables().size();
    this.candidates = candidates;
  }

  @Override
  public String method() {
    return "z3";
  }

  /**
   * The goal as one relation whose definedness is that of both the residual R and the claim's
   * difference f: {@code R + 0*f >= 0} (R > 0, or R == 0 for equations).
   */
  static Relation goalRelation(Goal goal) {
    Expr guarded = Exprs.isZero(goal.residual()) ? goal.residual()
        : new Expr.Add(List.of(goal.residual(), new Expr.Mul(List.of(Exprs.ZERO, goal.difference()))));
    Rel op = goal.claim().equation() ? Rel.EQ : goal.claim().strict() ? Rel.GT : Rel.GE;
    return new Relation(guarded, op, Exprs.ZERO);
  }

  /** The refutation query of {@code goal} on {@code box}, exactly as stored in the proof log. */
  static String query(Problem problem, Goal goal, Box box) {
    Map<String, BigFraction[]> bounds = new LinkedHashMap<>();
    for (int i = 0; i < box.dimension(); i++) {
      bounds.put(problem.variables().get(i), new BigFraction[] {box.lo().get(i), box.hi().get(i)});
    }
    List<Relation> hypotheses = new ArrayList<>();
    for (Problem.Hypothesis h : problem.hypotheses()) {
      hypotheses.add(new Relation(h.expr(), h.strict() ? Rel.GT : Rel.GE, Exprs.ZERO));
    }
    return SmtEncoder.refutationQuery(problem.variables(), bounds, hypotheses, goalRelation(goal));
  }

  @Override
  public Optional<Evidence> prove(Goal goal, Box box) {
    if (box.depth() % period != 0) {
      return Optional.empty();
    }
    String smt;
    try {
      smt = query(problem, goal, box);
    } catch (SmtEncoder.Unsupported outsideNra) {
      return Optional.empty();
    }
    SmtAnswer a = solver.check(smt, budget);
    if (a instanceof SmtAnswer.Unsat) {
      return Optional.of(Evidence.z3(goal.index(), smt));
    }
    if (a instanceof SmtAnswer.Sat sat) {
      Map<String, BigFraction> point = new LinkedHashMap<>();
      for (String v : problem.variables()) {
        BigFraction value = sat.model().get(v);
        if (value == null) {
          return Optional.empty();
        }
        point.put(v, value);
      }
      candidates.accept(goal, point);
    }
    return Optional.empty();
  }
}

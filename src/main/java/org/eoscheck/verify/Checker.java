package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.EoscheckException;

/**
 * Decides a lemma on its box: preconditioning, then branch and bound with the interval prover
 * and (optionally) the SMT prover, counterexample search on undecided boxes, and a proof log.
 * The library entry point; the {@code check} command is a thin layer over it.
 */
public final class Checker {
  private final Components components;

  /** The parts a check is assembled from; the trusted ones come from the certificate kernel. */
  public interface Components {
    Preconditioner.ExactAlgebra algebra();

    PointCertifier certifier(Problem problem);

    /**
     * A prover backed by an SMT solver, or null when unavailable; it hands every solver model to
     * {@code candidates} (goal, point), which certifies it before it counts.
     */
    Prover smt(Problem problem, List<Goal> goals, CheckOptions options,
        BiConsumer<Goal, Map<String, BigFraction>> candidates);

    /** The proof log of this run (header written), or LogSink.NONE. */
    RunLog open(Problem problem, List<Goal> goals, CheckOptions options) throws EoscheckException;
  }

  /** A proof log being written, with what an earlier run left in it (for --resume). */
  public interface RunLog extends LogSink, AutoCloseable {
    Map<String, ResumedLeaf> finished();

    Map<String, Integer> splits();

    void result(CheckResult result) throws EoscheckException;

    @Override
    void close() throws EoscheckException;
  }

  public Checker(Components components) {
    this.components = components;
  }

  public CheckResult check(Problem problem, CheckOptions options, Progress progress)
      throws EoscheckException {
    long start = System.nanoTime();
    List<Goal> goals = new Preconditioner(problem, components.algebra()).goals();
    Enclosures enclosures = new Enclosures(problem, goals);
    PointCertifier certifier = components.certifier(problem);
    Refuter refuter = new Refuter(problem, enclosures, certifier);
    List<Prover> provers = new ArrayList<>();
    provers.add(new IntervalProver(enclosures));
    List<Counterexample> fromModels = java.util.Collections.synchronizedList(new ArrayList<>());
    if (options.z3()) {
      Prover smt = components.smt(problem, goals, options, (goal, point) -> {
        if (fromModels.isEmpty()) {
          refuter.tryPoint(problem.variables().stream().map(point::get).toList(), goal)
              .ifPresent(fromModels::add);
        }
      });
      if (smt != null) {
        provers.add(smt);
      }
    }
    try (RunLog log = components.open(problem, goals, options)) {
      BranchAndBound bb = new BranchAndBound(problem, goals, enclosures, provers, refuter, options,
          log, progress, log.finished(), log.splits());
      BranchAndBound.Outcome o = bb.run(Shards.starts(problem.root(), options));
      List<Counterexample> cex = new ArrayList<>(o.counterexamples());
      synchronized (fromModels) {
        for (Counterexample c : fromModels) {
          log.counterexample(c);
          cex.add(c);
        }
      }
      CheckResult result = new CheckResult(problem.lemma().name(), problem.lemma().file(),
          CheckResult.verdict(o.proved(), cex), o.proved(), o.refuted(), o.unknown(), cex,
          o.boxes(), (System.nanoTime() - start) / 1e9, options.log(), goals);
      log.result(result);
      return result;
    }
  }
}

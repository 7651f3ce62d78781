package org.eoscheck.verify;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.EoscheckException;
import org.eoscheck.smt.SmtSolver;
import org.eoscheck.smt.Z3Processes;

/** Assembles the standard {@link Checker}: interval prover, Z3 in worker processes, proof log. */
public final class Checkers {
  private static SmtSolver solver;

  private Checkers() {}

  public static Checker standard() {
    return new Checker(new Standard());
  }

  /** One pool of solver processes per JVM, closed at exit. */
  static synchronized SmtSolver solver(int workers) {
    if (solver == null) {
      solver = new Z3Processes(workers);
      Runtime.getRuntime().addShutdownHook(new Thread(solver::close));
    }
    return solver;
  }

  private static final class Standard implements Checker.Components {
    @Override
    public Preconditioner.ExactAlgebra algebra() {
      return new Preconditioner.ExactAlgebra() {
        @Override
        public boolean identical(org.eoscheck.expr.Expr e, BigFraction c, List<Reduction.Factor> f) {
          return false;
        }

        @Override
        public Optional<BigFraction> ratio(org.eoscheck.expr.Expr a, org.eoscheck.expr.Expr b) {
          return Optional.empty();
        }
      };
    }

    @Override
    public PointCertifier certifier(Problem problem) {
      return (claim, point) -> Optional.empty();
    }

    @Override
    public Prover smt(Problem problem, List<Goal> goals, CheckOptions options,
        BiConsumer<Goal, Map<String, BigFraction>> candidates) {
      return new SmtProver(problem, solver(Math.max(1, options.jobs())), options.budget(), candidates);
    }

    @Override
    public Checker.RunLog open(Problem problem, List<Goal> goals, CheckOptions options) {
      return new Checker.RunLog() {
        @Override
        public Map<String, ResumedLeaf> finished() {
          return Map.of();
        }

        @Override
        public Map<String, Integer> splits() {
          return Map.of();
        }

        @Override
        public void result(CheckResult result) {}

        @Override
        public void close() {}

        @Override
        public void leaf(Box box, String status, List<Evidence> evidence, long micros) {}

        @Override
        public void split(Box box, int variable) {}

        @Override
        public void counterexample(Counterexample c) {}
      };
    }
  }
}

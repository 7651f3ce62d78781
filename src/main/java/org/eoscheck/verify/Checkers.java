package org.eoscheck.verify;

import org.eoscheck.smt.SmtSolver;
import org.eoscheck.smt.Z3Processes;

/** The standard {@link Checker}: one pool of Z3 worker processes per JVM, closed at exit. */
public final class Checkers {
  private static SmtSolver solver;

  private Checkers() {}

  public static synchronized Checker standard() {
    return new Checker(solver());
  }

  /** The shared pool of Z3 worker processes (started lazily). */
  public static synchronized SmtSolver solver() {
    if (solver == null) {
      solver = new Z3Processes(Math.max(1, Runtime.getRuntime().availableProcessors()));
      Runtime.getRuntime().addShutdownHook(new Thread(solver::close));
    }
    return solver;
  }
}

package org.eoscheck.smt;

import java.time.Duration;

/**
 * An SMT solver for QF_NRA scripts such as the refutation queries of org.eoscheck.certificate.KernelSmt. Implementations are
 * thread-safe: several prover threads may call {@link #check} at once.
 */
public interface SmtSolver extends AutoCloseable {

  /**
   * Decides the satisfiability of the assertions of {@code smtlib2}. Never blocks much longer than
   * {@code budget} (the whole call counts, including waiting for a free solver); when the budget
   * runs out the answer is {@link SmtAnswer.Unknown} with a reason starting with "budget".
   */
  SmtAnswer check(String smtlib2, Duration budget);

  /** The solver's name and version, e.g. "Z3 4.14.1". */
  String version();

  /** Stops every solver process; later checks answer Unknown. */
  @Override
  void close();
}

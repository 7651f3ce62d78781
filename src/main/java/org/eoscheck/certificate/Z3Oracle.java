package org.eoscheck.certificate;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.Params;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import com.microsoft.z3.Z3Exception;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link SmtOracle} by Z3 in process, one fresh {@link Context} per query (safe from several
 * threads). The budget is Z3's own timeout, which Z3 does not always honour on hard nonlinear
 * queries; a hard bound needs a worker process that can be killed.
 */
public final class Z3Oracle implements SmtOracle {
  @Override
  public Optional<Boolean> unsat(String smtlib2, Duration budget) {
    try (Context ctx = new Context()) {
      Solver solver = ctx.mkSolver();
      Params params = ctx.mkParams();
      params.add("timeout", (int) Math.min(Integer.MAX_VALUE, Math.max(1, budget.toMillis())));
      solver.setParameters(params);
      BoolExpr[] assertions = ctx.parseSMTLIB2String(smtlib2, null, null, null, null);
      solver.add(assertions);
      Status status = solver.check();
      return status == Status.UNSATISFIABLE ? Optional.of(true)
          : status == Status.SATISFIABLE ? Optional.of(false) : Optional.empty();
    } catch (Z3Exception | LinkageError e) {
      return Optional.empty();
    }
  }
}

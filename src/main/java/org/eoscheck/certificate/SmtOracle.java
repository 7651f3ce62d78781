package org.eoscheck.certificate;

import java.time.Duration;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * Decides the satisfiability of the assertions of an SMT-LIB2 script (QF_NRA, such as
 * {@link KernelSmt#refutationQuery}) within a time budget. Only {@link Unsat} is evidence for a
 * proof; a {@link Sat} model is a candidate counterexample to be re-checked exactly; {@link Unknown}
 * is evidence of nothing.
 *
 * <p>Implementations are thread-safe and return within about {@code budget} even when the solver
 * ignores its own time-out (the kernel has no clock of its own): running out of budget answers
 * {@code Unknown} with a reason starting with {@value Unknown#BUDGET}.
 */
public interface SmtOracle {
  Answer decide(String smtlib2, Duration budget);

  /** The oracle's answer to one script. */
  sealed interface Answer {}

  /** No point satisfies the assertions. */
  record Unsat() implements Answer {}

  /**
   * A point satisfying the assertions: a rational for every declared real or integer constant,
   * exact, or within 10^-30 of an irrational algebraic value of the solver's model.
   */
  record Sat(Map<String, BigFraction> model) implements Answer {
    public Sat {
      model = Map.copyOf(model);
    }
  }

  /**
   * No verdict. Reasons starting with {@value #BUDGET} mean the budget ran out; others say why the
   * solver gave up, crashed or rejected the script.
   */
  record Unknown(String reason) implements Answer {
    public static final String BUDGET = "budget";

    public boolean budgetExhausted() {
      return reason.startsWith(BUDGET);
    }
  }
}

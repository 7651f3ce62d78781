package org.eoscheck.smt;

import java.util.Map;
import java.util.Set;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * A solver's answer to a refutation query (built by org.eoscheck.certificate.KernelSmt). Only {@link Unsat}
 * can support a proof; a {@link Sat} model is a candidate counterexample that the caller must
 * re-check exactly; {@link Unknown} is never evidence either way.
 */
public sealed interface SmtAnswer {

  /** The query has no solution: the goal holds wherever the hypotheses hold on the box. */
  record Unsat() implements SmtAnswer {}

  /**
   * A solution. {@code model} gives every declared variable of the query (the caller's variables
   * and the encoder's auxiliaries) an exact rational; the variables named in {@code approximated}
   * had irrational algebraic values in the solver's model and carry a rational approximation
   * within 10^-30 of them instead.
   */
  record Sat(Map<String, BigFraction> model, Set<String> approximated) implements SmtAnswer {
    public Sat {
      model = Map.copyOf(model);
      approximated = Set.copyOf(approximated);
    }

    /** A model in which every value is exact. */
    public Sat(Map<String, BigFraction> model) {
      this(model, Set.of());
    }
  }

  /**
   * No verdict. Reasons starting with {@value #BUDGET} mean the time budget ran out; {@code crash:}
   * means the solver process died; {@code error:} that the solver rejected the query; {@code z3:}
   * is Z3's own reason for giving up.
   */
  record Unknown(String reason) implements SmtAnswer {
    public static final String BUDGET = "budget";

    /** Whether the time budget ran out (as opposed to a crash, an error or incompleteness). */
    public boolean budgetExhausted() {
      return reason.startsWith(BUDGET);
    }
  }
}

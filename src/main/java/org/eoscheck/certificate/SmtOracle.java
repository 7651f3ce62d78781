package org.eoscheck.certificate;

import java.time.Duration;
import java.util.Optional;

/**
 * Decides an SMT-LIB2 query: {@code Optional.of(true)} if unsat, {@code Optional.of(false)} if
 * sat, empty if undecided (timeout, resource limit, solver error). Only unsat proves anything.
 */
public interface SmtOracle {
  Optional<Boolean> unsat(String smtlib2, Duration budget);
}

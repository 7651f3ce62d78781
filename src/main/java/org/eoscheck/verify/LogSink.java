package org.eoscheck.verify;

import java.util.List;

/**
 * Receives what a branch-and-bound run finishes, in the order it finishes: the proof log.
 * Implementations must be thread-safe and must have written a line completely before returning.
 */
public interface LogSink {
  /** A finished box; {@code status} is "proved", "refuted" or "unknown". */
  void leaf(Box box, String status, List<Evidence> evidence, long micros);

  /** A box was split into {@code box.path() + ".0"} and {@code ".1"} along {@code variable}. */
  void split(Box box, int variable);

  void counterexample(Counterexample c);
}

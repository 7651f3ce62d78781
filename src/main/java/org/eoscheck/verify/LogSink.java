package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog.Evidence;
import org.eoscheck.certificate.ProofLog.Status;
import java.util.List;

/**
 * Receives what a branch-and-bound run finishes, in the order it finishes: the proof log.
 * Implementations must be thread-safe and must have written a line completely before returning.
 */
public interface LogSink {
  /** A finished box with its status and the evidence that closed it (the kernel's own types). */
  void leaf(Box box, Status status, List<Evidence> evidence, long micros);

  /** A box was split into {@code box.path() + ".0"} and {@code ".1"} along {@code variable}. */
  void split(Box box, int variable);

  void counterexample(Counterexample c);
}

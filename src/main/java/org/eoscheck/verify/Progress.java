package org.eoscheck.verify;

import org.apache.commons.numbers.fraction.BigFraction;

/** Live figures of a running check, for a progress display. */
public interface Progress {
  void update(BigFraction proved, BigFraction refuted, BigFraction unknown, long boxes, int depth);

  Progress NONE = (p, r, u, b, d) -> {};
}

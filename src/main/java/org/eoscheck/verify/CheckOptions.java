package org.eoscheck.verify;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * How a check runs.
 *
 * @param jobs worker threads (results do not depend on it)
 * @param budget the wall-clock budget of one solver query; it holds even when the solver hangs
 * @param timeLimit the whole run's limit; boxes still open then are reported UNKNOWN
 * @param minWidth boxes are not split below this fraction of the root width in every variable
 * @param maxBoxes at most this many boxes are examined
 * @param z3 whether to use the SMT solver on boxes intervals cannot decide
 * @param log where the proof log goes (a file), or null for none
 * @param resume continue the run recorded in {@code log}
 * @param shard this run's share "i/N" (1-based), or null for the whole region
 * @param pieces the root is first split into this many pieces (a power of two) for sharding
 * @param explore keep deciding boxes after a counterexample is found (for volumes); by default
 *     the run stops there and the boxes still open count as unknown
 */
public record CheckOptions(int jobs, Duration budget, Duration timeLimit, BigFraction minWidth,
    long maxBoxes, boolean z3, Path log, boolean resume, Shard shard, int pieces, boolean explore) {

  public static CheckOptions defaults() {
    return new CheckOptions(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(5),
        Duration.ofSeconds(300), BigFraction.of(1, 1 << 12), 200_000, true, null, false, null, 1,
        false);
  }

  public CheckOptions withLog(Path p) {
    return new CheckOptions(jobs, budget, timeLimit, minWidth, maxBoxes, z3, p, resume, shard,
        pieces, explore);
  }

  public CheckOptions withJobs(int n) {
    return new CheckOptions(n, budget, timeLimit, minWidth, maxBoxes, z3, log, resume, shard,
        pieces, explore);
  }

  public CheckOptions withZ3(boolean on) {
    return new CheckOptions(jobs, budget, timeLimit, minWidth, maxBoxes, on, log, resume, shard,
        pieces, explore);
  }

  public CheckOptions withTimeLimit(Duration d) {
    return new CheckOptions(jobs, budget, d, minWidth, maxBoxes, z3, log, resume, shard, pieces,
        explore);
  }

  /** Shard {@code index} of {@code count}, 1-based. */
  public record Shard(int index, int count) {
    public Shard {
      if (count < 1 || index < 1 || index > count) {
        throw new IllegalArgumentException("a shard is i/N with 1 <= i <= N");
      }
    }

    @Override
    public String toString() {
      return index + "/" + count;
    }
  }
}

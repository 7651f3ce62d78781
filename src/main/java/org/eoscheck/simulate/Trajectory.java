package org.eoscheck.simulate;

import java.util.List;

/**
 * A GD run: its records (every k-th step and the last), how it ended and after how many steps, and
 * the names of the recorded invariants.
 */
public record Trajectory(List<StepRecord> records, Outcome outcome, int stepsRun,
    List<String> invariantNames) {
  public Trajectory {
    records = List.copyOf(records);
    invariantNames = List.copyOf(invariantNames);
  }

  public StepRecord first() {
    return records.get(0);
  }

  public StepRecord last() {
    return records.get(records.size() - 1);
  }
}

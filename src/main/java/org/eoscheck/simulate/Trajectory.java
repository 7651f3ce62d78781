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

  /**
   * How often the GF-solution sharpness phi rose from one record where it is known (finite) to
   * the next such record: {@code rises} of {@code intervals}, the largest rise (NaN if none).
   * Where phi is integrated only every few steps (models without a closed form, e.g. the tanh
   * network) these are its only changes the run observes.
   */
  public record PhiRises(int rises, int intervals, double largestRise) {}

  public PhiRises phiRises() {
    int rises = 0;
    int intervals = 0;
    double largest = Double.NaN;
    double previous = Double.NaN;
    for (StepRecord r : records) {
      if (!Double.isFinite(r.phi())) {
        continue;
      }
      if (!Double.isNaN(previous)) {
        intervals++;
        double rise = r.phi() - previous;
        if (rise > 0) {
          rises++;
          largest = Double.isNaN(largest) ? rise : Math.max(largest, rise);
        }
      }
      previous = r.phi();
    }
    return new PhiRises(rises, intervals, largest);
  }
}

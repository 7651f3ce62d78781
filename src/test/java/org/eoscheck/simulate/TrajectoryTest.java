package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.eoscheck.report.SimulationText;

class TrajectoryTest {
  private static Trajectory withPhi(double... phis) {
    List<StepRecord> records = new ArrayList<>();
    for (int t = 0; t < phis.length; t++) {
      records.add(new StepRecord(t, 1, Double.NaN, 1, 0, phis[t], 0, Double.NaN, 1, new double[0],
          new double[0], new double[] {t}, null));
    }
    return new Trajectory(records, Outcome.BOUNDED, phis.length - 1, List.of());
  }

  @Test
  void phiRisesCountOnlyBetweenRecordsWherePhiIsKnown() {
    // phi integrated every other record: 2 -> 2.5 (rise) -> 2.4 -> 2.4 (no rise) -> 3 (rise).
    Trajectory t = withPhi(2, Double.NaN, 2.5, Double.NaN, 2.4, 2.4, Double.NaN, 3);
    Trajectory.PhiRises r = t.phiRises();
    assertEquals(2, r.rises());
    assertEquals(4, r.intervals());
    assertEquals(0.6, r.largestRise(), 1e-12);
    assertTrue(SimulationText.trajectory(t, SimulationOptions.gd(BigFraction.of(1, 2), 7))
        .contains("phi rose in 2 of 4 intervals between recorded values"));
  }

  @Test
  void aFallingPhiHasNoRises() {
    Trajectory.PhiRises r = withPhi(3, 2, 1).phiRises();
    assertEquals(0, r.rises());
    assertEquals(2, r.intervals());
    assertTrue(Double.isNaN(r.largestRise()));
    assertEquals(0, withPhi(Double.NaN, 1).phiRises().intervals());
  }
}

package org.eoscheck.interval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eoscheck.expr.ExprParser;
import org.junit.jupiter.api.Test;

class IntervalProgramTest {
  /**
   * d/dy (x^2*y) = x^2 shares the slot of a subterm of f that comes before d/dx's new slots: the
   * gradient must still be evaluated completely (this once left d/dx unevaluated).
   */
  @Test
  void gradientOutputsSharingEarlierSlotsAreAllEvaluated() throws Exception {
    IntervalEnclosure e = IntervalEnclosure.of(ExprParser.parse("x^2*y"), List.of("x", "y"));
    Interval v = e.enclose(new Interval[] {new Interval(1, 2), new Interval(3, 4)});
    assertTrue(v.lo() <= 3 && v.hi() >= 16 && v.lo() >= 0, v.toString());
  }
}

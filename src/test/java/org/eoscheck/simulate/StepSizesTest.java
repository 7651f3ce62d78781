package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.junit.jupiter.api.Test;

class StepSizesTest {
  @Test
  void valuesListsAndExactRanges() throws InputException {
    assertEquals(List.of(BigFraction.of(99, 100)), StepSizes.parse("0.99"));
    assertEquals(List.of(BigFraction.of(3, 5), BigFraction.of(1, 20)), StepSizes.parse(" 3/5 , 0.05"));
    List<BigFraction> range = StepSizes.parse("0.9:1.1:0.01");
    assertEquals(21, range.size(), "the end is reached exactly, not missed by rounding");
    assertEquals(BigFraction.of(9, 10), range.get(0));
    assertEquals(BigFraction.of(101, 100), range.get(11));
    assertEquals(BigFraction.of(11, 10), range.get(20));
    assertEquals(List.of(BigFraction.of(1, 2), BigFraction.of(1, 1)), StepSizes.parse("1/2:1.2:1/2"));
    List<BigFraction> mixed = StepSizes.parse("0.5,0.6:0.8:0.1,1");
    assertEquals(5, mixed.size());
    assertEquals(BigFraction.of(7, 10), mixed.get(2));
  }

  @Test
  void badTextIsOneClearMessage() {
    String[] bad = {"", "0", "-0.1", "abc", "0.1,", "1:0.5:0.1", "0.1:0.2", "0.1:0.2:0",
        "0.1:0.2:0.1:3", "0.001:1000:0.001"};
    for (String b : bad) {
      InputException e = assertThrows(InputException.class, () -> StepSizes.parse(b), b);
      assertTrue(!e.getMessage().contains("\n") && !e.getMessage().isBlank(), e.getMessage());
    }
  }
}

package org.eoscheck.simulate;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.expr.ExprParser;

/**
 * A list of step sizes written as text, every value an exact rational: a single value
 * ({@code 0.99}, {@code 3/5}), a comma-separated list ({@code 0.1,0.05,0.025}), a range
 * {@code start:end:increment} ({@code 0.9:1.1:0.01} is 0.90, 0.91, ..., 1.10; the end is included
 * when the increments reach it exactly, and exact arithmetic means they do whenever they should),
 * or a list mixing values and ranges. Order is kept as written.
 */
public final class StepSizes {
  /** At most this many step sizes. */
  public static final int MAX = 1000;

  private StepSizes() {}

  /** The step sizes of {@code text}; a one-line error naming the bad part otherwise. */
  public static List<BigFraction> parse(String text) throws InputException {
    List<BigFraction> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      throw new InputException("no step size given");
    }
    for (String item : text.split(",", -1)) {
      String[] parts = item.split(":", -1);
      if (parts.length == 1) {
        out.add(positive(parts[0]));
      } else if (parts.length == 3) {
        range(positive(parts[0]), positive(parts[1]), positive(parts[2]), item.trim(), out);
      } else {
        throw new InputException("'" + item.trim() + "' is neither a step size nor a range"
            + " start:end:increment");
      }
      if (out.size() > MAX) {
        throw new InputException("more than " + MAX + " step sizes in '" + text.trim() + "'");
      }
    }
    return List.copyOf(out);
  }

  private static void range(BigFraction start, BigFraction end, BigFraction increment, String item,
      List<BigFraction> out) throws InputException {
    if (start.compareTo(end) > 0) {
      throw new InputException("range '" + item + "': the start is above the end");
    }
    for (BigFraction h = start; h.compareTo(end) <= 0; h = h.add(increment)) {
      out.add(h);
      if (out.size() > MAX) {
        throw new InputException("range '" + item + "' has more than " + MAX + " step sizes");
      }
    }
  }

  private static BigFraction positive(String text) throws InputException {
    BigFraction h;
    try {
      h = ExprParser.parseRational(text);
    } catch (InputException e) {
      throw new InputException("'" + text.trim() + "' is not a rational number");
    }
    if (h.signum() <= 0) {
      throw new InputException("step sizes must be positive, not " + text.trim());
    }
    return h;
  }
}

package org.eoscheck.interval;

/**
 * A compiled expression evaluated over a box: {@code box[i]} is the interval of the i-th variable
 * of the list it was compiled with. The result contains the exact value of the expression at every
 * point of the box, or is {@link Interval#ENTIRE} when that cannot be said (in particular when the
 * expression is undefined somewhere on the box). Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface IntervalFunction {
  Interval eval(Interval[] box);
}

package org.eoscheck.simulate;

import org.apache.commons.numbers.fraction.BigFraction;

/**
 * How to run GD: the update rule, the step size (exact; rounded to double in double precision),
 * the number of steps, recording every {@code every}-th step (and the last), the arithmetic
 * ({@code digits} significant digits in {@link Precision#EXACT}), the sharpness method, how often
 * to integrate gradient flow for phi where the model has no closed form ({@code gfEvery}: k > 0
 * every k steps plus the first and last record, 0 first and last record only, -1 never), whether
 * to stop at convergence or a 2-cycle, and the relative tolerance of those tests.
 */
public record SimulationOptions(Method method, BigFraction eta, int steps, int every,
    Precision precision, int digits, Sharpness.Mode sharpness, int gfEvery, boolean stopEarly,
    double tolerance) {

  public static final int DEFAULT_DIGITS = 50;
  public static final double DEFAULT_TOLERANCE = 1e-12;

  public SimulationOptions {
    if (eta.signum() <= 0) {
      throw new IllegalArgumentException("eta must be positive");
    }
    if (steps < 0 || every < 1 || digits < 10 || !(tolerance >= 0)) {
      throw new IllegalArgumentException("bad simulation options");
    }
  }

  /** GD with step eta for {@code steps} steps, every step recorded, double precision, defaults. */
  public static SimulationOptions gd(BigFraction eta, int steps) {
    return new SimulationOptions(Method.GD, eta, steps, 1, Precision.DOUBLE, DEFAULT_DIGITS,
        Sharpness.Mode.AUTO, 0, true, DEFAULT_TOLERANCE);
  }

  public SimulationOptions withEvery(int k) {
    return new SimulationOptions(method, eta, steps, k, precision, digits, sharpness, gfEvery,
        stopEarly, tolerance);
  }

  /** High precision with {@code d} digits and the tolerance {@link #exactTolerance}. */
  public SimulationOptions exact(int d) {
    return new SimulationOptions(method, eta, steps, every, Precision.EXACT, d, sharpness, gfEvery,
        stopEarly, exactTolerance(d));
  }

  /** The default convergence tolerance with {@code d} digits: 10^-(d - 10). */
  public static double exactTolerance(int d) {
    return Math.pow(10, -(d - 10));
  }

  /** The same options with the step size {@code h}. */
  public SimulationOptions withEta(BigFraction h) {
    return new SimulationOptions(method, h, steps, every, precision, digits, sharpness, gfEvery,
        stopEarly, tolerance);
  }

  public SimulationOptions withStopEarly(boolean stop) {
    return new SimulationOptions(method, eta, steps, every, precision, digits, sharpness, gfEvery,
        stop, tolerance);
  }

  public SimulationOptions withTolerance(double tol) {
    return new SimulationOptions(method, eta, steps, every, precision, digits, sharpness, gfEvery,
        stopEarly, tol);
  }

  public double etaValue() {
    return eta.doubleValue();
  }
}

package org.eoscheck.simulate;

import java.math.BigDecimal;
import java.util.List;

/**
 * What was observed at one GD step t. Changes are theta_t's value minus theta_{t-1}'s (NaN at
 * t = 0), computed in the trajectory's arithmetic. {@code sharpnessTolerance} is the Lanczos
 * residual norm (0 for direct methods); {@code phiTolerance} is the gradient norm the gradient-flow
 * integration reached (0 for closed forms; NaN where phi was not computed). {@code exactTheta} is
 * the high-precision point (null in double precision).
 */
public record StepRecord(int step, double loss, double residual, double sharpness,
    double sharpnessTolerance, double phi, double phiTolerance, double phiChange,
    double gradientNorm, double[] invariants, double[] invariantChanges, double[] theta,
    List<BigDecimal> exactTheta) {}

package org.eoscheck.verify;

import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * A point of the region where every hypothesis holds and claim {@code claim} fails, confirmed by
 * certified evaluation; {@code lhs} and {@code rhs} are certified enclosures of both sides, as text.
 */
public record Counterexample(int claim, Map<String, BigFraction> point, String lhs, String rhs) {}

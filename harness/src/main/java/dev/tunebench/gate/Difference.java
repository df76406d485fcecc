package dev.tunebench.gate;

import dev.tunebench.stats.Interval;

/**
 * candidate − reference on one metric: both values, the difference, its two-sided interval at level
 * 2c − 1 (whose bounds are the one-sided c bounds), the test, its two-sided p-value (null when none was
 * run), the number of rows (pairs, or the smaller side when unpaired) and whether rows were paired.
 */
public record Difference(double candidate, double reference, double difference, Interval interval, String test,
                         Double pValue, int n, boolean paired) {
}

/**
 * Pure statistics for tunebench results: intervals on every figure, paired comparisons with
 * Holm–Bonferroni adjustment and verdicts, minimum detectable effects, repeat stability and latency
 * aggregation. No I/O; every random step takes an explicit seed so results are reproducible.
 *
 * <p>Method names written next to each figure ({@code wilson}, {@code bootstrap-percentile},
 * {@code newcombe-paired}, {@code mcnemar-exact}, ...) are constants on the class that computes them.
 */
package dev.tunebench.stats;

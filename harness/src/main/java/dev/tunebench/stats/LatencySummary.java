package dev.tunebench.stats;

/**
 * Latency figures in milliseconds as reported for each perf scenario. Percentiles come from
 * HdrHistogram (see {@link LatencyHistogram}); mean and max are exact. All NaN when empty.
 */
public record LatencySummary(long count, double meanMs, double p50Ms, double p90Ms, double p95Ms, double p99Ms,
        double maxMs) {

    static LatencySummary empty() {
        return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}

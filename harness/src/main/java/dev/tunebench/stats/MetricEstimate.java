package dev.tunebench.stats;

/**
 * One figure as written to summary.json: {@code value}, {@code ci_low}, {@code ci_high}, {@code method}
 * and {@code n}. Null fields are written as JSON null: {@code value} is null when undefined (a mean
 * over zero rows), the bounds are null when the method gives no interval (e.g. {@code ratio}).
 */
public record MetricEstimate(Double value, Double ciLow, Double ciHigh, String method, int n) {

    public MetricEstimate {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }

    /** A value with its interval; NaN bounds (an undefined interval) become null. */
    public static MetricEstimate of(double value, Interval interval, int n) {
        return new MetricEstimate(orNull(value), orNull(interval.low()), orNull(interval.high()), interval.method(), n);
    }

    /** A value without an interval, e.g. a throughput ratio. */
    public static MetricEstimate pointOnly(double value, String method, int n) {
        return new MetricEstimate(orNull(value), null, null, method, n);
    }

    static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}

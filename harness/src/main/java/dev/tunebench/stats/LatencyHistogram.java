package dev.tunebench.stats;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Records latencies (TTFT, TPOT, inter-token gaps, end-to-end) in integer nanoseconds or microseconds
 * and summarises them in milliseconds. Backed by an auto-resizing HdrHistogram with 3 significant
 * digits: memory stays bounded however many tokens are timed, and each percentile is within 0.1% of a
 * recorded value. HdrHistogram's percentile is the smallest recorded value (rounded to its bucket) with
 * at least that share of values at or below it, not the interpolated {@link Percentiles} definition;
 * the two agree to within one value's gap on large samples. Not thread-safe: one per recording thread,
 * then {@link #add}.
 */
public final class LatencyHistogram {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final TimeUnit unit;
    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
    private long max;
    private double sum;

    private LatencyHistogram(TimeUnit unit) {
        this.unit = unit;
    }

    public static LatencyHistogram nanoseconds() {
        return new LatencyHistogram(TimeUnit.NANOSECONDS);
    }

    public static LatencyHistogram microseconds() {
        return new LatencyHistogram(TimeUnit.MICROSECONDS);
    }

    public TimeUnit unit() {
        return unit;
    }

    /** Records one latency in this histogram's unit. */
    public void record(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("latency must be >= 0, got " + value + " " + unit);
        }
        histogram.recordValue(value);
        max = Math.max(max, value);
        sum += value;
    }

    /** Adds everything recorded by {@code other}, which must use the same unit. */
    public void add(LatencyHistogram other) {
        if (other.unit != unit) {
            throw new IllegalArgumentException("cannot add " + other.unit + " to " + unit);
        }
        histogram.add(other.histogram);
        max = Math.max(max, other.max);
        sum += other.sum;
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public LatencySummary summary() {
        long count = histogram.getTotalCount();
        if (count == 0) {
            return LatencySummary.empty();
        }
        return new LatencySummary(count, toMillis(sum / count), percentileMs(50), percentileMs(90),
                percentileMs(95), percentileMs(99), toMillis(max));
    }

    private double percentileMs(double percent) {
        return toMillis(histogram.getValueAtPercentile(percent));
    }

    private double toMillis(double value) {
        return value / unit.convert(1, TimeUnit.MILLISECONDS);
    }
}

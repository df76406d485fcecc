package dev.tunebench.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Non-parametric bootstrap with percentile intervals (Efron & Tibshirani 1993, ch. 13): resample the
 * rows with replacement {@code resamples} times, compute the statistic on each resample, and take the
 * (1-c)/2 and (1+c)/2 {@link Percentiles} of those values. Every call starts a fresh
 * {@link SplittableRandom} from {@code seed}, so a figure depends only on its data and the seed, not on
 * which figures were computed before it.
 */
public record Bootstrap(long seed, int resamples, double confidence) {

    public static final String PERCENTILE_METHOD = "bootstrap-percentile";
    public static final int DEFAULT_RESAMPLES = 2_000;

    public Bootstrap {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be >= 1, got " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }

    /** 2,000 resamples and a 95% interval. */
    public static Bootstrap withSeed(long seed) {
        return new Bootstrap(seed, DEFAULT_RESAMPLES, Proportions.DEFAULT_CONFIDENCE);
    }

    public Interval meanInterval(double[] values) {
        return interval(values, Percentiles::mean);
    }

    /** Interval for the {@code percent} (0..100) percentile, e.g. 95 for p95 latency. */
    public Interval percentileInterval(double[] values, double percent) {
        return interval(values, sample -> {
            Arrays.sort(sample);
            return Percentiles.ofSorted(sample, percent);
        });
    }

    public MetricEstimate estimateMean(double[] values) {
        return MetricEstimate.of(Percentiles.mean(values), meanInterval(values), values.length);
    }

    public MetricEstimate estimatePercentile(double[] values, double percent) {
        return MetricEstimate.of(Percentiles.of(values, percent), percentileInterval(values, percent), values.length);
    }

    /**
     * Percentile interval of any statistic. The statistic receives a fresh resample array it may
     * reorder. Undefined (NaN bounds) for an empty input.
     */
    public Interval interval(double[] values, ToDoubleFunction<double[]> statistic) {
        if (values.length == 0) {
            return Interval.undefined(PERCENTILE_METHOD);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] replicates = new double[resamples];
        double[] sample = new double[values.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = values[random.nextInt(values.length)];
            }
            replicates[r] = statistic.applyAsDouble(sample);
        }
        return percentileBounds(replicates);
    }

    /** The (1-c)/2 and (1+c)/2 percentiles of bootstrap replicates; sorts {@code replicates} in place. */
    Interval percentileBounds(double[] replicates) {
        Arrays.sort(replicates);
        double tail = (1 - confidence) / 2 * 100;
        return new Interval(Percentiles.ofSorted(replicates, tail), Percentiles.ofSorted(replicates, 100 - tail),
                PERCENTILE_METHOD);
    }
}

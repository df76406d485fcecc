package dev.tunebench.stats;

import java.util.Arrays;

/**
 * The one percentile definition used across tunebench: linear interpolation between order statistics,
 * Hyndman & Fan (1996) type 7 (the default of R, NumPy and Excel's PERCENTILE.INC). For sorted
 * x[0..n-1] and percent p, h = (n - 1) p / 100 and the result is x[⌊h⌋] + (h - ⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋]);
 * so p0 is the minimum, p100 the maximum, and p50 of 1..100 is 50.5.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /** The {@code percent} percentile (0..100) of {@code values}; NaN for an empty array. */
    public static double of(double[] values, double percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted, percent);
    }

    /** As {@link #of} for values already sorted ascending; avoids a copy inside bootstrap loops. */
    public static double ofSorted(double[] sorted, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in [0, 100], got " + percent);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * percent / 100.0;
        int below = (int) Math.floor(h);
        if (below >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[below] + (h - below) * (sorted[below + 1] - sorted[below]);
    }

    /** Arithmetic mean; NaN for an empty array. */
    public static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** Sample standard deviation (n - 1 denominator); NaN below two values. */
    public static double standardDeviation(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }
}

package dev.tunebench.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/** Intervals for a proportion of passing rows (accuracy, format adherence). */
public final class Proportions {

    public static final String WILSON = "wilson";
    public static final double DEFAULT_CONFIDENCE = 0.95;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private Proportions() {
    }

    public static Interval wilson(int successes, int n) {
        return wilson(successes, n, DEFAULT_CONFIDENCE);
    }

    /**
     * Wilson score interval (Wilson 1927; method 3 in Newcombe 1998, Stat Med 17:857). Unlike the Wald
     * interval it stays inside [0, 1] and keeps near-nominal coverage at 0/n and n/n, which is where
     * small eval sets often land. Undefined (NaN bounds) when {@code n == 0}.
     */
    public static Interval wilson(int successes, int n, double confidence) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 <= successes <= n, got " + successes + "/" + n);
        }
        if (n == 0) {
            return Interval.undefined(WILSON);
        }
        double z = twoSidedZ(confidence);
        double p = (double) successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double halfWidth = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // At 0/n and n/n the exact bound is 0 or 1; floating point would leave 1e-16 of noise.
        double low = successes == 0 ? 0 : centre - halfWidth;
        double high = successes == n ? 1 : centre + halfWidth;
        return new Interval(low, high, WILSON);
    }

    /** The share of successes with its 95% Wilson interval, ready for summary.json. */
    public static MetricEstimate estimate(int successes, int n) {
        double value = n == 0 ? Double.NaN : (double) successes / n;
        return MetricEstimate.of(value, wilson(successes, n), n);
    }

    /** The z with P(|Z| <= z) = confidence, e.g. 1.959964 for 0.95. */
    static double twoSidedZ(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        return STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    /** The z with P(Z <= z) = probability, e.g. 0.841621 for power 0.8. */
    static double oneSidedZ(double probability) {
        return STANDARD_NORMAL.inverseCumulativeProbability(probability);
    }
}

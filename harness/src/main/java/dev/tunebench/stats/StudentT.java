package dev.tunebench.stats;

import org.apache.commons.math3.distribution.TDistribution;

/** Student-t interval for a mean over a few independent trials (e.g. throughput per trial). */
public final class StudentT {

    public static final String METHOD = "student-t";

    private StudentT() {
    }

    /**
     * mean ± t(1-α/2, n-1) · s / √n. Suited to a handful of trials, where a bootstrap would have too
     * few distinct resamples; assumes trial means are roughly normal. Undefined below two trials.
     */
    public static Interval meanInterval(double[] values, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        if (values.length < 2) {
            return Interval.undefined(METHOD);
        }
        double mean = Percentiles.mean(values);
        double standardError = Percentiles.standardDeviation(values) / Math.sqrt(values.length);
        double t = new TDistribution(null, values.length - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        return new Interval(mean - t * standardError, mean + t * standardError, METHOD);
    }

    public static MetricEstimate estimateMean(double[] values) {
        return MetricEstimate.of(Percentiles.mean(values), meanInterval(values, Proportions.DEFAULT_CONFIDENCE),
                values.length);
    }
}

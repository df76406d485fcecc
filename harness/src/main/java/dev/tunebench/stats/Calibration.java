package dev.tunebench.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a classifier's confidence matches its accuracy: expected calibration error over equal-width bins of
 * top-label confidence (Guo et al. 2017, "On Calibration of Modern Neural Networks", eq. 3): bin {@code b} holds
 * the rows with confidence in {@code (b/B, (b+1)/B]}, and ECE = Σ |bin|/n · |accuracy(bin) − confidence(bin)|.
 * The bins are the reliability diagram.
 *
 * @param ece  NaN for no rows
 * @param bins every bin, empty ones included (count 0, accuracy and confidence NaN)
 */
public record Calibration(double ece, List<Bin> bins, int n) {
    /** The paper's and its reference code's bin count. */
    public static final int DEFAULT_BINS = 15;
    /** How summary.json names the figure's method. */
    public static final String METHOD = "ece-15-bins";

    /** One bar of the reliability diagram: rows whose confidence falls in {@code (lower, upper]}. */
    public record Bin(double lower, double upper, int count, double confidence, double accuracy) {
    }

    public Calibration {
        bins = List.copyOf(bins);
    }

    /**
     * @param confidence each row's top-label probability
     * @param correct    whether each row's top label is the expected one
     */
    public static Calibration of(double[] confidence, boolean[] correct, int binCount) {
        if (confidence.length != correct.length) {
            throw new IllegalArgumentException(confidence.length + " confidences but " + correct.length + " outcomes");
        }
        int[] count = new int[binCount];
        double[] confSum = new double[binCount];
        int[] hits = new int[binCount];
        for (int i = 0; i < confidence.length; i++) {
            int b = bin(confidence[i], binCount);
            count[b]++;
            confSum[b] += confidence[i];
            hits[b] += correct[i] ? 1 : 0;
        }
        List<Bin> bins = new ArrayList<>(binCount);
        double ece = 0;
        for (int b = 0; b < binCount; b++) {
            double conf = count[b] == 0 ? Double.NaN : confSum[b] / count[b];
            double acc = count[b] == 0 ? Double.NaN : hits[b] / (double) count[b];
            bins.add(new Bin(b / (double) binCount, (b + 1) / (double) binCount, count[b], conf, acc));
            if (count[b] > 0) {
                ece += count[b] / (double) confidence.length * Math.abs(acc - conf);
            }
        }
        return new Calibration(confidence.length == 0 ? Double.NaN : ece, bins, confidence.length);
    }

    /**
     * ECE as a figure without an interval: resampling rows repeats some and leaves others out, which inflates
     * ECE (fewer distinct rows per bin, more noise in each gap), so a bootstrap percentile interval can miss the
     * figure itself.
     */
    public static MetricEstimate estimate(double[] confidence, boolean[] correct) {
        return MetricEstimate.pointOnly(of(confidence, correct, DEFAULT_BINS).ece(), METHOD, confidence.length);
    }

    /** The bin of {@code (b/B, (b+1)/B]} holding {@code p}; a confidence of exactly 0 joins the first bin. */
    static int bin(double p, int binCount) {
        int b = (int) Math.ceil(p * binCount) - 1;
        return Math.max(0, Math.min(binCount - 1, b));
    }
}

package dev.tunebench.summary;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import dev.tunebench.results.Sample;
import dev.tunebench.stats.Calibration;
import dev.tunebench.stats.MetricEstimate;

import java.util.Arrays;
import java.util.Map;

/**
 * A classifier cell's probabilities, per sample: the top label's probability, whether that label is the expected
 * one, and the cross-entropy of the expected label. They give the {@code ece} and {@code log_loss} metrics and the
 * {@code calibration} block (the reliability diagram's bins).
 */
final class CalibrationTally {
    /** A probability this small counts as this small: an expected label given 0 would make log-loss infinite. */
    private static final double FLOOR = 1e-15;

    private int size;
    private double[] confidence = new double[64];
    private boolean[] correct = new boolean[64];
    private double[] logLoss = new double[64];

    void add(Sample s) {
        Map<String, Double> p = s.probabilities();
        if (p == null || p.isEmpty() || s.error() != null) {
            return;
        }
        if (size == confidence.length) {
            confidence = Arrays.copyOf(confidence, size * 2);
            correct = Arrays.copyOf(correct, size * 2);
            logLoss = Arrays.copyOf(logLoss, size * 2);
        }
        String expected = s.expected() == null ? "" : s.expected().strip();
        Map.Entry<String, Double> top = p.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        confidence[size] = top.getValue();
        correct[size] = top.getKey().equals(expected);
        logLoss[size] = -Math.log(Math.max(FLOOR, p.getOrDefault(expected, 0.0)));
        size++;
    }

    boolean any() {
        return size > 0;
    }

    /** Adds {@code ece} (a figure without interval, see {@link Calibration#estimate}) and {@code log_loss} (a mean). */
    void addMetrics(ObjectNode metrics, CellMetrics cellMetrics) {
        metrics.set("ece", Json.MAPPER.valueToTree(Calibration.estimate(Arrays.copyOf(confidence, size),
                Arrays.copyOf(correct, size))));
        MetricEstimate loss = cellMetrics.mean(Arrays.copyOf(logLoss, size));
        metrics.set("log_loss", Json.MAPPER.valueToTree(loss));
    }

    ObjectNode toJson() {
        Calibration cal = Calibration.of(Arrays.copyOf(confidence, size), Arrays.copyOf(correct, size),
                Calibration.DEFAULT_BINS);
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("ece", cal.ece());
        o.put("n", cal.n());
        ArrayNode bins = o.putArray("bins");
        for (Calibration.Bin b : cal.bins()) {
            ObjectNode bin = bins.addObject();
            bin.put("lower", b.lower());
            bin.put("upper", b.upper());
            bin.put("count", b.count());
            bin.put("confidence", b.confidence());
            bin.put("accuracy", b.accuracy());
        }
        return o;
    }
}

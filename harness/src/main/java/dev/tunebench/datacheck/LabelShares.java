package dev.tunebench.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The distribution of expected answers of classification-like data. An answer's label is the value of a JSON
 * object's only field ({@code {"intent": "refund"}} → {@code refund}), else the answer's text (lower-cased,
 * whitespace collapsed). Data counts as classification-like when it has at most {@link #MAX_LABELS} labels
 * and, on average, each label answers at least two examples; otherwise there is no distribution to show.
 */
public record LabelShares(long examples, Map<String, Long> counts) {
    public static final int MAX_LABELS = 50;
    /** Distributions are called different when a chi-square test of homogeneity rejects at this level. */
    public static final double ALPHA = 0.01;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** How another file's distribution compares with this one's. */
    public record Comparison(double totalVariation, double pValue, boolean differs) {
    }

    public LabelShares {
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** The shares, or null when the answers are not classification-like. */
    public static LabelShares of(List<Example> examples) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Example e : examples) {
            counts.merge(label(e.answer()), 1L, Long::sum);
        }
        if (counts.isEmpty() || counts.size() > MAX_LABELS || counts.size() * 2L > examples.size()) {
            return null;
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new LabelShares(examples.size(), sorted);
    }

    public double share(String label) {
        return counts.getOrDefault(label, 0L) / (double) examples;
    }

    /**
     * Total variation distance (half the sum of absolute share differences) and the p-value of a chi-square
     * test of homogeneity over the union of labels; {@code differs} when p < {@link #ALPHA}.
     */
    public Comparison compare(LabelShares other) {
        TreeSet<String> labels = new TreeSet<>(counts.keySet());
        labels.addAll(other.counts.keySet());
        double tv = 0;
        long[] a = new long[labels.size()];
        long[] b = new long[labels.size()];
        int i = 0;
        for (String label : labels) {
            tv += Math.abs(share(label) - other.share(label));
            a[i] = counts.getOrDefault(label, 0L);
            b[i] = other.counts.getOrDefault(label, 0L);
            i++;
        }
        double p = labels.size() < 2 ? 1 : new ChiSquareTest().chiSquareTestDataSetsComparison(a, b);
        return new Comparison(tv / 2, p, p < ALPHA);
    }

    static String label(String answer) {
        try {
            JsonNode node = MAPPER.readTree(answer);
            if (node != null && node.isObject() && node.size() == 1) {
                JsonNode v = node.elements().next();
                if (v.isValueNode()) {
                    return v.asText();
                }
            }
        } catch (java.io.IOException e) {
            // Not JSON: the answer text itself is the label.
        }
        return Overlap.normal(answer);
    }

    List<String> labels() {
        return new ArrayList<>(counts.keySet());
    }
}

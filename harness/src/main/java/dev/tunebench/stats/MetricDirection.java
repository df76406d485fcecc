package dev.tunebench.stats;

import java.util.List;
import java.util.Locale;

/** Whether a larger value of a metric is an improvement. */
public enum MetricDirection {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER;

    /** Name fragments of metrics where less is better: time, token counts, money. */
    private static final List<String> COST_LIKE = List.of("latency", "ttft", "tpot", "_ms", "tokens", "cost", "spend", "loss", "error");

    /**
     * Direction from the summary.json metric name: rates ({@code *_per_s}) and quality metrics
     * (accuracy, format adherence, F1) are higher-is-better; latency, token counts, cost and loss are
     * lower-is-better, and so is an error rate.
     */
    public static MetricDirection forMetric(String metricName) {
        String name = metricName.toLowerCase(Locale.ROOT);
        if (name.endsWith("_per_s")) {
            return HIGHER_IS_BETTER;
        }
        return COST_LIKE.stream().anyMatch(name::contains) ? LOWER_IS_BETTER : HIGHER_IS_BETTER;
    }

    /** True when moving by {@code difference} (b - a) is an improvement for side b. */
    public boolean improves(double difference) {
        return this == HIGHER_IS_BETTER ? difference > 0 : difference < 0;
    }
}

package dev.tunebench.gate;

import dev.tunebench.results.RunManifest;
import dev.tunebench.stats.MetricDirection;

import java.util.Arrays;
import java.util.List;

/**
 * The summary metrics that exist row by row, and so can be compared paired: two pass rates and the means
 * of per-row figures. Percentiles (latency_ms_p95) and ratios have no per-row value; they take threshold
 * gates only.
 */
public enum RowMetric implements PairedMetric {
    ACCURACY("accuracy"),
    FORMAT_ADHERENCE("format_adherence"),
    PROMPT_TOKENS_MEAN("prompt_tokens_mean"),
    COMPLETION_TOKENS_MEAN("completion_tokens_mean"),
    TOTAL_TOKENS_MEAN("total_tokens_mean"),
    COST_PER_1K_REQUESTS("cost_per_1k_requests"),
    LATENCY_MS_MEAN("latency_ms_mean");

    private final String summaryName;

    RowMetric(String summaryName) {
        this.summaryName = summaryName;
    }

    @Override
    public String summaryName() {
        return summaryName;
    }

    @Override
    public boolean binary() {
        return this == ACCURACY || this == FORMAT_ADHERENCE;
    }

    @Override
    public MetricDirection direction() {
        return MetricDirection.forMetric(summaryName);
    }

    /** Null when {@code name} has no per-row value. */
    public static RowMetric of(String name) {
        return Arrays.stream(values()).filter(m -> m.summaryName.equals(name)).findFirst().orElse(null);
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(RowMetric::summaryName).toList();
    }

    /**
     * The row's value, or null when it does not count: every metric leaves errored rows out (as the summary
     * does; they count in {@code error_rate}).
     */
    @Override
    public Double value(RowOutcome r, RunManifest.ModelEntry prices) {
        return switch (this) {
            case ACCURACY -> r.accuracy() == null ? null : r.accuracy().doubleValue();
            case FORMAT_ADHERENCE -> r.formatAdherence() == null ? null : r.formatAdherence().doubleValue();
            case PROMPT_TOKENS_MEAN -> r.promptTokens() == null ? null : r.promptTokens().doubleValue();
            case COMPLETION_TOKENS_MEAN -> r.completionTokens() == null ? null : r.completionTokens().doubleValue();
            case TOTAL_TOKENS_MEAN -> counted(r) ? (double) (r.promptTokens() + r.completionTokens()) : null;
            // Prices are per 1K tokens, so one row's tokens × price is the cost of 1,000 such requests.
            case COST_PER_1K_REQUESTS -> counted(r)
                    ? r.promptTokens() * prices.promptPricePer1k() + r.completionTokens() * prices.completionPricePer1k() : null;
            case LATENCY_MS_MEAN -> r.error() ? null : r.latencyMs();
        };
    }

    private static boolean counted(RowOutcome r) {
        return r.promptTokens() != null && r.completionTokens() != null;
    }
}

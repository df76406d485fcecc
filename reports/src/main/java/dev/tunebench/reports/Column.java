package dev.tunebench.reports;

import java.util.Locale;

/** The matrix columns: which summary metric, how it reads, and which direction is better. */
public enum Column {
    ACCURACY("accuracy", "Accuracy", true, Kind.SHARE),
    FORMAT_ADHERENCE("format_adherence", "Format adherence", true, Kind.SHARE),
    PROMPT_TOKENS("prompt_tokens_mean", "Prompt tokens", false, Kind.AMOUNT),
    COMPLETION_TOKENS("completion_tokens_mean", "Completion tokens", false, Kind.AMOUNT),
    COST("cost_per_1k_requests", "Cost / 1k requests", false, Kind.MONEY),
    LATENCY_P50("latency_ms_p50", "Latency p50 (ms)", false, Kind.AMOUNT),
    LATENCY_P95("latency_ms_p95", "Latency p95 (ms)", false, Kind.AMOUNT),
    THROUGHPUT("output_tokens_per_s", "Output tokens/s", true, Kind.AMOUNT);

    /** How values print: shares as percentages (deltas in points), money with four decimals. */
    enum Kind { SHARE, AMOUNT, MONEY }

    private final String metric;
    private final String label;
    private final boolean higherIsBetter;
    private final Kind kind;

    Column(String metric, String label, boolean higherIsBetter, Kind kind) {
        this.metric = metric;
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.kind = kind;
    }

    public String metric() {
        return metric;
    }

    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public String format(Double v) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        return switch (kind) {
            case SHARE -> String.format(Locale.ROOT, "%.1f%%", 100 * v);
            case MONEY -> String.format(Locale.ROOT, "%.4f", v);
            case AMOUNT -> amount(v);
        };
    }

    public String formatInterval(Double low, Double high) {
        return low == null || high == null ? "" : "[" + format(low) + ", " + format(high) + "]";
    }

    public String formatDelta(Double d) {
        if (d == null || d.isNaN()) {
            return "–";
        }
        String sign = d > 0 ? "+" : d < 0 ? "−" : "±";
        double a = Math.abs(d);
        return switch (kind) {
            case SHARE -> sign + String.format(Locale.ROOT, "%.1f pts", 100 * a);
            case MONEY -> sign + String.format(Locale.ROOT, "%.4f", a);
            case AMOUNT -> sign + amount(a);
        };
    }

    public String formatDeltaInterval(Double low, Double high) {
        return low == null || high == null ? "" : "[" + formatDelta(low) + ", " + formatDelta(high) + "]";
    }

    /** Three significant digits for small figures, whole numbers for large ones. */
    static String amount(double v) {
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }
}

package dev.tunebench.stats;

/** The outcome of one comparison for side b, as written in summary.json {@code verdict}. */
public enum Verdict {
    BETTER("better"),
    WORSE("worse"),
    NO_SIGNIFICANT_DIFFERENCE("no significant difference");

    public static final double DEFAULT_ALPHA = 0.05;

    private final String jsonName;

    Verdict(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static Verdict fromJsonName(String name) {
        for (Verdict verdict : values()) {
            if (verdict.jsonName.equals(name)) {
                return verdict;
            }
        }
        throw new IllegalArgumentException(
                "unknown verdict '" + name + "', expected better, worse or no significant difference");
    }

    /**
     * Significant when the Holm-adjusted p-value is below {@code alpha}; then the sign of
     * {@code difference = b - a} and the metric's direction decide better or worse.
     */
    public static Verdict decide(double difference, double pAdjusted, MetricDirection direction, double alpha) {
        if (!(pAdjusted < alpha) || difference == 0 || Double.isNaN(difference)) {
            return NO_SIGNIFICANT_DIFFERENCE;
        }
        return direction.improves(difference) ? BETTER : WORSE;
    }

    public static Verdict decide(double difference, double pAdjusted, MetricDirection direction) {
        return decide(difference, pAdjusted, direction, DEFAULT_ALPHA);
    }
}

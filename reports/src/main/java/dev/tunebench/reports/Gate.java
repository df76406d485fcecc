package dev.tunebench.reports;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One gate of gate.json: the rule, where it applies, the measured value with its interval, the outcome
 * ({@code pass}, {@code fail} or {@code inconclusive}) and why.
 */
public record Gate(String name, String rule, String model, String technique, String metric, Double value,
                   Double ciLow, Double ciHigh, String outcome, String reason) {

    public static Gate from(JsonNode node) {
        String rule = Json.text(node, "rule", "");
        return new Gate(Json.text(node, "name", rule), rule, Json.text(node, "model", null),
                Json.text(node, "technique", null), Json.text(node, "metric", null), Json.number(node, "value"),
                Json.number(node, "ci_low"), Json.number(node, "ci_high"),
                Json.text(node, "outcome", "inconclusive").toLowerCase(java.util.Locale.ROOT),
                Json.text(node, "reason", Json.text(node, "why", "")));
    }

    public boolean passed() {
        return "pass".equals(outcome);
    }

    public boolean failed() {
        return "fail".equals(outcome);
    }

    /** Where the gate applies, e.g. {@code ckpt-epoch-4 · as-is}, or empty for run-wide gates. */
    public String scope() {
        if (model == null && technique == null) {
            return "";
        }
        return (model == null ? "*" : model) + " · " + (technique == null ? "*" : technique);
    }
}

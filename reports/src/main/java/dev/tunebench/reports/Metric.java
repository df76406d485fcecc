package dev.tunebench.reports;

import com.fasterxml.jackson.databind.JsonNode;

/** One aggregated figure of summary.json: value (null when undefined), optional 95% interval, n. */
public record Metric(Double value, Double ciLow, Double ciHigh, String method, long n) {

    public static Metric from(JsonNode node) {
        return new Metric(Json.number(node, "value"), Json.number(node, "ci_low"), Json.number(node, "ci_high"),
                Json.text(node, "method", null), Json.count(node, "n"));
    }

    public boolean hasInterval() {
        return ciLow != null && ciHigh != null;
    }
}

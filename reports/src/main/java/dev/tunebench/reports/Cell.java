package dev.tunebench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of summary.json {@code results}: the figures of a model × technique; {@code unsupported} is the
 * runner's reason when it could not run the technique as meant, else null. {@code scores} holds every
 * scorer's mean value by scorer name; {@code judges} what each judge scorer could not grade and, for a pairwise
 * judge, how often its two orders agreed.
 */
public record Cell(CellKey key, long n, long errors, Map<String, Metric> metrics, Labels labels, String unsupported,
                   Map<String, Metric> scores, Map<String, JudgeNote> judges) {

    /** A judge scorer's replies without a grade, and the share of pairs whose swapped orders agreed (null if not pairwise). */
    public record JudgeNote(long unscored, Double swapConsistency) {
    }

    public static Cell from(JsonNode node) {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        JsonNode m = Json.object(node, "metrics");
        if (m != null) {
            m.fields().forEachRemaining(e -> metrics.put(e.getKey(), Metric.from(e.getValue())));
        }
        Map<String, Metric> scores = new LinkedHashMap<>();
        JsonNode s = Json.object(node, "scores");
        Map<String, JudgeNote> judges = new LinkedHashMap<>();
        if (s != null) {
            s.fields().forEachRemaining(e -> {
                scores.put(e.getKey(), Metric.from(e.getValue()));
                if (e.getValue().has("unscored")) {
                    JsonNode swap = Json.object(e.getValue(), "swap_consistency");
                    judges.put(e.getKey(), new JudgeNote(Json.count(e.getValue(), "unscored"),
                            swap == null ? null : Json.number(swap, "value")));
                }
            });
        }
        return new Cell(new CellKey(Json.text(node, "model", "?"), Json.text(node, "technique", "?")),
                Json.count(node, "n"), Json.count(node, "errors"), Map.copyOf(metrics),
                Labels.from(Json.object(node, "labels")), Json.text(node, "unsupported", null),
                java.util.Collections.unmodifiableMap(scores), java.util.Collections.unmodifiableMap(judges));
    }

    /** The metric's value, or null when the metric is absent or undefined. */
    public Double value(String metric) {
        Metric m = metrics.get(metric);
        return m == null ? null : m.value();
    }
}

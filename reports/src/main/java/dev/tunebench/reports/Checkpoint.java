package dev.tunebench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** One point of the checkpoint curve: validation (and train) loss and per-technique metrics at an epoch. */
public record Checkpoint(String model, Double epoch, Double step, Double validationLoss, Double trainLoss,
                         Map<String, Map<String, Double>> metrics) {

    public static Checkpoint from(JsonNode node) {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        JsonNode m = Json.object(node, "metrics");
        if (m != null) {
            m.fields().forEachRemaining(t -> {
                Map<String, Double> values = new LinkedHashMap<>();
                t.getValue().fields().forEachRemaining(v -> {
                    if (v.getValue().isNumber()) {
                        values.put(v.getKey(), v.getValue().asDouble());
                    }
                });
                metrics.put(Text.clean(t.getKey()), values);
            });
        }
        return new Checkpoint(Json.text(node, "model", "?"), Json.number(node, "epoch"), Json.number(node, "step"),
                Json.number(node, "validation_loss"), Json.number(node, "train_loss"), metrics);
    }

    /** The x position: the epoch, else the step. */
    public Double x() {
        return epoch != null ? epoch : step;
    }

    public Double metric(String technique, String metric) {
        Map<String, Double> t = metrics.get(technique);
        return t == null ? null : t.get(metric);
    }
}

package dev.tunebench.checkpoint;

import java.util.Map;

/**
 * One checkpoint on the curve: its model id, where it sits in training ({@code epoch}, {@code step},
 * either may be null), its validation loss (mean NLL per assistant token, null when not computed), the
 * training loss logged at that point (null without trainer_state.json) and its eval metrics by name.
 */
public record CheckpointPoint(String model, Integer epoch, Long step, Double validationLoss, Double trainLoss,
        Map<String, Double> metrics) {

    public CheckpointPoint {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a checkpoint needs a model id");
        }
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}

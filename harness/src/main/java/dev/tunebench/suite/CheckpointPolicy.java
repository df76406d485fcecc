package dev.tunebench.suite;

import java.util.Objects;

/**
 * How checkpoints are compared: by a {@link Criterion}; {@code patience} is how many consecutive
 * checkpoints without improvement early stopping tolerates, {@code keepLast} how many most recent
 * checkpoints a recommendation keeps besides the best.
 */
public record CheckpointPolicy(Criterion criterion, int patience, int keepLast) {

    public sealed interface Criterion permits ValidationLoss, Metric {
    }

    /** Lower mean validation loss is better (needs {@code data.validation}). */
    public record ValidationLoss() implements Criterion {
    }

    /** Higher value of a suite metric under one technique is better. */
    public record Metric(String metric, String technique) implements Criterion {
        public Metric {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(technique, "technique");
        }
    }

    public CheckpointPolicy {
        Objects.requireNonNull(criterion, "criterion");
        if (patience < 0 || keepLast < 0) {
            throw new IllegalArgumentException("patience and keep_last must be >= 0");
        }
    }
}

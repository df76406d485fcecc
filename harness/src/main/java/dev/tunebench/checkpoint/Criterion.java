package dev.tunebench.checkpoint;

/**
 * What "best checkpoint" means: the lowest validation loss (the default) or the highest or lowest value
 * of a named eval metric. {@code name} is what summary.json writes as {@code criterion}.
 */
public record Criterion(String name, boolean higherIsBetter) {

    public static final String VALIDATION_LOSS = "validation_loss";

    public Criterion {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a criterion needs a metric name");
        }
    }

    public static Criterion validationLoss() {
        return new Criterion(VALIDATION_LOSS, false);
    }

    public static Criterion highest(String metric) {
        return new Criterion(metric, true);
    }

    public static Criterion lowest(String metric) {
        return new Criterion(metric, false);
    }

    /** This criterion's value at {@code point}, null when the point lacks it. */
    public Double valueAt(CheckpointPoint point) {
        return VALIDATION_LOSS.equals(name) ? point.validationLoss() : point.metrics().get(name);
    }

    /** True when {@code candidate} beats {@code current}; ties keep the earlier checkpoint (less training). */
    boolean beats(double candidate, double current) {
        return higherIsBetter ? candidate > current : candidate < current;
    }
}

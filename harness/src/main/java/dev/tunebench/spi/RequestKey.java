package dev.tunebench.spi;

import java.util.Objects;

/**
 * Which request of a run a prompt is: the model's id in the suite, the technique, the data row's id
 * ({@code <file name>:<line>}) and the repeat. A runner that answers from a file of outputs made elsewhere
 * (a replay) finds each answer by it; runners that call a model ignore it.
 */
public record RequestKey(String model, String technique, String rowId, int repeat) {
    public RequestKey {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(technique, "technique");
        Objects.requireNonNull(rowId, "rowId");
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat must be >= 0, got " + repeat);
        }
    }
}

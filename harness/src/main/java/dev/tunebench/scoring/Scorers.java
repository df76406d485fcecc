package dev.tunebench.scoring;

import dev.tunebench.spi.InputException;

/** Builds scorers from their suite declarations. */
public final class Scorers {
    private Scorers() {
    }

    /**
     * Creates the scorer a spec declares, or throws {@link InputException} naming {@code spec.where()},
     * the bad field, what was expected and the closest known type.
     */
    public static Scorer create(ScorerSpec spec) {
        throw new InputException(spec.where() + ": scorer type '" + spec.type() + "' is not implemented yet");
    }
}

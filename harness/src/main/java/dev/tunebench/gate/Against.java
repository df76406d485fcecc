package dev.tunebench.gate;

import java.util.Locale;

/** What a relative gate compares the candidate with. */
public enum Against {
    /** The suite's baseline model, same technique, in the same run: paired on the run's rows. */
    BASELINE,
    /** The same model × technique in the blessed baseline run given with {@code --baseline}. */
    BLESSED;

    public String suiteName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

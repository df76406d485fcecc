package dev.tunebench.gate;

import java.util.Locale;

/** What one gate found; written lowercase in gate.json. */
public enum Outcome {
    PASS,
    FAIL,
    /** The data cannot tell: the interval straddles the limit, or the figure is missing. */
    INCONCLUSIVE;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

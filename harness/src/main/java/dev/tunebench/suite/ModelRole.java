package dev.tunebench.suite;

import java.util.Locale;

/** What a model is compared as: exactly one {@code BASELINE} per suite; every other model is a {@code CANDIDATE}. */
public enum ModelRole {
    BASELINE, CANDIDATE;

    public String suiteName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

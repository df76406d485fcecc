package dev.tunebench.spi;

import java.util.Locale;

/** The author of one chat turn, as spelled in the OpenAI/Azure chat format. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    /** The name used in JSONL data and chat templates: {@code system}, {@code user}, {@code assistant}, {@code tool}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; returns {@code null} for anything else so callers can report where it was. */
    public static Role fromWireName(String name) {
        for (Role r : values()) {
            if (r.wireName().equals(name)) {
                return r;
            }
        }
        return null;
    }
}

package dev.tunebench.technique;

import dev.tunebench.spi.Prompt;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Adds stop strings (e.g. {@code ---}): generation ends before any of them; duplicates are dropped. */
public record Stop(List<String> strings) implements Transform {

    public Stop {
        strings = List.copyOf(strings);
    }

    @Override
    public Prompt apply(Prompt prompt) {
        Set<String> all = new LinkedHashSet<>(prompt.stopStrings());
        all.addAll(strings);
        return prompt.withStopStrings(List.copyOf(all));
    }
}

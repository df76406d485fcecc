package dev.tunebench.technique;

import dev.tunebench.spi.Prompt;

import java.util.Objects;

/**
 * Primes the answer: {@code prefix} is appended to the rendered prompt after the assistant header, so the
 * model continues it; the answer scored is prefix + completion. Replaces any earlier prefix.
 */
public record Prime(String prefix) implements Transform {

    public Prime {
        Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public Prompt apply(Prompt prompt) {
        return prompt.withAssistantPrefix(prefix);
    }
}

package dev.tunebench.technique;

import dev.tunebench.spi.Prompt;

import java.util.Objects;

/**
 * States the output structure (e.g. a JSON shape) by appending {@code text} to the system instruction
 * after {@code separator}; a prompt without a system turn gets one.
 */
public record OutputSpec(String text, String separator) implements Transform {

    public static final String DEFAULT_SEPARATOR = "\n";

    public OutputSpec {
        Objects.requireNonNull(text, "text");
        separator = Objects.requireNonNullElse(separator, DEFAULT_SEPARATOR);
    }

    @Override
    public Prompt apply(Prompt prompt) {
        return prompt.withMessages(Messages.appendToSystem(prompt.messages(), text, separator));
    }
}

package dev.tunebench.technique;

import dev.tunebench.spi.Prompt;

import java.util.Objects;

/**
 * Gives the model an out, e.g. {@code If the message fits no label, answer {"intent": "unknown"}}:
 * appends {@code text} to the system instruction after {@code separator} (adding one when absent), so the
 * model has a sanctioned answer instead of guessing.
 */
public record GiveAnOut(String text, String separator) implements Transform {

    public static final String DEFAULT_SEPARATOR = "\n";

    public GiveAnOut {
        Objects.requireNonNull(text, "text");
        separator = Objects.requireNonNullElse(separator, DEFAULT_SEPARATOR);
    }

    @Override
    public Prompt apply(Prompt prompt) {
        return prompt.withMessages(Messages.appendToSystem(prompt.messages(), text, separator));
    }
}

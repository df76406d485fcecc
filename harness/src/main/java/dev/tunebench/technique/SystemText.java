package dev.tunebench.technique;

import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;

import java.util.List;
import java.util.Objects;

/**
 * Sets the system instruction: {@code REPLACE} it, or {@code PREPEND}/{@code APPEND} {@code text} to it
 * joined by {@code separator}. A prompt without a system turn gets one holding {@code text}.
 */
public record SystemText(Mode mode, String text, String separator) implements Transform {

    public static final String DEFAULT_SEPARATOR = "\n";

    public enum Mode { REPLACE, PREPEND, APPEND }

    public SystemText {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(text, "text");
        separator = Objects.requireNonNullElse(separator, DEFAULT_SEPARATOR);
    }

    public static SystemText replace(String text) {
        return new SystemText(Mode.REPLACE, text, null);
    }

    @Override
    public Prompt apply(Prompt prompt) {
        List<Message> messages = prompt.messages();
        int s = Messages.system(messages);
        if (s < 0) {
            return prompt.withMessages(Messages.insert(messages, 0, List.of(Message.system(text))));
        }
        String current = messages.get(s).content();
        String updated = switch (mode) {
            case REPLACE -> text;
            case PREPEND -> current.isEmpty() ? text : text + separator + current;
            case APPEND -> current.isEmpty() ? text : current + separator + text;
        };
        return prompt.withMessages(Messages.replace(messages, s, messages.get(s).withContent(updated)));
    }
}

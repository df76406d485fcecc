package dev.tunebench.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a prompt technique hands to a runner: the messages for the chat template (rendered with
 * {@code add_generation_prompt}), an assistant prefix appended to the rendered text ("priming", may be
 * empty) and stop strings (generation ends before them; they are not part of the completion).
 */
public record Prompt(List<Message> messages, String assistantPrefix, List<String> stopStrings) {
    public Prompt {
        messages = List.copyOf(messages);
        assistantPrefix = Objects.requireNonNullElse(assistantPrefix, "");
        stopStrings = List.copyOf(stopStrings);
    }

    public static Prompt of(List<Message> messages) {
        return new Prompt(messages, "", List.of());
    }

    public Prompt withMessages(List<Message> newMessages) {
        return new Prompt(newMessages, assistantPrefix, stopStrings);
    }

    public Prompt withAssistantPrefix(String prefix) {
        return new Prompt(messages, prefix, stopStrings);
    }

    public Prompt withStopStrings(List<String> stops) {
        return new Prompt(messages, assistantPrefix, stops);
    }
}

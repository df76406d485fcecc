package dev.tunebench.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a prompt technique hands to a runner: the messages for the chat template (rendered with
 * {@code add_generation_prompt}), an assistant prefix appended to the rendered text ("priming", may be
 * empty) and stop strings (generation ends before them; they are not part of the completion).
 * {@code tools} are offered to the model (the template's {@code tools}, an API's {@code tools}; empty for
 * none) and {@code parallelToolCalls} is the data's {@code parallel_tool_calls} (null when not given).
 */
public record Prompt(List<Message> messages, String assistantPrefix, List<String> stopStrings, List<Tool> tools,
                     Boolean parallelToolCalls) {
    public Prompt {
        messages = List.copyOf(messages);
        assistantPrefix = Objects.requireNonNullElse(assistantPrefix, "");
        stopStrings = List.copyOf(stopStrings);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public Prompt(List<Message> messages, String assistantPrefix, List<String> stopStrings) {
        this(messages, assistantPrefix, stopStrings, List.of(), null);
    }

    public static Prompt of(List<Message> messages) {
        return new Prompt(messages, "", List.of());
    }

    public Prompt withMessages(List<Message> newMessages) {
        return new Prompt(newMessages, assistantPrefix, stopStrings, tools, parallelToolCalls);
    }

    public Prompt withAssistantPrefix(String prefix) {
        return new Prompt(messages, prefix, stopStrings, tools, parallelToolCalls);
    }

    public Prompt withStopStrings(List<String> stops) {
        return new Prompt(messages, assistantPrefix, stops, tools, parallelToolCalls);
    }

    public Prompt withTools(List<Tool> newTools, Boolean parallel) {
        return new Prompt(messages, assistantPrefix, stopStrings, newTools, parallel);
    }
}

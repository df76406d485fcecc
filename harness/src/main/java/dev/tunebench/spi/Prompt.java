package dev.tunebench.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a prompt technique hands to a runner: the messages for the chat template (rendered with
 * {@code add_generation_prompt}), an assistant prefix appended to the rendered text ("priming", may be
 * empty) and stop strings (generation ends before them; they are not part of the completion).
 * {@code tools} are offered to the model (the template's {@code tools}, an API's {@code tools}; empty for
 * none) and {@code parallelToolCalls} is the data's {@code parallel_tool_calls} (null when not given).
 * {@code jsonSchema} asks for structured output: a JSON Schema the reply must follow where the runner can
 * enforce it (an API's {@code response_format}); null for free text. A runner that cannot enforce it ignores
 * it, and the caller checks the reply.
 */
public record Prompt(List<Message> messages, String assistantPrefix, List<String> stopStrings, List<Tool> tools,
                     Boolean parallelToolCalls, String jsonSchema) {
    public Prompt {
        messages = List.copyOf(messages);
        assistantPrefix = Objects.requireNonNullElse(assistantPrefix, "");
        stopStrings = List.copyOf(stopStrings);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public Prompt(List<Message> messages, String assistantPrefix, List<String> stopStrings, List<Tool> tools,
                  Boolean parallelToolCalls) {
        this(messages, assistantPrefix, stopStrings, tools, parallelToolCalls, null);
    }

    public Prompt(List<Message> messages, String assistantPrefix, List<String> stopStrings) {
        this(messages, assistantPrefix, stopStrings, List.of(), null, null);
    }

    public static Prompt of(List<Message> messages) {
        return new Prompt(messages, "", List.of());
    }

    public Prompt withMessages(List<Message> newMessages) {
        return new Prompt(newMessages, assistantPrefix, stopStrings, tools, parallelToolCalls, jsonSchema);
    }

    public Prompt withAssistantPrefix(String prefix) {
        return new Prompt(messages, prefix, stopStrings, tools, parallelToolCalls, jsonSchema);
    }

    public Prompt withStopStrings(List<String> stops) {
        return new Prompt(messages, assistantPrefix, stops, tools, parallelToolCalls, jsonSchema);
    }

    /** This prompt asking for a reply that follows {@code schema} (JSON Schema text). */
    public Prompt withJsonSchema(String schema) {
        return new Prompt(messages, assistantPrefix, stopStrings, tools, parallelToolCalls, schema);
    }

    public Prompt withTools(List<Tool> newTools, Boolean parallel) {
        return new Prompt(messages, assistantPrefix, stopStrings, newTools, parallel, jsonSchema);
    }
}

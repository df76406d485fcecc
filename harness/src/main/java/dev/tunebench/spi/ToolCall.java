package dev.tunebench.spi;

import java.util.Objects;

/**
 * One function call an assistant turn makes, as in the OpenAI chat format
 * ({@code {"id", "type": "function", "function": {"name", "arguments"}}}). {@code argumentsJson} is the
 * JSON text of the arguments object (OpenAI sends it as a string); {@code id} may be null for a call
 * parsed out of a model's text, which carries none.
 */
public record ToolCall(String id, String name, String argumentsJson) {
    public ToolCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
    }
}

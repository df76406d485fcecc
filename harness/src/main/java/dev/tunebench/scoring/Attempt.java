package dev.tunebench.scoring;

import dev.tunebench.spi.Tool;
import dev.tunebench.spi.ToolCall;

import java.util.List;

/**
 * Everything a scorer may judge about one sample: the answer text (assistant prefix included), the
 * structured tool calls a served model returned (empty for a local model, whose calls are in the text),
 * the expected answer as text, the expected tool calls (empty when the expected answer is text) and the
 * tools the row offered.
 */
public record Attempt(String answer, List<ToolCall> toolCalls, String expected, List<ToolCall> expectedToolCalls,
                      List<Tool> tools) {
    public Attempt {
        toolCalls = List.copyOf(toolCalls);
        expectedToolCalls = List.copyOf(expectedToolCalls);
        tools = List.copyOf(tools);
    }

    /** A text-only attempt: no tool calls on either side, no tools. */
    public static Attempt of(String answer, String expected) {
        return new Attempt(answer, List.of(), expected, List.of(), List.of());
    }
}

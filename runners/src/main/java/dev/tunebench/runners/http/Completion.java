package dev.tunebench.runners.http;

import dev.tunebench.spi.ToolCall;

import java.util.List;

/**
 * One answered chat request as the server reported it.
 *
 * @param reasoning         the model's reasoning text, apart from the answer; null when it sent none
 * @param finishReason      the server's {@code finish_reason} ({@code stop}, {@code length}, ...), null if absent
 * @param promptTokens      {@code usage.prompt_tokens}, null when the server sent no usage
 * @param completionTokens  {@code usage.completion_tokens}, null when the server sent no usage
 * @param model             the response's {@code model}, null if absent
 * @param systemFingerprint the response's {@code system_fingerprint}, null if absent
 * @param contentNanos      {@link System#nanoTime()} of each chunk that carried content (one stamp for a
 *                          non-streamed answer): the first is the time to first token
 * @param toolCalls         the answer's {@code tool_calls}, empty when it called no tool
 */
record Completion(String text, String reasoning, String finishReason, Integer promptTokens, Integer completionTokens,
                  String model, String systemFingerprint, long[] contentNanos, long endNanos, List<ToolCall> toolCalls) {
    Completion {
        contentNanos = contentNanos.clone();
        toolCalls = List.copyOf(toolCalls);
    }

    @Override
    public long[] contentNanos() {
        return contentNanos.clone();
    }
}

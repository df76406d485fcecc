package dev.tunebench.runners.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.spi.ToolCall;

import java.util.Arrays;
import java.util.List;

/**
 * Folds the chunks of one streamed answer ({@code chat.completion.chunk} objects) into a
 * {@link Completion}. A chunk counts as a token arrival only when its delta carries text
 * ({@code content} or {@code reasoning_content}) or tool-call fragments: the first chunk, which usually
 * holds just the role, does not start the time to first token. Reasoning is output (timed, and in the
 * server's completion tokens) but kept apart from the answer's text.
 */
final class ChunkCollector {
    private final StringBuilder text = new StringBuilder();
    /** Reasoning deltas ({@code reasoning_content} as DeepSeek and vLLM send it, {@code reasoning} as others do). */
    private final StringBuilder reasoning = new StringBuilder();
    private final ToolCallParts toolCalls = new ToolCallParts();
    private List<ToolCall> wholeCalls;
    private long[] stamps = new long[16];
    private int count;
    private String finishReason;
    private Integer promptTokens;
    private Integer completionTokens;
    private String model;
    private String fingerprint;

    /** Adds one parsed chunk that arrived at {@code nanos}. */
    void add(JsonNode chunk, long nanos) {
        model = textOr(chunk.get("model"), model);
        fingerprint = textOr(chunk.get("system_fingerprint"), fingerprint);
        usage(chunk.get("usage"));
        JsonNode choices = chunk.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            return;
        }
        JsonNode choice = choices.get(0);
        finishReason = textOr(choice.get("finish_reason"), finishReason);
        JsonNode delta = choice.get("delta");
        if (delta == null) {
            return;
        }
        String content = textOr(delta.get("content"), "");
        String thought = textOr(delta.get("reasoning_content"), textOr(delta.get("reasoning"), ""));
        boolean calls = toolCalls.addDelta(delta);
        if (!content.isEmpty() || !thought.isEmpty() || calls) {
            text.append(content);
            reasoning.append(thought);
            if (count == stamps.length) {
                stamps = Arrays.copyOf(stamps, count * 2);
            }
            stamps[count++] = nanos;
        }
    }

    /** Reads a whole non-streamed {@code chat.completion} object that arrived at {@code nanos}. */
    static Completion whole(JsonNode body, long nanos) {
        ChunkCollector c = new ChunkCollector();
        c.model = textOr(body.get("model"), null);
        c.fingerprint = textOr(body.get("system_fingerprint"), null);
        c.usage(body.get("usage"));
        JsonNode choices = body.get("choices");
        if (choices != null && choices.isArray() && !choices.isEmpty()) {
            JsonNode choice = choices.get(0);
            c.finishReason = textOr(choice.get("finish_reason"), null);
            JsonNode message = choice.get("message");
            String content = message == null ? "" : textOr(message.get("content"), "");
            c.text.append(content);
            c.reasoning.append(message == null ? "" : textOr(message.get("reasoning_content"), textOr(message.get("reasoning"), "")));
            c.wholeCalls = ToolCallParts.whole(message);
            if (!content.isEmpty() || !c.wholeCalls.isEmpty()) {
                c.stamps[c.count++] = nanos;
            }
        }
        return c.finish(nanos);
    }

    Completion finish(long endNanos) {
        return new Completion(text.toString(), reasoning.isEmpty() ? null : reasoning.toString(), finishReason, promptTokens, completionTokens, model, fingerprint,
                Arrays.copyOf(stamps, count), endNanos, wholeCalls != null ? wholeCalls : toolCalls.calls());
    }

    private void usage(JsonNode usage) {
        if (usage != null && usage.isObject()) {
            if (usage.path("prompt_tokens").isInt()) {
                promptTokens = usage.get("prompt_tokens").intValue();
            }
            if (usage.path("completion_tokens").isInt()) {
                completionTokens = usage.get("completion_tokens").intValue();
            }
        }
    }

    private static String textOr(JsonNode node, String fallback) {
        return node == null || node.isNull() || !node.isTextual() ? fallback : node.textValue();
    }
}

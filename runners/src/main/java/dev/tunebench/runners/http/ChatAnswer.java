package dev.tunebench.runners.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.ToolCall;

import java.util.List;

/**
 * What a whole {@code chat.completion} object says, read by the same code the served runners use: the text
 * of the first choice, its finish reason, its tool calls and the {@code usage} counts (null when absent).
 * A Batch API output line carries one in {@code response.body}.
 */
public record ChatAnswer(String text, FinishReason finishReason, Integer promptTokens, Integer completionTokens,
                         List<ToolCall> toolCalls) {
    public ChatAnswer {
        toolCalls = List.copyOf(toolCalls);
    }

    public static ChatAnswer read(JsonNode chatCompletion) {
        Completion c = ChunkCollector.whole(chatCompletion, 0);
        return new ChatAnswer(c.text(), finishReason(c.finishReason()), c.promptTokens(), c.completionTokens(), c.toolCalls());
    }

    /** The API says {@code stop} both for the end of turn and for a stop string; it cannot tell them apart. */
    static FinishReason finishReason(String reason) {
        return "length".equals(reason) ? FinishReason.LENGTH : FinishReason.EOS;
    }
}

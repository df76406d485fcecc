package dev.tunebench.runners.replay;

import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.ToolCall;

import java.util.List;

/** One line of a replay file: the answer to one request, or why the provider could not give one. */
sealed interface ReplayLine {
    /** 1-based line number in the file, for messages. */
    int line();

    /**
     * A completion. Token counts and the latency are null when the file does not give them.
     */
    record Answer(int line, String text, FinishReason finishReason, Integer promptTokens, Integer completionTokens,
                  Double latencyMs, List<ToolCall> toolCalls) implements ReplayLine {
        public Answer {
            toolCalls = List.copyOf(toolCalls);
        }
    }

    /** A request that failed where it was made; {@code message} is the provider's (or the recorded) error. */
    record Failed(int line, String message) implements ReplayLine {
    }
}

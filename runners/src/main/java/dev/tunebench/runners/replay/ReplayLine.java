package dev.tunebench.runners.replay;

import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.ToolCall;

import java.nio.file.Path;
import java.util.List;

/** One line of a replay file: the answer to one request, or why the provider could not give one. */
sealed interface ReplayLine {
    /** The file the line is in, for messages. */
    Path file();

    /** 1-based line number in the file, for messages. */
    int line();

    /** {@code name:line}, as messages cite it. */
    default String where() {
        return file().getFileName() + ":" + line();
    }

    /**
     * A completion. Token counts and the latency are null when the file does not give them.
     */
    record Answer(Path file, int line, String text, FinishReason finishReason, Integer promptTokens, Integer completionTokens,
                  Double latencyMs, List<ToolCall> toolCalls) implements ReplayLine {
        public Answer {
            toolCalls = List.copyOf(toolCalls);
        }
    }

    /** A request that failed where it was made; {@code message} is the provider's (or the recorded) error. */
    record Failed(Path file, int line, String message) implements ReplayLine {
    }
}

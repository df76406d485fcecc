package dev.tunebench.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One completed request. {@code text} excludes the assistant prefix, the eos token and any stop
 * string; {@code renderedPrompt} is the exact text that was tokenized (template output plus prefix).
 * Token counts are the model's own tokenizer's; the eos token is not a completion token.
 * {@code toolCalls} are the structured calls a served model returned ({@code tool_calls}); a local model
 * produces text only, and its list is empty (scorers then parse calls out of the text). {@code localCounts}
 * are a served model's counts made here with a tokenizer folder, or null. {@code probabilities} are a
 * classifier's probability per label in the model's label order (its text is then the most probable label),
 * or null for a generative model. A token count of {@link #UNKNOWN}
 * means nobody counted (a replayed answer without usage and no tokenizer folder); {@code timings} is null
 * when nothing was timed (a replayed answer without a latency).
 * {@code reasoning} is the reasoning
 * text a served model streamed apart from its answer (output, timed and counted, but not graded), or null.
 */
public record Generation(
        String renderedPrompt,
        String text,
        int[] completionIds,
        int promptTokens,
        int completionTokens,
        FinishReason finishReason,
        Timings timings,
        List<ToolCall> toolCalls,
        LocalCounts localCounts,
        Map<String, Double> probabilities,
        String reasoning) {

    /** A token count nobody made. */
    public static final int UNKNOWN = -1;

    public Generation {
        completionIds = completionIds.clone();
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        probabilities = probabilities == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    }

    public Generation(String renderedPrompt, String text, int[] completionIds, int promptTokens, int completionTokens,
                      FinishReason finishReason, Timings timings, List<ToolCall> toolCalls, LocalCounts localCounts) {
        this(renderedPrompt, text, completionIds, promptTokens, completionTokens, finishReason, timings, toolCalls,
                localCounts, null, null);
    }

    public Generation(String renderedPrompt, String text, int[] completionIds, int promptTokens, int completionTokens,
                      FinishReason finishReason, Timings timings) {
        this(renderedPrompt, text, completionIds, promptTokens, completionTokens, finishReason, timings, List.of(), null);
    }

    public Generation(String renderedPrompt, String text, int[] completionIds, int promptTokens, int completionTokens,
                      FinishReason finishReason, Timings timings, List<ToolCall> toolCalls) {
        this(renderedPrompt, text, completionIds, promptTokens, completionTokens, finishReason, timings, toolCalls, null);
    }

    public Generation withLocalCounts(LocalCounts counts) {
        return new Generation(renderedPrompt, text, completionIds, promptTokens, completionTokens, finishReason, timings,
                toolCalls, counts, probabilities, reasoning);
    }

    @Override
    public int[] completionIds() {
        return completionIds.clone();
    }
}

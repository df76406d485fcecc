package dev.tunebench.spi;

/**
 * One completed request. {@code text} excludes the assistant prefix, the eos token and any stop
 * string; {@code renderedPrompt} is the exact text that was tokenized (template output plus prefix).
 * Token counts are the model's own tokenizer's; the eos token is not a completion token.
 */
public record Generation(
        String renderedPrompt,
        String text,
        int[] completionIds,
        int promptTokens,
        int completionTokens,
        FinishReason finishReason,
        Timings timings) {

    public Generation {
        completionIds = completionIds.clone();
    }

    @Override
    public int[] completionIds() {
        return completionIds.clone();
    }
}

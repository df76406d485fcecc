package dev.tunebench.spi;

import java.util.List;

/**
 * An open model. Owns its tokenizer and chat template, so token counts are the model's own.
 * Implementations are not required to be thread-safe; the engine uses one runner per thread.
 */
public interface Runner extends AutoCloseable {

    RunnerInfo info();

    /** The exact text the model would see for this prompt: rendered template plus assistant prefix. */
    String render(Prompt prompt);

    /** Number of tokens of {@link #render(Prompt)} with this model's tokenizer. */
    int countPromptTokens(Prompt prompt);

    /**
     * The prompt rendered with or without the generation prompt (the assistant prefix appended either
     * way), and its tokens one by one. Only runners that own a tokenizer can tell; others throw
     * {@link UnsupportedOperationException}.
     */
    default PromptTokens tokens(Prompt prompt, boolean addGenerationPrompt) {
        throw new UnsupportedOperationException("runner " + info().runnerId() + " does not expose its tokenizer");
    }

    /**
     * Generates one completion per prompt, in order. Batches larger than the runner's batch size are
     * split; greedy outputs do not depend on how requests are batched.
     */
    List<Generation> generate(List<Prompt> prompts, GenerationSettings settings);

    /** Generates from raw token ids (debugging and conformance); the prompt text is then empty. */
    List<Generation> generateFromIds(List<int[]> promptIds, GenerationSettings settings);

    /** Teacher-forced log-probabilities of the weighted assistant tokens of each conversation. */
    List<TeacherForcedScore> score(List<List<Message>> conversations);

    @Override
    void close();
}

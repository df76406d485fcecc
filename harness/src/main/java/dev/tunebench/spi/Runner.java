package dev.tunebench.spi;

import java.util.List;
import java.util.Optional;

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

    /**
     * {@link #generate(List, GenerationSettings)} with each prompt's place in the run ({@code keys}, one per
     * prompt). What the engine calls; a runner that looks answers up rather than computing them overrides it.
     */
    default List<Generation> generate(List<RequestKey> keys, List<Prompt> prompts, GenerationSettings settings) {
        return generate(prompts, settings);
    }

    /**
     * {@link #generate(List, GenerationSettings)} that also reports text as it is decoded. This default
     * reports each prompt's whole text once everything is done; runners that decode token by token
     * override it so a client's time to first token is real.
     */
    default List<Generation> generate(List<Prompt> prompts, GenerationSettings settings, TokenListener listener) {
        List<Generation> out = generate(prompts, settings);
        for (int i = 0; i < out.size(); i++) {
            Generation g = out.get(i);
            if (!g.text().isEmpty()) {
                listener.onText(i, g.text());
            }
            listener.onDone(i, g);
        }
        return out;
    }

    /** Generates from raw token ids (debugging and conformance); the prompt text is then empty. */
    List<Generation> generateFromIds(List<int[]> promptIds, GenerationSettings settings);

    /** Teacher-forced log-probabilities of the weighted assistant tokens of each conversation. */
    List<TeacherForcedScore> score(List<List<Message>> conversations);

    /**
     * Whether {@link #score} works. A served model behind a chat API gives no log-probabilities of given
     * text, so the engine skips validation loss for it instead of failing the model.
     */
    default boolean teacherForcing() {
        return true;
    }

    /**
     * Whether the runner passes a prompt's {@link Prompt#jsonSchema()} on, so the model is held to it (an API's
     * structured output); a runner that would ignore it says false, and a judge then reads a free-text grade.
     */
    default boolean structuredOutput() {
        return false;
    }

    /**
     * Why this runner cannot run {@code prompt} as meant (e.g. priming on an API that cannot continue
     * an assistant message), or empty when it can. Such a row becomes an error sample with the reason,
     * never a silently different request.
     */
    default Optional<String> unsupported(Prompt prompt, GenerationSettings settings) {
        return Optional.empty();
    }

    /**
     * The smallest batch worth handing to {@link #generate}: a served model with N requests in flight
     * needs batches of at least N to keep them busy.
     */
    default int minBatchSize() {
        return 1;
    }

    /**
     * Everything besides the request that decides this runner's completions (model file hashes and the
     * settings that change outputs; for a served model its endpoint, model or deployment and API version), as
     * one string for the completion cache; empty when its completions must not be cached. Stored completions
     * are reused only by a runner with the same identity, so leave out nothing that changes an output.
     */
    default Optional<String> cacheIdentity() {
        return Optional.empty();
    }

    /**
     * Where to report what the runner is waiting for while a call is in progress (a served model's retries in
     * back-off, a rate-limit wait), so a stalled run says why instead of looking hung. Runners that never wait
     * ignore it.
     */
    default void reportWaitsTo(java.util.function.Consumer<String> status) {
    }

    @Override
    void close();
}

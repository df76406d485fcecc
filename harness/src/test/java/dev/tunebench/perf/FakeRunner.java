package dev.tunebench.perf;

import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerInfo;
import dev.tunebench.spi.TeacherForcedScore;
import dev.tunebench.spi.Timings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * A runner on a {@link FakeTicker}: each call takes {@code prefillNanos(call)} to the first token, then
 * {@code stepNanos} per further token, for every row of the batch at once.
 */
final class FakeRunner implements Runner {
    static final int PROMPT_TOKENS = 10;

    private final FakeTicker ticker;
    private final IntToLongFunction prefillNanos;
    private final long stepNanos;
    private final int tokens;
    private final List<Integer> batchSizes = new ArrayList<>();

    FakeRunner(FakeTicker ticker, IntToLongFunction prefillNanos, long stepNanos, int tokens) {
        this.ticker = ticker;
        this.prefillNanos = prefillNanos;
        this.stepNanos = stepNanos;
        this.tokens = tokens;
    }

    /** The batch size of every generate call so far. */
    synchronized List<Integer> calls() {
        return List.copyOf(batchSizes);
    }

    @Override
    public List<Generation> generate(List<Prompt> prompts, GenerationSettings settings) {
        int call;
        synchronized (this) {
            call = batchSizes.size();
            batchSizes.add(prompts.size());
        }
        long submit = ticker.nanoTime();
        long[] stamps = new long[tokens];
        stamps[0] = ticker.advance(prefillNanos.applyAsLong(call));
        for (int i = 1; i < tokens; i++) {
            stamps[i] = ticker.advance(stepNanos);
        }
        List<Generation> out = new ArrayList<>();
        for (int r = 0; r < prompts.size(); r++) {
            out.add(new Generation("", "x", new int[tokens], PROMPT_TOKENS, tokens, FinishReason.LENGTH,
                    new Timings(submit, stamps, stamps[tokens - 1])));
        }
        return out;
    }

    @Override
    public RunnerInfo info() {
        return new RunnerInfo("fake", Map.of(), "cpu", 1, Map.of(), Map.of());
    }

    @Override
    public String render(Prompt prompt) {
        return "";
    }

    @Override
    public int countPromptTokens(Prompt prompt) {
        return PROMPT_TOKENS;
    }

    @Override
    public List<Generation> generateFromIds(List<int[]> promptIds, GenerationSettings settings) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<TeacherForcedScore> score(List<List<Message>> conversations) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}

package dev.tunebench.benchmarks;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * tunebench's decode loop against {@link RawOrtLoop} on the same model, prompt ids and token count,
 * batch 1, one intra-op thread (issue 2 target: tunebench ≥ 0.95× the raw loop's tokens/s).
 * Scenario {@code long}: ckpt-epoch-4 with eos switched off ({@link Demo#withoutEos}), 64 new tokens
 * after demo test row 0, so the steady decode step dominates. Scenario {@code triage}: the real model
 * answering the same row (6 tokens, then eos), where the 37-token prefill dominates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeLoopBenchmark {
    static final int LONG_TOKENS = 64;

    @Param({"long", "triage"})
    public String scenario;

    private Path noEosCopy;
    private Runner runner;
    private RawOrtLoop raw;
    private Prompt prompt;
    private long[] promptIds;
    private int[] promptInts;
    private int[] eosIds;
    private GenerationSettings settings;

    @Setup(Level.Trial)
    public void setUp() throws OrtException, IOException {
        boolean noEos = scenario.equals("long");
        noEosCopy = noEos ? Demo.withoutEos("ckpt-epoch-4") : null;
        Path model = noEos ? noEosCopy : Demo.model("ckpt-epoch-4");
        runner = Demo.open(model, 1);
        raw = new RawOrtLoop(model);
        prompt = Prompt.of(Demo.testRows(1).get(0).input());
        try (PromptIds encoder = new PromptIds(model)) {
            promptIds = encoder.encode(runner.render(prompt));
        }
        promptInts = Arrays.stream(promptIds).mapToInt(id -> (int) id).toArray();
        eosIds = eosIds(model);
        settings = GenerationSettings.greedy(noEos ? LONG_TOKENS : 32);
        check(noEos);
    }

    /** Both loops must do the same work: same prompt length, same greedy ids, same stop. */
    private void check(boolean noEos) throws OrtException {
        Generation viaText = runner.generate(List.of(prompt), settings).get(0);
        Generation viaIds = runner.generateFromIds(List.of(promptInts), settings).get(0);
        int[] rawIds = raw.generate(promptIds, settings.maxNewTokens(), eosIds);
        if (viaText.promptTokens() != promptIds.length || !Arrays.equals(viaIds.completionIds(), rawIds)
                || !Arrays.equals(viaText.completionIds(), rawIds)
                || viaIds.finishReason() != (noEos ? FinishReason.LENGTH : FinishReason.EOS)) {
            throw new IllegalStateException("the loops disagree: prompt " + promptIds.length + " vs "
                    + viaText.promptTokens() + " tokens, tunebench " + Arrays.toString(viaIds.completionIds()) + " ("
                    + viaIds.finishReason() + "), raw " + Arrays.toString(rawIds));
        }
        System.out.printf("%n[%s] prompt %d tokens, %d new tokens (%s), identical in both loops%n",
                scenario, promptIds.length, rawIds.length, viaIds.finishReason());
    }

    private static int[] eosIds(Path model) throws IOException {
        var ids = new ObjectMapper().readTree(model.resolve("generation_config.json").toFile()).get("eos_token_id");
        int[] out = new int[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i).asInt();
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        runner.close();
        raw.close();
        Demo.deleteTree(noEosCopy);
    }

    /** The decode loop alone: prompt ids in, as the raw loop gets them. */
    @Benchmark
    public Generation tunebench(TokenCounter counter) {
        Generation g = runner.generateFromIds(List.of(promptInts), settings).get(0);
        counter.tokens += g.completionTokens();
        return g;
    }

    /** The whole request path: chat template render and tokenize, then the same decode. */
    @Benchmark
    public Generation tunebenchFromPrompt(TokenCounter counter) {
        Generation g = runner.generate(List.of(prompt), settings).get(0);
        counter.tokens += g.completionTokens();
        return g;
    }

    @Benchmark
    public int[] raw(TokenCounter counter) throws OrtException {
        int[] ids = raw.generate(promptIds, settings.maxNewTokens(), eosIds);
        counter.tokens += ids.length;
        return ids;
    }
}

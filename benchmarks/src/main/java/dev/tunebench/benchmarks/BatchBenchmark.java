package dev.tunebench.benchmarks;

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

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tokens/s of tunebench's generate at batch 1 and batch 8 (issue 2/5 target: batch 8 ≥ 3× batch 1).
 * The same 16 demo test rows (27-37 prompt tokens, so batches are left padded) each get exactly
 * {@code newTokens} tokens from ckpt-epoch-4 with eos switched off, so both batch sizes generate the
 * same tokens; the runner splits the 16 prompts into batches of {@code batch}. Batching speeds up the
 * decode steps, not the prefill, so the ratio grows with {@code newTokens}: 32 is the demo suite's
 * max_new_tokens. {@code -p threads=2} gives ONNX Runtime both cores of the reference machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BatchBenchmark {
    static final int ROWS = 16;

    @Param({"1", "8"})
    public int batch;

    @Param({"32", "128"})
    public int newTokens;

    @Param({"1"})
    public int threads;

    private Path noEosCopy;
    private Runner runner;
    private List<Prompt> prompts;
    private GenerationSettings settings;

    @Setup(Level.Trial)
    public void setUp() {
        noEosCopy = Demo.withoutEos("ckpt-epoch-4");
        runner = Demo.open(noEosCopy, threads, batch);
        settings = GenerationSettings.greedy(newTokens);
        prompts = Demo.testRows(ROWS).stream().map(r -> Prompt.of(r.input())).toList();
        for (Generation g : runner.generate(prompts, settings)) {
            if (g.finishReason() != FinishReason.LENGTH || g.completionTokens() != newTokens) {
                throw new IllegalStateException("expected " + newTokens + " tokens per row, got " + g.completionTokens()
                        + " (" + g.finishReason() + ")");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runner.close();
        Demo.deleteTree(noEosCopy);
    }

    @Benchmark
    public List<Generation> generate(TokenCounter counter) {
        List<Generation> out = runner.generate(prompts, settings);
        for (Generation g : out) {
            counter.tokens += g.completionTokens();
        }
        return out;
    }
}

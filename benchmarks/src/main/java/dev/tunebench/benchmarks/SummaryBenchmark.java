package dev.tunebench.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.RunManifest;
import dev.tunebench.results.SampleSink;
import dev.tunebench.run.RunOptions;
import dev.tunebench.run.Shard;
import dev.tunebench.run.SuitePlanner;
import dev.tunebench.summary.SummaryBuilder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * summary.json for a demo-shaped run: all 30 cells (5 models × 6 techniques) of {@code rows} rows, with
 * varied token counts and latencies so every signed-rank and McNemar comparison (245) is computed.
 * Target at 30 rows: under 2 s (the exact signed-rank test used to enumerate 2^30 sign patterns per
 * comparison there). Run with JMH, or {@code main [rows]} for five timed passes in a fresh JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class SummaryBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Param({"30", "240"})
    public int rows;

    Path run;
    RunManifest manifest;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        run = Files.createTempDirectory("tunebench-summary-bench");
        RunManifest started = SuitePlanner.manifest(Demo.suite(), new RunOptions(List.of(), List.of(), rows, Shard.ALL,
                false), "benchmark", "SummaryBenchmark", Instant.now());
        manifest = started.finished(Instant.now().toString(), true, List.of(), started.runner(), started.models());
        writeSamples(run.resolve(SampleSink.FILE_NAME), manifest, rows);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Demo.deleteTree(run);
    }

    @Benchmark
    public ObjectNode summary() {
        return SummaryBuilder.build(run, manifest);
    }

    private static void writeSamples(Path file, RunManifest manifest, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(30);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (RunManifest.ModelEntry model : manifest.models()) {
                for (int t = 0; t < manifest.techniques().size(); t++) {
                    for (int r = 0; r < rows; r++) {
                        boolean right = random.nextDouble() < 0.1 + 0.15 * manifest.models().indexOf(model);
                        int completion = right ? 6 : 4 + random.nextInt(12);
                        ObjectNode s = JSON.createObjectNode().put("model", model.id())
                                .put("technique", manifest.techniques().get(t)).put("row", r)
                                .put("row_id", "test.jsonl:" + (r + 1)).put("repeat", 0)
                                .put("accuracy", right ? 1.0 : 0.0).put("format_adherence", right || random.nextBoolean() ? 1.0 : 0.0)
                                .put("prompt_tokens", 30 + r % 17 + 15 * t).put("completion_tokens", completion)
                                .put("finish_reason", "eos").put("ttft_ms", 0.5 + random.nextDouble())
                                .put("latency_ms", 2 + 0.3 * completion + 3 * random.nextDouble())
                                .put("tpot_ms", 0.1 + 0.05 * random.nextDouble());
                        s.putNull("error");
                        w.write(JSON.writeValueAsString(s));
                        w.newLine();
                    }
                }
            }
        }
    }

    public static void main(String[] args) throws IOException {
        SummaryBenchmark b = new SummaryBenchmark();
        b.rows = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        b.setUp();
        try {
            // CPU time of this thread too: on a shared machine the wall time also counts other jobs.
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                ObjectNode summary = b.summary();
                System.out.printf("pass %d: %d cells x %d rows, %d comparisons -> %.3f s wall, %.3f s CPU%n", i + 1,
                        summary.get("results").size(), b.rows, summary.get("comparisons").size(),
                        (System.nanoTime() - start) / 1e9, (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
            }
        } finally {
            b.tearDown();
        }
    }
}

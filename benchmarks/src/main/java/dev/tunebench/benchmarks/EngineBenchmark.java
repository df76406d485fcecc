package dev.tunebench.benchmarks;

import dev.tunebench.data.Row;
import dev.tunebench.results.SampleSink;
import dev.tunebench.run.RunEngine;
import dev.tunebench.run.RunListener;
import dev.tunebench.run.RunPlan;
import dev.tunebench.run.Shard;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.suite.Suite;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The engine's own cost per sample (issue 3 target: ≥ 50,000 samples/s on one core): the real
 * {@link RunEngine} runs the demo suite's six techniques, three scorers and samples.jsonl writes over
 * the 240 demo test rows (held in memory), with {@link CannedRunner} in place of a model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {
    static final int ROWS = DataBenchmark.TEST_ROWS;
    static final int TECHNIQUES = 6;

    private RunPlan plan;
    private Path runDir;
    private SampleSink sink;

    @Setup(Level.Trial)
    public void setUp() {
        Suite suite = Demo.suite();
        List<Row> rows = Demo.testRows(ROWS);
        List<RunPlan.Technique> techniques = suite.techniques().stream()
                .map(t -> new RunPlan.Technique(t.name(), t::apply)).toList();
        if (rows.size() != ROWS || techniques.size() != TECHNIQUES) {
            throw new IllegalStateException("the demo suite changed: " + rows.size() + " rows, " + techniques.size() + " techniques");
        }
        RunPlan.Model model = new RunPlan.Model("canned", Path.of("."), "canned", new RunnerSettings("cpu", 1, 8),
                suite.generation());
        plan = new RunPlan(List.of(model), techniques, rows::stream, null, suite.scorers(),
                suite.metrics().get("accuracy"), suite.metrics().get("format_adherence"), 1, 0, Shard.ALL, Set.of());
    }

    /** A fresh samples.jsonl per iteration, so the file stays a realistic size. */
    @Setup(Level.Iteration)
    public void openSink() throws IOException {
        runDir = Files.createTempDirectory("tunebench-engine-bench");
        sink = new SampleSink(runDir);
    }

    @TearDown(Level.Iteration)
    public void closeSink() {
        sink.close();
        Demo.deleteTree(runDir);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS * TECHNIQUES)
    public boolean run() {
        return new RunEngine(plan, type -> CannedRunner.FACTORY, sink, RunListener.NONE).run().complete();
    }
}

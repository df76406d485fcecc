package dev.tunebench.benchmarks;

import dev.tunebench.scoring.Score;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.suite.Suite;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo suite's scorers on one answer: {@code correct} is what ckpt-epoch-4 answers, {@code broken}
 * what base typically answers (cut-off JSON, the parse-failure path).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScoringBenchmark {
    private static final String EXPECTED = "{\"intent\": \"refund\"}";

    @Param({"correct", "broken"})
    public String answer;

    private String text;
    private List<Scorer> all;
    private Scorer jsonMatch;
    private Scorer jsonSchema;
    private Scorer label;

    @Setup(Level.Trial)
    public void setUp() {
        Suite suite = Demo.suite();
        text = answer.equals("correct") ? EXPECTED : "{\"label\": \" 2 3";
        all = suite.scorers();
        jsonMatch = suite.scorer("accuracy_json").orElseThrow();
        jsonSchema = suite.scorer("schema").orElseThrow();
        label = suite.scorer("intent").orElseThrow();
    }

    @Benchmark
    public Score jsonMatch() {
        return jsonMatch.score(text, EXPECTED);
    }

    @Benchmark
    public Score jsonSchema() {
        return jsonSchema.score(text, EXPECTED);
    }

    @Benchmark
    public Score label() {
        return label.score(text, EXPECTED);
    }

    /** All three, as the engine scores every sample. */
    @Benchmark
    public void allScorers(Blackhole bh) {
        for (Scorer s : all) {
            bh.consume(s.score(text, EXPECTED));
        }
    }
}

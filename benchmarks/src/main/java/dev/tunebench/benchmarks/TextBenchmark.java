package dev.tunebench.benchmarks;

import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
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
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The text side of a request on ckpt-epoch-4: chat template render (tunebench's jinja2 renderer), and tokenize (DJL) both
 * through the runner ({@code countPromptTokens} = render + encode) and alone. {@code as-is} is a
 * 37-token prompt, {@code few-shot-3} the demo's longest technique.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TextBenchmark {

    @Param({"as-is", "few-shot-3"})
    public String technique;

    private Runner runner;
    private PromptIds tokenizer;
    private Prompt prompt;
    private String rendered;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Suite suite = Demo.suite();
        prompt = suite.technique(technique).orElseThrow().apply(Demo.testRows(1).get(0));
        runner = Demo.open(Demo.model("ckpt-epoch-4"), 1);
        tokenizer = new PromptIds(Demo.model("ckpt-epoch-4"));
        rendered = runner.render(prompt);
        System.out.printf("%n[%s] %d characters, %d tokens%n", technique, rendered.length(), runner.countPromptTokens(prompt));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runner.close();
        tokenizer.close();
    }

    @Benchmark
    public String render() {
        return runner.render(prompt);
    }

    @Benchmark
    public int renderAndCount() {
        return runner.countPromptTokens(prompt);
    }

    @Benchmark
    public long[] encode() {
        return tokenizer.encode(rendered);
    }
}

package dev.tunebench.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.reports.Reports;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Report generation (report.html, summary.md, junit.xml) for a synthetic run of 100,000 samples:
 * 5 models × 4 techniques × 5,000 rows. Target: under 10 s, report under 20 MB.
 * Run with JMH, or {@code main} for one timed pass that also prints the report size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class ReportBenchmark {
    static final int MODELS = 5;
    static final int TECHNIQUES = 4;
    static final int ROWS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CLASSES = {"account", "billing", "cancel", "delivery", "network", "refund"};

    Path run;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        run = Files.createTempDirectory("tunebench-report-bench");
        writeRun(run);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(run)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public void writeAll() throws IOException {
        Reports.writeAll(run);
    }

    public static void main(String[] args) throws IOException {
        ReportBenchmark b = new ReportBenchmark();
        b.setUp();
        try {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                b.writeAll();
                System.out.printf("pass %d: %d samples → %.2f s, report.html %.1f MB%n", i + 1,
                        MODELS * TECHNIQUES * ROWS, (System.nanoTime() - start) / 1e9,
                        Files.size(b.run.resolve("report.html")) / 1e6);
            }
        } finally {
            b.tearDown();
        }
    }

    private static boolean correct(int row, int model, int technique) {
        return Math.floorMod((row * 31L + model * 17 + technique * 7) * 2654435761L, 100) < 40 + 10 * model + 3 * technique;
    }

    static void writeRun(Path dir) throws IOException {
        writeRun(dir, ROWS);
    }

    /** {@link #MODELS} × {@link #TECHNIQUES} × {@code rows} samples with their summary and manifest. */
    static void writeRun(Path dir, int rows) throws IOException {
        String filler = " Please help, the order has not arrived and I was charged twice.".repeat(8);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("samples.jsonl"), StandardCharsets.UTF_8)) {
            for (int m = 0; m < MODELS; m++) {
                for (int t = 0; t < TECHNIQUES; t++) {
                    for (int r = 0; r < rows; r++) {
                        String expected = CLASSES[r % CLASSES.length];
                        String predicted = correct(r, m, t) ? expected : CLASSES[(r + 1) % CLASSES.length];
                        ObjectNode s = JSON.createObjectNode().put("model", "model-" + m).put("technique", "technique-" + t)
                                .put("row", r).put("row_id", "test.jsonl:" + (r + 1)).put("repeat", 0)
                                .put("prompt", "<|im_start|>system\nClassify the ticket.<|im_end|>\n<|im_start|>user\nTicket "
                                        + r + ":" + filler + "<|im_end|>\n<|im_start|>assistant\n{\"intent\": \"")
                                .put("assistant_prefix", "{\"intent\": \"").put("completion", predicted + "\"}")
                                .put("answer", "{\"intent\": \"" + predicted + "\"}")
                                .put("expected", "{\"intent\": \"" + expected + "\"}")
                                .put("accuracy", correct(r, m, t) ? 1.0 : 0.0).put("format_adherence", 1.0)
                                .put("label_expected", expected).put("label_predicted", predicted)
                                .put("prompt_tokens", 140).put("completion_tokens", 4).put("finish_reason", "eos")
                                .put("ttft_ms", 1.9).put("latency_ms", 2.4).put("tpot_ms", 0.15);
                        s.putNull("error");
                        w.write(JSON.writeValueAsString(s));
                        w.newLine();
                    }
                }
            }
        }
        ObjectNode summary = JSON.createObjectNode().put("schema_version", 1).put("suite", "bench").put("complete", true)
                .put("baseline", "model-0").put("reference_technique", "technique-0").put("currency", "USD");
        ArrayNode results = summary.putArray("results");
        for (int m = 0; m < MODELS; m++) {
            for (int t = 0; t < TECHNIQUES; t++) {
                ObjectNode metrics = results.addObject().put("model", "model-" + m).put("technique", "technique-" + t)
                        .put("n", rows).put("errors", 0).putObject("metrics");
                double acc = 0.4 + 0.1 * m + 0.03 * t;
                metrics.putObject("accuracy").put("value", acc).put("ci_low", acc - 0.014).put("ci_high", acc + 0.014).put("n", rows);
                metrics.putObject("cost_per_1k_requests").put("value", 0.05 + 0.01 * t).put("n", rows);
                metrics.putObject("latency_ms_p50").put("value", 2.4).put("n", rows);
                metrics.putObject("latency_ms_p95").put("value", 3.1).put("n", rows);
            }
        }
        JSON.writeValue(dir.resolve("summary.json").toFile(), summary);
        JSON.writeValue(dir.resolve("manifest.json").toFile(), JSON.createObjectNode().put("schema_version", 1)
                .put("command_line", "tunebench run bench.yaml"));
    }
}

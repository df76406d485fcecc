package dev.tunebench.benchmarks;

import dev.tunebench.data.DataSource;
import dev.tunebench.data.DatasetReader;
import dev.tunebench.results.Json;
import dev.tunebench.results.RunManifest;
import dev.tunebench.results.SampleSink;
import dev.tunebench.run.RunEngine;
import dev.tunebench.run.RunListener;
import dev.tunebench.run.RunOptions;
import dev.tunebench.run.RunOutcome;
import dev.tunebench.run.RunPlan;
import dev.tunebench.run.Shard;
import dev.tunebench.run.SuitePlanner;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.suite.Suite;
import dev.tunebench.summary.SummaryBuilder;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Issue 3's memory check, as a plain program (JMH measures speed, not a heap ceiling): writes a chat
 * JSONL of {@code rows} rows (default 100,000) to a temp folder, runs the real engine over it (streamed
 * rows, the demo suite's techniques and scorers, samples.jsonl) for a baseline and a candidate with
 * {@link CannedRunner}, then builds summary.json from the folder. Run it with {@code -Xmx512m}; it
 * prints samples/s and the peak heap. Arguments: {@code [rows] [technique,...]}.
 */
public final class LargeDatasetCheck {
    private static final String[] LABELS = {"refund", "delivery", "account", "network", "billing", "cancel"};
    private static final String[] OPENINGS = {"hi,", "hello,", "hey,", "excuse me,", "good morning,", "urgent:"};
    private static final String[] PROBLEMS = {"I returned the %s and still no money back",
            "my %s has not arrived yet", "I cannot log in to the account for my %s",
            "the wifi on my %s keeps dropping", "I was charged twice for the %s", "please cancel the plan for my %s"};
    private static final String[] ITEMS = {"remote", "router", "phone", "headset", "gift card", "laptop", "speaker"};
    private static final List<String> MODELS = List.of("base", "ckpt-epoch-4");

    private LargeDatasetCheck() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<String> techniques = args.length > 1 ? List.of(args[1].split(",")) : List.of();
        Path dir = Files.createTempDirectory("tunebench-large-");
        try (HeapWatch heap = HeapWatch.start()) {
            Path data = dir.resolve("large.jsonl");
            long t0 = System.nanoTime();
            writeData(data, rows);
            System.out.printf("wrote %,d rows (%.1f MB) in %.1f s%n", rows, Files.size(data) / 1e6, (System.nanoTime() - t0) / 1e9);

            Suite suite = Demo.suite();
            RunOptions options = new RunOptions(MODELS, techniques, 0, Shard.ALL, false);
            RunPlan plan = plan(suite, options, data);
            Path runDir = Files.createDirectory(dir.resolve("run"));
            long samples = (long) rows * plan.models().size() * plan.techniques().size();
            long t1 = System.nanoTime();
            RunOutcome outcome;
            try (SampleSink sink = new SampleSink(runDir)) {
                outcome = new RunEngine(plan, type -> CannedRunner.FACTORY, sink, RunListener.NONE).run();
            }
            double engineSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf("engine: %,d samples (%d models x %d techniques x %,d rows) in %.1f s = %,.0f samples/s, "
                            + "samples.jsonl %.0f MB, complete=%s%n", samples, plan.models().size(), plan.techniques().size(),
                    rows, engineSeconds, samples / engineSeconds, Files.size(runDir.resolve(SampleSink.FILE_NAME)) / 1e6,
                    outcome.complete());

            long t2 = System.nanoTime();
            // The demo suite's manifest (its models' entries and prices); only the summary reads it here.
            RunManifest started = SuitePlanner.manifest(suite, options, "benchmark", "LargeDatasetCheck", Instant.now());
            RunManifest manifest = started.finished(Instant.now().toString(), outcome.complete(), outcome.problems(),
                    started.runner(), started.models());
            Json.PRETTY.writeValue(runDir.resolve(SummaryBuilder.FILE_NAME).toFile(), SummaryBuilder.build(runDir, manifest));
            System.out.printf("summary.json from %,d samples in %.1f s%n", samples, (System.nanoTime() - t2) / 1e9);
            System.out.printf("heap: max %d MB (-Xmx), peak used %.0f MB (sampled every 10 ms), "
                    + "sum of pool peaks %.0f MB (upper bound)%n", Runtime.getRuntime().maxMemory() >> 20,
                    heap.peakUsed() / 1048576.0, HeapWatch.poolPeaks() / 1048576.0);
        } finally {
            Demo.deleteTree(dir);
        }
    }

    private static RunPlan plan(Suite suite, RunOptions options, Path data) {
        RunPlan demo = SuitePlanner.plan(suite, options, Set.of());
        List<RunPlan.Model> canned = demo.models().stream()
                .map(m -> new RunPlan.Model(m.id(), m.folder(), "canned", new RunnerSettings("cpu", 1, 8), m.generation()))
                .toList();
        return new RunPlan(canned, demo.techniques(), () -> DatasetReader.open(DataSource.chat(data)), null,
                demo.scorers(), demo.accuracyScorer(), demo.formatScorer(), 1, 0, Shard.ALL, Set.of());
    }

    private static void writeData(Path file, int rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < rows; i++) {
                int kind = i % LABELS.length;
                String user = OPENINGS[i / 7 % OPENINGS.length] + " " + String.format(PROBLEMS[kind], ITEMS[i / 11 % ITEMS.length])
                        + " (order " + (100_000 + i * 7919 % 900_000) + ")";
                out.write("{\"messages\": [{\"role\": \"system\", \"content\": \"You are a support triage assistant.\"}, "
                        + "{\"role\": \"user\", \"content\": \"" + user + "\"}, "
                        + "{\"role\": \"assistant\", \"content\": \"{\\\"intent\\\": \\\"" + LABELS[kind] + "\\\"}\", \"weight\": 1}]}\n");
            }
        }
    }
}

package dev.tunebench.summary;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.results.RunManifest;
import dev.tunebench.results.Sample;
import dev.tunebench.results.SampleSink;
import dev.tunebench.run.RunOptions;
import dev.tunebench.run.Shard;
import dev.tunebench.run.SuitePlanner;
import dev.tunebench.suite.SuiteLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Error samples are counted in the error rate, not as misses: accuracy is over the answered rows. */
class ErrorRateTest {
    private static final Path ROOT = Path.of(System.getProperty("tunebench.root", "..")).toAbsolutePath().normalize();

    @Test
    void accuracyIsOverAnsweredRowsAndTheErrorsHaveTheirOwnRate(@TempDir Path run) {
        try (SampleSink sink = new SampleSink(run)) {
            for (int row = 0; row < 10; row++) {
                boolean error = row == 3 || row == 7;
                // 6 of the 8 answered rows are right; the two errors carry the 0 scores an error sample gets.
                double score = error || row == 0 || row == 1 ? 0.0 : 1.0;
                sink.write(new Sample("base", "as-is", row, "test.jsonl:" + (row + 1), 0, null, "", error ? null : "a", error ? null : "a",
                        "a", Map.of("accuracy_json", score), score, score, null, null, error ? null : 10, error ? null : 2,
                        error ? null : "eos", error ? null : 1.0, error ? null : 2.0, error ? null : 0.5,
                        error ? "server answered 503 (gave up after 5 attempts)" : null));
            }
        }
        RunManifest started = SuitePlanner.manifest(SuiteLoader.load(ROOT.resolve("suites/demo/triage.yaml")),
                new RunOptions(List.of("base"), List.of("as-is"), 10, Shard.ALL, false), "test", "test", Instant.EPOCH);
        JsonNode cell = SummaryBuilder.build(run, started.finished(Instant.EPOCH.toString(), true, List.of(), started.runner(),
                started.models())).get("results").get(0);
        assertEquals(2, cell.get("errors").asInt());
        assertEquals(0.75, cell.at("/metrics/accuracy/value").asDouble(), 1e-12);
        assertEquals(8, cell.at("/metrics/accuracy/n").asInt());
        assertEquals(0.2, cell.at("/metrics/error_rate/value").asDouble(), 1e-12);
        assertEquals(10, cell.at("/metrics/error_rate/n").asInt());
        // The spend counts the answered rows' usage at the demo's prices (0.0005 / 0.0015 per 1K tokens).
        assertEquals(8 * (10 * 0.0005 + 2 * 0.0015) / 1000, cell.at("/metrics/spend/value").asDouble(), 1e-15);
    }
}

package dev.tunebench.summary;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.gate.RowMetric;
import dev.tunebench.gate.RowOutcome;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replayed samples may lack token counts and latency, and some requests may be missing: absent figures are
 * left out of means, costs, comparisons and gates (never read as 0), and each cell says what it lacks.
 */
class AbsentFiguresTest {
    private static final Path ROOT = Path.of(System.getProperty("tunebench.root", "..")).toAbsolutePath().normalize();

    private static Sample sample(String model, int row, Integer prompt, Integer completion, Double latency, String error) {
        return new Sample(model, "as-is", row, "test.jsonl:" + (row + 1), 0, "p", "", error == null ? "x" : null, "x", "x",
                Map.of("accuracy_json", error == null ? 1.0 : 0.0), error == null ? 1.0 : 0.0,
                null, null, null, prompt, completion, error == null ? "eos" : null, latency, latency, null, error);
    }

    @Test
    void absentCountsAndTimesAreLeftOutAndSaidSo(@TempDir Path run) {
        try (SampleSink sink = new SampleSink(run)) {
            for (int row = 0; row < 4; row++) {
                sink.write(sample("base", row, 30 + row, 6, 10.0 + row, null));
            }
            // Replayed: row 0 counted, row 1 not, row 2 answered without anything, row 3 missing from the file.
            sink.write(sample("ckpt-epoch-4", 0, 40, 8, null, null));
            sink.write(sample("ckpt-epoch-4", 1, null, null, null, null));
            sink.write(sample("ckpt-epoch-4", 2, null, null, null, null));
            sink.write(sample("ckpt-epoch-4", 3, null, null, null, Sample.MISSING + "out.jsonl has no line"));
        }
        RunManifest started = SuitePlanner.manifest(SuiteLoader.load(ROOT.resolve("suites/demo/triage.yaml")),
                new RunOptions(List.of("base", "ckpt-epoch-4"), List.of("as-is"), 4, Shard.ALL, false), "test", "test", Instant.EPOCH);
        RunManifest manifest = started.finished(Instant.EPOCH.toString(), true, List.of(), started.runner(), started.models());

        JsonNode summary = SummaryBuilder.build(run, manifest);

        JsonNode base = summary.get("results").get(0);
        assertFalse(base.has("untimed_samples"));
        assertEquals(11.5, base.get("metrics").get("latency_ms_mean").get("value").asDouble(), 1e-9);
        JsonNode replayed = summary.get("results").get(1);
        assertEquals("ckpt-epoch-4", replayed.get("model").asText());
        assertEquals(1, replayed.get("errors").asInt());
        assertEquals(1, replayed.get("missing_samples").asInt());
        assertEquals("[\"test.jsonl:4\"]", replayed.get("missing_rows").toString());
        assertEquals(3, replayed.get("untimed_samples").asInt());
        assertEquals("no latency: the replayed file records none", replayed.get("latency_note").asText());
        JsonNode m = replayed.get("metrics");
        assertFalse(m.has("latency_ms_p50") || m.has("ttft_ms_p50") || m.has("output_tokens_per_s"), m.toString());
        assertEquals(40.0, m.get("prompt_tokens_mean").get("value").asDouble(), "only the counted sample");
        assertEquals(1, m.get("prompt_tokens_mean").get("n").asInt());
        assertEquals(40 * 0.0005 + 8 * 0.0015, m.get("cost_per_1k_requests").get("value").asDouble(), 1e-12);
        // A missing answer is an error, not a wrong answer: accuracy is over the answered rows, the error rate apart.
        assertEquals(1.0, m.get("accuracy").get("value").asDouble(), "accuracy over the three answered rows");
        assertEquals(3, m.get("accuracy").get("n").asInt());
        assertEquals(0.25, m.get("error_rate").get("value").asDouble(), "the missing row is the one error in four");
        for (JsonNode c : summary.get("comparisons")) {
            assertFalse(c.get("metric").asText().equals("latency_ms_mean"), "no latency pairs to compare: " + c);
            if (c.get("metric").asText().equals("prompt_tokens_mean")) {
                fail("one counted pair is too few to compare: " + c);
            }
        }
        RowOutcome uncounted = RowOutcome.of(sample("ckpt-epoch-4", 1, null, null, null, null));
        assertNull(RowMetric.LATENCY_MS_MEAN.value(uncounted, manifest.models().get(1)));
        assertNull(RowMetric.COST_PER_1K_REQUESTS.value(uncounted, manifest.models().get(1)));
        assertTrue(RowMetric.ACCURACY.value(uncounted, manifest.models().get(1)) != null);
    }

    private static void fail(String message) {
        throw new AssertionError(message);
    }
}

package dev.tunebench.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.results.RunManifest;
import dev.tunebench.results.SampleSink;
import dev.tunebench.run.RunOptions;
import dev.tunebench.run.Shard;
import dev.tunebench.run.SuitePlanner;
import dev.tunebench.suite.SuiteLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary of a demo-shaped run with 30-row cells (all 30 cells: 5 models × 6 techniques), the size
 * where commons-math3's exact signed-rank test enumerated 2^30 sign patterns per comparison. Every raw
 * p-value of the 245 comparisons equals the independently computed one ({@code
 * stats/make_summary30_reference.py}: exact fractions for McNemar, exact counts for Wilcoxon).
 */
class ThirtyRowCellsTest {

    private static final Path ROOT = Path.of(System.getProperty("tunebench.root", "..")).toAbsolutePath().normalize();

    @Test
    void everyComparisonOfThirtyRowCellsHasTheReferenceP(@TempDir Path run) throws IOException {
        try (InputStream samples = resource("summary30-samples.jsonl")) {
            Files.copy(samples, run.resolve(SampleSink.FILE_NAME));
        }
        RunManifest started = SuitePlanner.manifest(SuiteLoader.load(ROOT.resolve("suites/demo/triage.yaml")),
                new RunOptions(List.of(), List.of(), 30, Shard.ALL, false), "test", "test", Instant.EPOCH);
        RunManifest manifest = started.finished(Instant.EPOCH.toString(), true, List.of(), started.runner(),
                started.models());

        JsonNode summary = SummaryBuilder.build(run, manifest);

        assertEquals(30, summary.get("results").size());
        summary.get("results").forEach(r -> assertEquals(30, r.get("n").asInt()));
        Map<String, Double> actual = new HashMap<>();
        summary.get("comparisons").forEach(c -> actual.put(key(c), c.get("p_value").asDouble()));
        JsonNode expected;
        try (InputStream in = resource("summary30-reference.json")) {
            expected = new ObjectMapper().readTree(in).get("comparisons");
        }
        assertEquals(expected.size(), actual.size());
        int wilcoxon = 0;
        for (JsonNode e : expected) {
            String key = e.get("kind").asText() + " " + e.get("metric").asText() + " " + e.get("a").get(0).asText() + "/"
                    + e.get("a").get(1).asText() + " " + e.get("b").get(0).asText() + "/" + e.get("b").get(1).asText();
            Double p = actual.get(key);
            assertNotNull(p, key);
            double want = e.get("p_value").asDouble();
            assertEquals(want, p, 1e-9 * want, key);
            wilcoxon += e.get("metric").asText().endsWith("_mean") && want < 1 ? 1 : 0;
        }
        assertEquals(245, expected.size());
        assertTrue(wilcoxon > 50, "signed-rank comparisons with p < 1: " + wilcoxon);
    }

    private static String key(JsonNode c) {
        return c.get("kind").asText() + " " + c.get("metric").asText() + " " + c.get("a").get("model").asText() + "/"
                + c.get("a").get("technique").asText() + " " + c.get("b").get("model").asText() + "/"
                + c.get("b").get("technique").asText();
    }

    private InputStream resource(String name) {
        return Objects.requireNonNull(getClass().getResourceAsStream("/stats/" + name), name);
    }
}

package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tunebench run` measures the demo suite's perf section after quality and puts it in the summary. */
class PerfRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void perfBlocksReachSummaryAndRequestsReachPerfJsonl() throws Exception {
        Path runDir = out.resolve("run");
        Cli r = Cli.run("run", Cli.demo().resolve("triage.yaml").toString(), "--models", "ckpt-epoch-4",
                "--techniques", "as-is", "--limit", "10", "--no-report", "--out", runDir.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode perf = JSON.readTree(runDir.resolve("summary.json").toFile()).get("perf");
        // The demo's section: single-stream and an offline sweep of 1 and 8, for the one model selected.
        assertEquals(List.of("single-stream/1", "offline/1", "offline/8"),
                java.util.stream.StreamSupport.stream(perf.spliterator(), false)
                        .map(b -> b.get("scenario").asText() + "/" + b.get("batch_size").asInt()).toList());
        for (JsonNode block : perf) {
            assertEquals("ckpt-epoch-4", block.get("model").asText());
            assertEquals("cpu", block.get("device").asText());
            assertEquals(1, block.get("concurrency").asInt());
            assertTrue(block.get("threads").asInt() >= 0);
            assertTrue(block.get("output_tokens_per_s").asDouble() > 0, block.toString());
        }
        assertEquals(perf, JSON.readTree(runDir.resolve("perf.json").toFile()).get("blocks"));
        long lines;
        try (var stream = Files.lines(runDir.resolve("perf.jsonl"))) {
            lines = stream.count();
        }
        long requests = 0;
        for (JsonNode block : perf) {
            requests += block.get("requests").asLong();
        }
        assertEquals(requests, lines, "one line per measured request, warm-up excluded");
        assertTrue(r.out().contains("single-stream"), "the perf table is printed: " + r.out());
    }
}

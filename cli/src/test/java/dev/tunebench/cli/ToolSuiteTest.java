package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** suites/tools end to end on the demo models: tool data in, tool_call scores out, shown in every report. */
class ToolSuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SCORERS = List.of("tool_call", "tool_name", "tool_arguments", "tool_format");

    @TempDir
    static Path tmp;
    static Path run;
    static Cli result;

    @BeforeAll
    static void runToolSuite() {
        run = tmp.resolve("run");
        result = Cli.run("run", Cli.root().resolve("suites/tools/support-tools.yaml").toString(), "--out", run.toString());
    }

    @Test
    void everySampleIsScoredByTheFourChecks() throws Exception {
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = Files.readAllLines(run.resolve("samples.jsonl"));
        assertEquals(2 * 3 * 24, lines.size());
        Map<String, double[]> sums = new HashMap<>();
        for (String line : lines) {
            JsonNode s = JSON.readTree(line);
            assertTrue(s.get("error").isNull(), line);
            assertEquals(SCORERS, iterate(s.get("scores").fieldNames()), line);
            String expected = s.get("expected").asText();
            boolean expectsCall = expected.startsWith("{\"name\":") || expected.startsWith("[{\"name\":");
            if (!expectsCall && !s.get("answer").asText().contains("\"name\"")) {
                SCORERS.forEach(n -> assertEquals(1.0, s.get("scores").get(n).asDouble(), n + ": no call was due: " + line));
            }
            if (expected.startsWith("{\"name\":") && !s.get("answer").asText().contains("\"name\"")) {
                SCORERS.forEach(n -> assertEquals(0.0, s.get("scores").get(n).asDouble(), n + ": a call was due: " + line));
            }
            double[] acc = sums.computeIfAbsent(s.get("model").asText() + "/" + s.get("technique").asText(), k -> new double[2]);
            acc[0] += s.get("scores").get("tool_arguments").asDouble();
            acc[1]++;
        }
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        for (JsonNode r : summary.get("results")) {
            double[] acc = sums.get(r.get("model").asText() + "/" + r.get("technique").asText());
            assertEquals(acc[0] / acc[1], r.at("/scores/tool_arguments/value").asDouble(), 1e-12);
            assertEquals(r.at("/scores/tool_call/value").asDouble(), r.at("/metrics/accuracy/value").asDouble(), 1e-12);
            assertEquals(r.at("/scores/tool_format/value").asDouble(), r.at("/metrics/format_adherence/value").asDouble(), 1e-12);
        }
    }

    @Test
    void theExpectedCallIsRecordedAsJsonAndTheRenderedPromptIsTheModelsTemplate() throws Exception {
        JsonNode first = JSON.readTree(Files.readAllLines(run.resolve("samples.jsonl")).get(0));
        assertEquals("{\"name\":\"lookup_order\",\"arguments\":{\"order_id\":\"A1001\"}}", first.get("expected").asText());
        assertTrue(first.get("prompt").asText().endsWith("<|im_start|>user\nwhere is my order A1001?<|im_end|>\n"
                + "<|im_start|>assistant\n"), first.get("prompt").asText());
    }

    @Test
    void theReportsShowTheNewScorers() throws Exception {
        String md = Files.readString(run.resolve("summary.md"));
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(md.contains("**Scores by scorer**"), md);
        assertTrue(html.contains("<h2>Scores by scorer</h2>"), "HTML has the scores section");
        for (String scorer : SCORERS) {
            assertTrue(md.contains(scorer.replace("_", "\\_")), scorer + " in summary.md");
            assertTrue(html.contains("<th>" + scorer + "</th>"), scorer + " in report.html");
        }
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}

package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tunebench run` end to end on the demo suite (real ONNX Runtime): the run folder follows
 * docs/results-format.md and the figures tell what the models really do.
 */
class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 60;

    @TempDir
    static Path tmp;
    static Path run;
    static Cli result;

    @BeforeAll
    static void runDemoSubset() {
        run = tmp.resolve("run");
        result = Cli.run("run", Cli.demo().resolve("triage.yaml").toString(), "--out", run.toString(),
                "--models", "base,ckpt-epoch-4", "--techniques", "as-is,structured-primed,few-shot-3",
                "--limit", String.valueOf(ROWS));
    }

    @Test
    void runSucceedsAndPrintsTheTable() {
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("ckpt-epoch-4"), result.out());
        assertTrue(result.out().contains("report:"), result.out());
        assertTrue(result.out().contains("minimum detectable accuracy difference"), result.out());
    }

    @Test
    void summaryAndReportCarryTheOverlapTheJobAndTheEconomics() throws Exception {
        JsonNode s = JSON.readTree(run.resolve("summary.json").toFile());
        JsonNode pool = s.at("/data_overlap/with/0");
        assertEquals("few_shot_pool", pool.get("role").asText());
        // The demo's test set shares 30 rows verbatim with train.jsonl, its few-shot pool (OverlapReferenceTest).
        assertEquals(30, pool.get("eval_rows_exact").asInt());
        JsonNode job = s.at("/jobs/0");
        assertEquals("hosted", job.get("source").asText());
        assertEquals(4, job.at("/hyperparameters/n_epochs").asInt());
        assertEquals("ckpt-epoch-4", job.at("/checkpoints/0/model").asText());
        assertEquals(120, job.at("/checkpoints/0/at").asInt());
        assertEquals(4, job.get("curve").size());
        JsonNode economics = s.get("economics");
        assertEquals("base", economics.at("/reference/model").asText());
        assertEquals(0.75, economics.at("/quality_bar/threshold").asDouble());
        assertTrue(economics.get("answer").asText().length() > 20, economics.toString());
        String html = Files.readString(run.resolve("report.html"));
        for (String id : List.of("id=\"overlap\"", "id=\"jobs\"", "id=\"economics\"")) {
            assertTrue(html.contains(id), id);
        }
    }

    @Test
    void summaryFollowsTheContract() throws Exception {
        JsonNode s = JSON.readTree(run.resolve("summary.json").toFile());
        assertEquals("triage", s.get("suite").asText());
        assertTrue(s.get("complete").asBoolean());
        assertEquals(6, s.get("results").size());
        for (JsonNode r : s.get("results")) {
            assertEquals(ROWS, r.get("n").asInt());
            for (String metric : List.of("accuracy", "format_adherence", "prompt_tokens_mean", "completion_tokens_mean",
                    "cost_per_1k_requests", "latency_ms_p50")) {
                JsonNode m = r.path("metrics").path(metric);
                assertTrue(m.path("value").isNumber(), metric + " in " + r);
                assertTrue(m.path("ci_low").asDouble() <= m.path("value").asDouble() + 1e-9, metric + " interval in " + r);
                assertTrue(m.path("ci_high").asDouble() >= m.path("value").asDouble() - 1e-9, metric + " interval in " + r);
            }
            assertTrue(r.path("labels").path("confusion").isArray());
        }
        assertTrue(s.get("comparisons").size() > 0);
    }

    @Test
    void figuresTellWhatTheModelsDo() throws Exception {
        JsonNode s = JSON.readTree(run.resolve("summary.json").toFile());
        double baseAcc = metric(s, "base", "as-is", "accuracy");
        double ftAcc = metric(s, "ckpt-epoch-4", "as-is", "accuracy");
        assertEquals(0.0, baseAcc, "base never saw the task");
        assertTrue(ftAcc > 0.6, "ckpt-epoch-4 answers most rows right: " + ftAcc);
        assertEquals(1.0, metric(s, "ckpt-epoch-4", "as-is", "format_adherence"));
        // token cost is the model's own count of the rendered prompt: few-shot costs far more than as-is
        assertTrue(metric(s, "ckpt-epoch-4", "few-shot-3", "prompt_tokens_mean")
                > 3 * metric(s, "ckpt-epoch-4", "as-is", "prompt_tokens_mean"));
        JsonNode cmp = find(s.get("comparisons"), "candidate-vs-baseline", "accuracy", "ckpt-epoch-4", "as-is");
        assertEquals("better", cmp.get("verdict").asText(), cmp.toString());
        assertTrue(cmp.get("p_adjusted").asDouble() < 0.001);
    }

    @Test
    void checkpointsCarryValidationLoss() throws Exception {
        JsonNode s = JSON.readTree(run.resolve("summary.json").toFile());
        JsonNode points = s.get("checkpoints");
        assertEquals(2, points.size(), points.toString());
        JsonNode ft = points.get(1);
        assertEquals("ckpt-epoch-4", ft.get("model").asText());
        // trainer_state.json's own figure for epoch 4 (computed independently in PyTorch)
        assertEquals(0.6010, ft.get("validation_loss").asDouble(), 5e-4);
        assertEquals("ckpt-epoch-4", s.get("best_checkpoint").get("model").asText());
    }

    @Test
    void samplesAreOneLinePerSampleWithEverything() throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("samples.jsonl"));
        assertEquals(2 * 3 * ROWS, lines.size());
        JsonNode primed = lines.stream().map(RunCommandTest::parse)
                .filter(n -> n.get("technique").asText().equals("structured-primed")).findFirst().orElseThrow();
        assertEquals("{\"intent\": \"", primed.get("assistant_prefix").asText());
        assertEquals(primed.get("assistant_prefix").asText() + primed.get("completion").asText(), primed.get("answer").asText());
        assertTrue(primed.get("prompt").asText().endsWith("<|im_start|>assistant\n{\"intent\": \""));
        for (String field : List.of("model", "technique", "row", "row_id", "expected", "scores", "prompt_tokens",
                "completion_tokens", "ttft_ms", "latency_ms")) {
            assertTrue(primed.has(field), field);
        }
    }

    @Test
    void manifestRecordsProvenance() throws Exception {
        JsonNode m = JSON.readTree(run.resolve("manifest.json").toFile());
        assertTrue(m.get("complete").asBoolean());
        assertEquals(64, m.path("suite").path("sha256").asText().length());
        assertEquals(64, m.path("models").get(0).path("files").path("model.onnx").asText().length());
        assertEquals("1.28.0", m.path("runner").path("versions").path("onnxruntime").asText());
        assertTrue(m.get("command_line").asText().startsWith("tunebench run "));
        assertFalse(m.get("ended_at").isNull());
        assertTrue(Files.exists(run.resolve("report.html")));
    }

    @Test
    void reportOfTheRealRunParsesAndHoldsMatrixCurveAndExplorer() throws Exception {
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(run.resolve("report.html").toFile());
        var xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        for (String section : List.of("matrix", "checkpoints", "explorer", "verdict", "reproduce")) {
            assertEquals(1.0, (Double) xpath.evaluate("count(//*[@id='" + section + "'])", doc,
                    javax.xml.xpath.XPathConstants.NUMBER), section);
        }
        Double matrixRows = (Double) xpath.evaluate("count(//*[@id='matrix']//tbody/tr)", doc, javax.xml.xpath.XPathConstants.NUMBER);
        assertEquals(6.0, matrixRows, "2 models x 3 techniques");
        Double curves = (Double) xpath.evaluate("count(//*[@id='checkpoints']//*[local-name()='svg'])", doc,
                javax.xml.xpath.XPathConstants.NUMBER);
        assertTrue(curves >= 1, "the checkpoint curve is drawn");
        assertEquals(1.0, (Double) xpath.evaluate("count(//*[@id='mde'])", doc, javax.xml.xpath.XPathConstants.NUMBER),
                "the report says how small a difference this set can detect");
        assertTrue(Files.readString(run.resolve("summary.md")).contains("ckpt-epoch-4"));
        assertTrue(Files.readString(run.resolve("junit.xml")).contains("<testsuite"));
    }

    @Test
    void reportComparesTwoRunsIntoTheGivenFile() throws Exception {
        Path html = tmp.resolve("compare.html");
        Cli r = Cli.run("report", run.toString(), "--compare", run.toString(), "--out", html.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(html.toString()), r.out());
        assertTrue(Files.readString(html).contains("id=\"compare\""), "the compare view is in the file asked for");
        assertTrue(Files.exists(run.resolve("summary.md")));
        Cli notARun = Cli.run("report", tmp.toString());
        assertEquals(2, notARun.exitCode());
        assertTrue(notARun.err().contains("manifest.json"), notARun.err());
    }

    @Test
    void anExistingRunIsNotOverwritten() {
        Cli again = Cli.run("run", Cli.demo().resolve("triage.yaml").toString(), "--out", run.toString(), "--limit", "1");
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("--resume"), again.err());
    }

    @Test
    void unknownModelGetsASuggestion() {
        Cli r = Cli.run("run", Cli.demo().resolve("triage.yaml").toString(), "--out", tmp.resolve("x").toString(),
                "--models", "ckpt-epoch-5");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("ckpt-epoch-"), r.err());
    }

    @Test
    void validateChecksWithoutRunning() {
        Cli r = Cli.run("validate", Cli.demo().resolve("triage.yaml").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("5 models x 6 techniques x 240 rows"), r.out());
    }

    private static double metric(JsonNode s, String model, String technique, String metric) {
        for (JsonNode r : s.get("results")) {
            if (r.get("model").asText().equals(model) && r.get("technique").asText().equals(technique)) {
                return r.path("metrics").path(metric).path("value").asDouble();
            }
        }
        throw new AssertionError("no result for " + model + "/" + technique);
    }

    private static JsonNode find(JsonNode comparisons, String kind, String metric, String modelB, String techniqueB) {
        for (JsonNode c : comparisons) {
            if (c.get("kind").asText().equals(kind) && c.get("metric").asText().equals(metric)
                    && c.path("b").path("model").asText().equals(modelB) && c.path("b").path("technique").asText().equals(techniqueB)) {
                return c;
            }
        }
        throw new AssertionError("no comparison " + kind + " " + metric + " " + modelB + "/" + techniqueB);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Batch API round trip through the real CLI: {@code batch export} of the demo suite for ckpt-epoch-4, every
 * request answered by a real {@code tunebench serve} process (a small driver in the Batch output format, lines
 * out of order as a provider returns them), replayed with runner type replay: samples and figures equal the
 * in-process run's. And a run's own samples, exported and replayed, give its quality figures back.
 */
class BatchRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 12;
    private static final List<String> SAMPLE_FIELDS = List.of("completion", "answer", "accuracy", "format_adherence",
            "prompt_tokens", "completion_tokens", "finish_reason", "scores", "label_predicted");
    private static final List<String> QUALITY = List.of("accuracy", "format_adherence", "prompt_tokens_mean",
            "completion_tokens_mean", "cost_per_1k_requests");
    private static ServeProcess serve;
    private static Path suite;
    private static Path localRun;

    @BeforeAll
    static void startServeAndRunInProcess(@TempDir Path tmp) throws Exception {
        serve = ServeProcess.start("--model", Cli.demo().resolve("models/ckpt-epoch-4").toString());
        suite = ServedSuites.write(tmp.resolve("local"), "  - {id: ckpt-epoch-4, path: " + Cli.demo().resolve("models/ckpt-epoch-4")
                + ", role: baseline}\n", "runner: {type: onnx, device: cpu, threads: 1, batch_size: 8}");
        localRun = tmp.resolve("local/run");
        Cli r = Cli.run("run", suite.toString(), "--limit", String.valueOf(ROWS), "--out", localRun.toString(), "--no-report");
        assertEquals(0, r.exitCode(), r.err());
    }

    @AfterAll
    static void stopServe() throws Exception {
        if (serve != null) {
            serve.close();
        }
    }

    /** A suite of one model, ckpt-epoch-4, whose answers come from {@code file}. */
    private static Path replaySuite(Path dir, Path file) throws IOException {
        return replaySuite(dir, file, "");
    }

    private static Path replaySuite(Path dir, Path file, String extra) throws IOException {
        return replaySuite(dir, "\"" + file + "\"" + extra);
    }

    private static Path replaySuite(Path dir, String fileAndMore) throws IOException {
        return ServedSuites.write(dir, "  - {id: ckpt-epoch-4, role: baseline, runner: {type: replay, file: " + fileAndMore
                + "}}\n", "runner: {batch_size: 8}");
    }

    /** Answers each request line with serve, as the provider would: one Batch output line each, in reverse order. */
    private static List<String> answer(Path requests) throws Exception {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(requests)) {
            JsonNode request = JSON.readTree(line);
            assertEquals("POST", request.get("method").asText());
            assertEquals("/v1/chat/completions", request.get("url").asText());
            HttpResponse<String> response = serve.post(request.get("url").asText().substring(1), request.get("body").toString());
            ObjectNode o = JSON.createObjectNode();
            o.put("id", "batch_req_" + n++);
            o.put("custom_id", request.get("custom_id").asText());
            ObjectNode r = o.putObject("response");
            r.put("status_code", response.statusCode());
            r.put("request_id", "req_" + n);
            r.set("body", JSON.readTree(response.body()));
            o.putNull("error");
            out.add(o.toString());
        }
        Collections.reverse(out);
        return out;
    }

    private static Map<String, JsonNode> samples(Path runDir) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(runDir.resolve("samples.jsonl"))) {
            JsonNode s = JSON.readTree(line);
            out.put(s.get("technique").asText() + "/" + s.get("row").asInt() + "/" + s.get("repeat").asInt(), s);
        }
        return out;
    }

    private static JsonNode summary(Path runDir) throws IOException {
        return JSON.readTree(runDir.resolve("summary.json").toFile());
    }

    private static void assertSameQuality(Path runDir) throws IOException {
        JsonNode a = summary(localRun).get("results");
        JsonNode b = summary(runDir).get("results");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).get("technique"), b.get(i).get("technique"));
            assertEquals(a.get(i).get("n"), b.get(i).get("n"));
            assertEquals(0, b.get(i).get("errors").asInt(), b.get(i).toString());
            for (String metric : QUALITY) {
                assertEquals(a.get(i).get("metrics").get(metric), b.get(i).get("metrics").get(metric),
                        b.get(i).get("technique") + " " + metric);
            }
            assertEquals(a.get(i).get("scores"), b.get(i).get("scores"));
            assertEquals(a.get(i).get("labels"), b.get(i).get("labels"));
        }
    }

    @Test
    void exportedRequestsAnsweredByServeReplayToTheInProcessFigures(@TempDir Path tmp) throws Exception {
        Path requests = tmp.resolve("requests.jsonl");
        Cli export = Cli.run("batch", "export", suite.toString(), "--model", "ckpt-epoch-4", "--limit", String.valueOf(ROWS),
                "--continue-final-message", "--out", requests.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(export.out().contains("72 requests of model ckpt-epoch-4"), export.out());
        Path output = tmp.resolve("batch-output.jsonl");
        Files.write(output, answer(requests));

        Path runDir = tmp.resolve("replayed");
        Cli r = Cli.run("run", replaySuite(tmp.resolve("replay"), output).toString(), "--limit", String.valueOf(ROWS),
                "--out", runDir.toString());
        assertEquals(0, r.exitCode(), r.err());
        Map<String, JsonNode> local = samples(localRun);
        Map<String, JsonNode> replayed = samples(runDir);
        assertEquals(local.keySet(), replayed.keySet());
        for (var e : local.entrySet()) {
            for (String field : SAMPLE_FIELDS) {
                assertEquals(e.getValue().get(field), replayed.get(e.getKey()).get(field), e.getKey() + " " + field);
            }
            assertFalse(replayed.get(e.getKey()).has("latency_ms"), "a batch output has no latency");
        }
        assertSameQuality(runDir);
        for (JsonNode result : summary(runDir).get("results")) {
            assertFalse(result.get("metrics").has("latency_ms_p50"), result.toString());
            assertEquals("no latency: the replayed file records none", result.get("latency_note").asText());
        }
        assertTrue(r.out().contains("no latency: the replayed file records none"), r.out());
        JsonNode served = JSON.readTree(runDir.resolve("manifest.json").toFile()).get("models").get(0).get("served");
        assertEquals(output.toString(), served.get("replay_file").asText());
        assertTrue(Files.exists(runDir.resolve("report.html")));
    }

    @Test
    void failedAndMissingRequestsBecomeErrorSamplesAndStrayLinesAreReported(@TempDir Path tmp) throws Exception {
        Path requests = tmp.resolve("requests.jsonl");
        assertEquals(0, Cli.run("batch", "export", suite.toString(), "--model", "ckpt-epoch-4", "--limit", "3",
                "--techniques", "as-is", "--out", requests.toString()).exitCode());
        List<String> lines = answer(requests);
        // One request the provider failed (in the error file, as OpenAI writes it: no response key), one it never
        // answered, and a line for a row this run does not have.
        String first = lines.get(0);
        ObjectNode failed = (ObjectNode) JSON.readTree(lines.get(1));
        failed.remove("response");
        failed.putObject("error").put("code", "batch_expired").put("message", "not run in time");
        Path output = tmp.resolve("out.jsonl");
        Files.write(output, List.of(lines.get(2), first.replace("test.jsonl:3", "test.jsonl:99")));
        Path errors = tmp.resolve("errors.jsonl");
        Files.write(errors, List.of(failed.toString()));
        Path runDir = tmp.resolve("run");
        Cli r = Cli.run("run", replaySuite(tmp.resolve("s"), "[\"" + output + "\", \"" + errors + "\"]").toString(),
                "--limit", "3", "--techniques", "as-is", "--out", runDir.toString(), "--no-report");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode replay = JSON.readTree(runDir.resolve("manifest.json").toFile()).get("models").get(0).get("served");
        assertEquals("1: out.jsonl:2", replay.get("replay_unmatched_lines").asText(), replay.toString());
        assertEquals(output + ", " + errors, replay.get("replay_file").asText());
        JsonNode result = summary(runDir).get("results").get(0);
        assertEquals(2, result.get("errors").asInt(), result.toString());
        assertEquals(1, result.get("missing_samples").asInt());
        assertEquals("[\"test.jsonl:3\"]", result.get("missing_rows").toString());
        Map<String, JsonNode> s = samples(runDir);
        assertEquals("missing: out.jsonl or errors.jsonl has no line for technique as-is, row test.jsonl:3, repeat 0 (custom_id "
                + "tb|ckpt-epoch-4|as-is|test.jsonl:3|0)", s.get("as-is/2/0").get("error").asText());
        assertEquals("errors.jsonl:1: the provider failed this request: batch_expired: not run in time",
                s.get("as-is/1/0").get("error").asText());
        assertTrue(s.get("as-is/0/0").get("error").isNull());
        assertTrue(r.out().contains("missing: 1 request(s) the replay file has no line for"), r.out());
    }

    @Test
    void aRunsOwnSamplesReplayToItsQualityFigures(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("samples.jsonl");
        Cli export = Cli.run("samples", "export", localRun.toString(), "--model", "ckpt-epoch-4", "--out", file.toString());
        assertEquals(0, export.exitCode(), export.err());
        Path runDir = tmp.resolve("replayed");
        Cli r = Cli.run("run", replaySuite(tmp.resolve("s"), file).toString(), "--limit", String.valueOf(ROWS),
                "--out", runDir.toString(), "--no-report");
        assertEquals(0, r.exitCode(), r.err());
        assertSameQuality(runDir);
        for (JsonNode result : summary(runDir).get("results")) {
            assertFalse(result.has("latency_note"), "the samples carry their latency");
            assertTrue(result.get("metrics").has("latency_ms_p50"));
        }
        // Without counts in the file, the tokenizer: folder counts them, as the model itself did.
        List<String> uncounted = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            ObjectNode o = (ObjectNode) JSON.readTree(line);
            o.remove(List.of("prompt_tokens", "completion_tokens", "latency_ms"));
            uncounted.add(o.toString());
        }
        Path bare = tmp.resolve("bare.jsonl");
        Files.write(bare, uncounted);
        Path counted = tmp.resolve("counted");
        Cli c = Cli.run("run", replaySuite(tmp.resolve("t"), bare, ", tokenizer: \"" + Cli.demo().resolve("models/ckpt-epoch-4")
                + "\"").toString(), "--limit", String.valueOf(ROWS), "--out", counted.toString(), "--no-report");
        assertEquals(0, c.exitCode(), c.err());
        assertSameQuality(counted);
        Path none = tmp.resolve("none");
        Cli n = Cli.run("run", replaySuite(tmp.resolve("u"), bare).toString(), "--limit", String.valueOf(ROWS),
                "--out", none.toString(), "--no-report");
        assertEquals(0, n.exitCode(), n.err());
        for (JsonNode result : summary(none).get("results")) {
            assertFalse(result.get("metrics").has("prompt_tokens_mean"), "nobody counted: no token figures");
            assertFalse(result.get("metrics").has("cost_per_1k_requests"));
            assertTrue(result.get("metrics").has("accuracy"));
        }
        Cli bad = Cli.run("samples", "export", localRun.toString(), "--model", "ckpt-epoch4", "--out", file.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("no model 'ckpt-epoch4'") && bad.err().contains("ckpt-epoch-4"), bad.err());
    }
}

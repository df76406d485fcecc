package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo suite against a real {@code tunebench serve} process through the openai runner: every greedy
 * completion and every figure equals the in-process run's; a saturated server's 429s and a killed server
 * leave no sample behind once the run (or its --resume) completes.
 */
class ServedEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 12;
    private static ServeProcess serve;
    private static Map<String, JsonNode> local;
    private static JsonNode localSummary;

    @BeforeAll
    static void startServeAndRunInProcess(@TempDir Path tmp) throws Exception {
        serve = ServeProcess.start("--model", Cli.demo().resolve("models/base").toString(),
                "--model", Cli.demo().resolve("models/ckpt-epoch-4").toString());
        Path suite = ServedSuites.write(tmp.resolve("local"), "  - {id: base, path: " + Cli.demo().resolve("models/base")
                + ", role: baseline}\n  - {id: ckpt-epoch-4, path: " + Cli.demo().resolve("models/ckpt-epoch-4") + "}\n",
                "runner: {type: onnx, device: cpu, threads: 1, batch_size: 8}");
        Cli r = Cli.run("run", suite.toString(), "--limit", String.valueOf(ROWS), "--out", tmp.resolve("local/run").toString(), "--no-report");
        assertEquals(0, r.exitCode(), r.err());
        local = samples(tmp.resolve("local/run"));
        localSummary = JSON.readTree(tmp.resolve("local/run/summary.json").toFile());
    }

    @AfterAll
    static void stopServe() throws Exception {
        if (serve != null) {
            serve.close();
        }
    }

    private static String servedModels(String extra) {
        return "  - {id: base, role: baseline, runner: {model: base" + extra + "}}\n"
                + "  - {id: ckpt-epoch-4, runner: {model: ckpt-epoch-4" + extra + "}}\n";
    }

    private static String runner(ServeProcess s, String extra) {
        return "runner: {type: openai, base_url: \"" + s.base + "/v1\", continue_final_message: true" + extra + "}";
    }

    /** samples.jsonl by model / technique / row. */
    private static Map<String, JsonNode> samples(Path runDir) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(runDir.resolve("samples.jsonl"))) {
            JsonNode s = JSON.readTree(line);
            out.put(s.get("model").asText() + "/" + s.get("technique").asText() + "/" + s.get("row").asInt(), s);
        }
        return out;
    }

    private static void assertSameAsInProcess(Path runDir) throws IOException {
        Map<String, JsonNode> served = samples(runDir);
        assertEquals(local.keySet(), served.keySet());
        for (Map.Entry<String, JsonNode> e : local.entrySet()) {
            JsonNode a = e.getValue();
            JsonNode b = served.get(e.getKey());
            assertTrue(b.get("error").isNull(), e.getKey() + ": " + b.get("error"));
            for (String field : List.of("completion", "answer", "accuracy", "format_adherence", "prompt_tokens", "completion_tokens")) {
                assertEquals(a.get(field), b.get(field), e.getKey() + " " + field);
            }
        }
        JsonNode summary = JSON.readTree(runDir.resolve("summary.json").toFile());
        for (int i = 0; i < localSummary.get("results").size(); i++) {
            JsonNode a = localSummary.get("results").get(i).get("metrics");
            JsonNode b = summary.get("results").get(i).get("metrics");
            for (String metric : List.of("accuracy", "format_adherence", "prompt_tokens_mean", "completion_tokens_mean", "cost_per_1k_requests")) {
                assertEquals(a.get(metric).get("value"), b.get(metric).get("value"), metric);
            }
        }
    }

    @Test
    void streamedAndWholeAnswersEqualTheInProcessRunRowForRow(@TempDir Path tmp) throws Exception {
        for (String stream : List.of("true", "false")) {
            Path suite = ServedSuites.write(tmp.resolve(stream), servedModels(""), runner(serve, ", stream: " + stream));
            Path runDir = tmp.resolve(stream + "/run");
            Cli r = Cli.run("run", suite.toString(), "--limit", String.valueOf(ROWS), "--out", runDir.toString());
            assertEquals(0, r.exitCode(), r.err());
            assertSameAsInProcess(runDir);
            JsonNode manifest = JSON.readTree(runDir.resolve("manifest.json").toFile());
            JsonNode served = manifest.get("models").get(1).get("served");
            assertEquals("ckpt-epoch-4", served.get("model").asText());
            assertEquals(serve.base.getAuthority(), served.get("endpoint_host").asText());
            assertNotNull(served.get("system_fingerprint"), "serve reports a fingerprint");
            assertTrue(r.err().contains("no validation loss"), r.err());
            if (stream.equals("true")) {
                JsonNode any = samples(runDir).values().iterator().next();
                assertTrue(any.get("ttft_ms").asDouble() > 0 && any.get("ttft_ms").asDouble() <= any.get("latency_ms").asDouble());
            }
        }
    }

    @Test
    void aTokenizerFolderCountsHereTooAndTheSummarySaysWhenTheCountsDiffer(@TempDir Path tmp) throws Exception {
        Path own = Cli.demo().resolve("models/ckpt-epoch-4");
        Path llama = Cli.root().resolveSibling("shared").resolve("conformance/tiny-random-llama-fp16");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(llama), "../shared/conformance is absent");
        String models = "  - {id: base, role: baseline, runner: {model: base}}\n"
                + "  - {id: ckpt-epoch-4, runner: {model: ckpt-epoch-4, tokenizer: " + own + "}}\n"
                + "  - {id: other-tokenizer, runner: {model: ckpt-epoch-4, tokenizer: " + llama + "}}\n";
        Path suite = ServedSuites.write(tmp, models, runner(serve, ""));
        Path runDir = tmp.resolve("run");
        Cli r = Cli.run("run", suite.toString(), "--limit", "4", "--techniques", "as-is", "--out", runDir.toString(), "--no-report");
        assertEquals(0, r.exitCode(), r.err());
        for (JsonNode s : samples(runDir).values()) {
            String model = s.get("model").asText();
            if (model.equals("base")) {
                assertFalse(s.has("local_prompt_tokens"), "no tokenizer folder, no local count");
            } else if (model.equals("ckpt-epoch-4")) {
                // The model's own tokenizer and template: the same counts as the server's, which runs that model.
                assertEquals(s.get("prompt_tokens"), s.get("local_prompt_tokens"), s.toString());
                assertEquals(s.get("completion_tokens"), s.get("local_completion_tokens"), s.toString());
            } else {
                assertTrue(s.get("local_prompt_tokens").asInt() != s.get("prompt_tokens").asInt(), s.toString());
            }
        }
        JsonNode summary = JSON.readTree(runDir.resolve("summary.json").toFile());
        for (JsonNode cell : summary.get("results")) {
            JsonNode t = cell.get("local_tokens");
            switch (cell.get("model").asText()) {
                case "base" -> assertTrue(t == null, cell.toString());
                case "ckpt-epoch-4" -> assertEquals(0, t.get("samples_that_differ").asInt(), t.toString());
                default -> {
                    assertEquals(4, t.get("samples_that_differ").asInt(), t.toString());
                    assertTrue(t.get("prompt_tokens_mean").asDouble() != t.get("server_prompt_tokens_mean").asDouble());
                }
            }
        }
        Cli bad = Cli.run("validate", ServedSuites.write(tmp.resolve("bad"), "  - {id: base, role: baseline, runner: {model: base, "
                + "tokenizer: " + tmp + "}}\n", runner(serve, "")).toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("runner.tokenizer: " + tmp + " holds no tokenizer.json"), bad.err());
    }

    @Test
    void aSuitesPerfSectionMeasuresAServedModel(@TempDir Path tmp) throws Exception {
        Path suite = ServedSuites.write(tmp, "  - {id: ckpt-epoch-4, role: baseline, runner: {model: ckpt-epoch-4}}\n",
                runner(serve, ""));
        Files.writeString(suite, Files.readString(suite) + "\n" + """
                perf:
                  models: [ckpt-epoch-4]
                  technique: as-is
                  warmup: 4
                  requests: 8
                  trials: 1
                  scenarios: [single-stream, {scenario: server, rate: 50, concurrency: 2}]
                """);
        Path runDir = tmp.resolve("run");
        Cli r = Cli.run("run", suite.toString(), "--limit", "4", "--techniques", "as-is", "--no-report", "--out", runDir.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode perf = JSON.readTree(runDir.resolve("summary.json").toFile()).get("perf");
        assertEquals(2, perf.size(), perf.toString());
        for (JsonNode block : perf) {
            assertEquals("ckpt-epoch-4", block.get("model").asText());
            assertEquals(8, block.get("requests").asInt());
            assertTrue(block.get("output_tokens_per_s").asDouble() > 0, block.toString());
            assertTrue(block.get("ttft_ms_p50").asDouble() > 0, "TTFT from the stream: " + block);
        }
    }

    @Test
    void benchMeasuresAnEndpointWithTheSameJsonFields() throws Exception {
        Cli local = Cli.run("bench", "--model", Cli.demo().resolve("models/ckpt-epoch-4").toString(), "--data",
                Cli.demo().resolve("data/test.jsonl").toString(), "--requests", "6", "--warmup", "2", "--trials", "1", "--json");
        Cli served = Cli.run("bench", "--endpoint", serve.base + "/v1", "--model", "ckpt-epoch-4", "--data",
                Cli.demo().resolve("data/test.jsonl").toString(), "--requests", "6", "--warmup", "2", "--trials", "1", "--json");
        assertEquals(0, local.exitCode(), local.err());
        assertEquals(0, served.exitCode(), served.err());
        JsonNode a = JSON.readTree(local.out());
        JsonNode b = JSON.readTree(served.out());
        List<String> fields = new ArrayList<>();
        a.fieldNames().forEachRemaining(fields::add);
        List<String> servedFields = new ArrayList<>();
        b.fieldNames().forEachRemaining(servedFields::add);
        assertEquals(fields, servedFields);
        assertTrue(served.err().contains("at " + serve.base + "/v1"), served.err());
    }

    @Test
    void primingOverAnApiWithoutContinuationIsAnUnsupportedCell(@TempDir Path tmp) throws Exception {
        Path suite = ServedSuites.write(tmp, "  - {id: ckpt-epoch-4, role: baseline, runner: {model: ckpt-epoch-4}}\n",
                "runner: {type: openai, base_url: \"" + serve.base + "/v1\"}");
        Cli r = Cli.run("run", suite.toString(), "--limit", "3", "--techniques", "as-is,structured-primed",
                "--out", tmp.resolve("run").toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode results = JSON.readTree(tmp.resolve("run/summary.json").toFile()).get("results");
        JsonNode primed = results.get(1);
        assertEquals("structured-primed", primed.get("technique").asText());
        assertTrue(primed.get("unsupported").asText().contains("continue_final_message"), primed.toString());
        assertEquals(3, primed.get("errors").asInt());
        assertNull(results.get(0).get("unsupported"));
        assertTrue(r.out().contains("unsupported: priming needs"), r.out());
        assertTrue(Files.readString(tmp.resolve("run/report.html")).contains("unsupported: priming needs"));
    }

    @Test
    void aSaturatedServerAnswers429AndTheRunStillCompletes(@TempDir Path tmp) throws Exception {
        try (ServeProcess small = ServeProcess.start("--model", Cli.demo().resolve("models/ckpt-epoch-4").toString(),
                "--batch-size", "1", "--queue", "0")) {
            Path suite = ServedSuites.write(tmp, "  - {id: ckpt-epoch-4, role: baseline, runner: {model: ckpt-epoch-4}}\n",
                    runner(small, ", concurrency: 3, max_retries: 30"));
            Path runDir = tmp.resolve("run");
            // The runner logs each retry on the process's stderr.
            java.io.PrintStream stderr = System.err;
            java.io.ByteArrayOutputStream retries = new java.io.ByteArrayOutputStream();
            Cli r;
            System.setErr(new java.io.PrintStream(retries, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                r = Cli.run("run", suite.toString(), "--limit", "8", "--techniques", "as-is", "--out", runDir.toString());
            } finally {
                System.setErr(stderr);
            }
            assertEquals(0, r.exitCode(), r.err());
            // During a run each retry is said on the progress line (the command's stderr).
            String log = retries.toString(java.nio.charset.StandardCharsets.UTF_8) + r.err();
            assertTrue(log.contains("rate limited (429)"), "the server refused some: " + log);
            Map<String, JsonNode> served = samples(runDir);
            assertEquals(8, served.size());
            for (int row = 0; row < 8; row++) {
                JsonNode s = served.get("ckpt-epoch-4/as-is/" + row);
                assertTrue(s.get("error").isNull(), s.toString());
                assertEquals(local.get("ckpt-epoch-4/as-is/" + row).get("completion"), s.get("completion"));
            }
        }
    }

    @Test
    void aKilledServerLeavesErrorSamplesThatResumeCompletes(@TempDir Path tmp) throws Exception {
        Path runDir = tmp.resolve("run");
        String models = "  - {id: ckpt-epoch-4, role: baseline, runner: {model: ckpt-epoch-4}}\n";
        int rows = 120;
        try (ServeProcess doomed = ServeProcess.start("--model", Cli.demo().resolve("models/ckpt-epoch-4").toString())) {
            Path suite = ServedSuites.write(tmp, models, runner(doomed, ", concurrency: 1, max_retries: 0"));
            CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> Cli.run("run", suite.toString(), "--limit",
                    String.valueOf(rows), "--techniques", "as-is", "--out", runDir.toString(), "--no-report"));
            Path samplesFile = runDir.resolve("samples.jsonl");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(samplesFile) && Files.readAllLines(samplesFile).size() >= 5)) {
                assertTrue(System.nanoTime() < deadline && !run.isDone(), "the run never got going");
                Thread.sleep(20); // polling the file the run appends to, not timing anything
            }
            doomed.process.destroyForcibly().waitFor();
            Cli r = run.get(120, TimeUnit.SECONDS);
            assertEquals(0, r.exitCode(), r.err());
        }
        List<JsonNode> failed = new ArrayList<>();
        samples(runDir).values().stream().filter(s -> !s.get("error").isNull()).forEach(failed::add);
        assertEquals(rows, samples(runDir).size());
        assertTrue(!failed.isEmpty(), "the kill left error samples");
        assertTrue(failed.get(0).get("error").asText().contains("gave up after 1 attempts"), failed.get(0).toString());

        try (ServeProcess back = ServeProcess.start("--model", Cli.demo().resolve("models/ckpt-epoch-4").toString())) {
            Path suite = ServedSuites.write(tmp, models, runner(back, ", concurrency: 2"));
            Cli r = Cli.run("run", suite.toString(), "--limit", String.valueOf(rows), "--techniques", "as-is",
                    "--out", runDir.toString(), "--resume", "--no-report");
            assertEquals(0, r.exitCode(), r.err());
        }
        Map<String, JsonNode> all = samples(runDir);
        assertEquals(rows, all.size());
        assertTrue(all.values().stream().allMatch(s -> s.get("error").isNull()));
        for (int row = 0; row < ROWS; row++) {
            assertEquals(local.get("ckpt-epoch-4/as-is/" + row).get("completion"), all.get("ckpt-epoch-4/as-is/" + row).get("completion"));
        }
    }
}

package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's ckpt-epoch-4 as the hub ships it (../shared/conformance/hub-layout, graphs under onnx/)
 * through the real CLI: run, generate, model-info, bench and serve choose its graphs with variant:/file:.
 */
class HubFolderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path hub() {
        Path dir = Cli.root().resolveSibling("shared").resolve("conformance/hub-layout/ckpt-epoch-4");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/conformance is absent: " + dir);
        return dir;
    }

    private static Path flat() {
        return Cli.demo().resolve("models/ckpt-epoch-4");
    }

    @Test
    void aSuiteRunsTheMergedDecoderAndScoresLikeTheFlatFolder(@TempDir Path tmp) throws Exception {
        Path suite = tmp.resolve("hub.yaml");
        Files.writeString(suite, """
                name: hub
                data: {eval: %s, validation: %s}
                models:
                  - {id: flat, path: %s, role: baseline}
                  - id: hub-merged
                    path: %s
                    runner: {file: onnx/decoder_model_merged.onnx}
                runner: {type: onnx, threads: 1, batch_size: 8}
                generation: {max_new_tokens: 16}
                scorers: [{name: accuracy_json, type: json_match}]
                metrics: {accuracy: accuracy_json}
                """.formatted(Cli.demo().resolve("data/test.jsonl"), Cli.demo().resolve("data/validation.jsonl"), flat(), hub()));
        Path run = tmp.resolve("run");
        Cli r = Cli.run("run", suite.toString(), "--out", run.toString(), "--limit", "20", "--no-report");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode s = JSON.readTree(run.resolve("summary.json").toFile());
        double flatAccuracy = accuracy(s, "flat");
        assertTrue(flatAccuracy > 0.5, "ckpt-epoch-4 answers most rows right: " + flatAccuracy);
        assertEquals(flatAccuracy, accuracy(s, "hub-merged"));
        JsonNode m = JSON.readTree(run.resolve("manifest.json").toFile());
        JsonNode hubModel = null;
        for (JsonNode model : m.get("models")) {
            if (model.toString().contains("hub-merged")) {
                hubModel = model;
            }
        }
        assertTrue(hubModel != null, m.toString());
        assertEquals(64, hubModel.path("files").path("onnx/decoder_model_merged.onnx").asText().length(), hubModel.toString());
        assertFalse(hubModel.path("files").has("onnx/model.onnx"), "only the graph that ran is recorded: " + hubModel);
    }

    @Test
    void aSuiteNamingAVariantThatIsNotThereStopsBeforeAnyWork(@TempDir Path tmp) throws Exception {
        Path suite = tmp.resolve("hub.yaml");
        Files.writeString(suite, """
                name: hub
                data: {eval: %s}
                models:
                  - id: hub
                    path: %s
                    role: baseline
                    runner: {variant: q4}
                """.formatted(Cli.demo().resolve("data/test.jsonl"), hub()));
        for (String[] args : new String[][]{{"validate", suite.toString()}, {"run", suite.toString(), "--out", tmp.resolve("run").toString()}}) {
            Cli r = Cli.run(args);
            assertEquals(2, r.exitCode(), r.out() + r.err());
            assertTrue(r.err().contains(suite + ":7: models[0].runner.variant: there is no q4 graph"), r.err());
            assertTrue(r.err().contains("onnx/decoder_model.onnx, onnx/decoder_model_merged.onnx, onnx/decoder_with_past_model.onnx, onnx/model.onnx"), r.err());
            assertTrue(r.err().contains("Fix: add variant: fp32"), r.err());
            assertFalse(Files.exists(tmp.resolve("run/samples.jsonl")), "nothing ran");
        }
    }

    @Test
    void generateFromEachKindEqualsTheFlatFolder() throws Exception {
        String[] prompt = {"--system", "You are a support triage assistant.", "--user", "my parcel has not arrived", "--json"};
        JsonNode expected = generate(flat(), prompt);
        for (String[] choice : new String[][]{{}, {"--variant", "fp32"}, {"--file", "onnx/decoder_model_merged.onnx"},
                {"--file", "onnx/decoder_with_past_model.onnx"}}) {
            String[] args = concat(choice, prompt);
            JsonNode got = generate(hub(), args);
            assertEquals(expected.get("completion_ids"), got.get("completion_ids"), String.join(" ", choice));
            assertEquals(expected.get("completion"), got.get("completion"), String.join(" ", choice));
        }
    }

    @Test
    void modelInfoPrintsTheLayoutItFound() throws Exception {
        Cli text = Cli.run("model-info", hub().toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("layout: onnx/"), text.out());
        assertTrue(text.out().contains("decoder_kind: single"), text.out());
        assertTrue(text.out().contains("chosen_by: variant fp32 (default)"), text.out());
        assertTrue(text.out().contains("sha256 onnx/model.onnx: "), text.out());
        Cli json = Cli.run("model-info", hub().toString(), "--file", "onnx/decoder_model.onnx", "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode info = JSON.readTree(json.out());
        assertEquals("split", info.path("details").path("decoder_kind").asText());
        assertEquals("[\"onnx/decoder_model.onnx\",\"onnx/decoder_with_past_model.onnx\"]", info.path("details").path("graph_files").toString());
        assertEquals(64, info.path("fileSha256").path("onnx/decoder_with_past_model.onnx").asText().length());
    }

    @Test
    void flagErrorsNameTheFlagTheFilesAndTheFix() {
        Cli r = Cli.run("generate", "--model", hub().toString(), "--variant", "q4", "--user", "hi");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("Model folder " + hub() + ": --variant: there is no q4 graph"), r.err());
        assertTrue(r.err().contains(".onnx files present: onnx/decoder_model.onnx"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
        r = Cli.run("model-info", hub().toString(), "--variant", "fp32", "--file", "onnx/model.onnx");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--variant and --file both choose a graph"), r.err());
    }

    @Test
    void benchRunsTheSplitPair() throws Exception {
        Cli r = Cli.run("bench", "--model", hub().toString(), "--file", "onnx/decoder_model.onnx",
                "--data", Cli.demo().resolve("data/test.jsonl").toString(), "--warmup", "2", "--requests", "10",
                "--trials", "1", "--max-new-tokens", "8", "--json");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals(10, o.get("requests").asInt(), r.out());
        assertTrue(o.get("output_tokens_per_s").asDouble() > 0, r.out());
        assertTrue(o.get("prefill_tokens_per_s").asDouble() > 0, r.out());
    }

    private static JsonNode generate(Path model, String... args) throws Exception {
        Cli r = Cli.run(concat(new String[]{"generate", "--model", model.toString()}, args));
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(r.out());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double accuracy(JsonNode s, String model) {
        for (JsonNode r : s.get("results")) {
            if (r.get("model").asText().equals(model)) {
                return r.path("metrics").path("accuracy").path("value").asDouble();
            }
        }
        throw new AssertionError("no result for " + model + " in " + s);
    }

    @Test
    void serveAnswersFromEachKindAsTheFlatFolderDoes() throws Exception {
        List<List<Message>> rows = ServeCommandTest.rows();
        List<Generation> flat;
        try (Runner runner = RunnerFactories.find("onnx").open(flat(), new RunnerSettings("cpu", 1, 4))) {
            flat = runner.generate(rows.stream().map(Prompt::of).toList(), GenerationSettings.greedy(32));
        }
        // The flag reaches the runner: a graph that is not there stops serve before it listens.
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ServeProcess.start("--model", hub().toString(), "--file", "onnx/model_q4.onnx"));
        assertTrue(refused.getMessage().contains("onnx/model_q4.onnx"), refused.getMessage());
        for (String file : new String[]{"onnx/decoder_model_merged.onnx", "onnx/decoder_model.onnx"}) {
            try (ServeProcess server = ServeProcess.start("--model", "hub=" + hub(), "--file", file, "--batch-size", "4",
                    "--threads", "1")) {
                for (int i = 0; i < rows.size(); i++) {
                    JsonNode answer = ServeProcess.json(server.post("/v1/chat/completions",
                            ServeCommandTest.body("hub", rows.get(i), 32).toString()).body());
                    assertEquals(flat.get(i).text(), answer.get("choices").get(0).get("message").get("content").asText(),
                            file + " row " + i);
                    assertEquals(flat.get(i).completionTokens(), answer.get("usage").get("completion_tokens").asInt());
                }
            }
        }
    }
}

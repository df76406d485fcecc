package dev.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * suites/nli end to end through the real CLI: the onnx-classifier runner on the NLI demo's base and four epoch
 * checkpoints, with accuracy, macro-F1, calibration, the checkpoint curve and the gates; and the input errors a
 * classifier suite can meet (no id2label, logits that do not match it, a text pair missing its second field).
 */
class NliSuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODELS = List.of("base", "ckpt-epoch-1", "ckpt-epoch-2", "ckpt-epoch-3", "ckpt-epoch-4");

    @TempDir
    static Path tmp;
    static Path run;
    static Cli result;

    static Path nli() {
        return Cli.root().resolve("suites/nli");
    }

    @BeforeAll
    static void runNliSuite() {
        run = tmp.resolve("run");
        result = Cli.run("run", nli().resolve("nli.yaml").toString(), "--out", run.toString());
    }

    @Test
    void everyModelIsScoredWithItsProbabilities() throws Exception {
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = Files.readAllLines(run.resolve("samples.jsonl"));
        assertEquals(MODELS.size() * 150, lines.size());
        for (String line : lines) {
            JsonNode s = JSON.readTree(line);
            assertTrue(s.get("error").isNull(), line);
            JsonNode p = s.get("probabilities");
            assertEquals(List.of("entailment", "neutral", "contradiction"), List.copyOf(iterate(p.fieldNames())), line);
            assertEquals(1.0, p.get("entailment").asDouble() + p.get("neutral").asDouble() + p.get("contradiction").asDouble(), 1e-9);
            assertEquals(s.get("label_expected").asText(), s.get("expected").asText());
        }
    }

    @Test
    void summaryHasClassificationFiguresAndTheCheckpointCurveMatchesPyTorch() throws Exception {
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        JsonNode reference = JSON.readTree(nli().resolve("models/make/reference.json").toFile());
        for (JsonNode r : summary.get("results")) {
            JsonNode m = r.get("metrics");
            for (String metric : List.of("accuracy", "macro_f1", "ece", "log_loss")) {
                assertTrue(m.get(metric).get("value").isNumber(), r.get("model") + " " + metric);
            }
            assertEquals(r.at("/labels/macro_f1").asDouble(), m.at("/macro_f1/value").asDouble(), 1e-12);
            assertEquals(r.at("/calibration/ece").asDouble(), m.at("/ece/value").asDouble(), 1e-12);
            assertEquals(15, r.at("/calibration/bins").size());
        }
        JsonNode curve = summary.get("checkpoints");
        assertEquals(MODELS.size(), curve.size(), curve.toString());
        for (JsonNode point : curve) {
            String model = point.get("model").asText();
            assertEquals(reference.at("/models/" + model + "/validation_loss").asDouble(),
                    point.get("validation_loss").asDouble(), 1e-5, model);
        }
        assertEquals("ckpt-epoch-4", summary.at("/best_checkpoint/model").asText(), summary.get("best_checkpoint").toString());
    }

    @Test
    void theReportDrawsAReliabilityDiagramPerCellAndTheGatesPass() throws Exception {
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("<h2>Calibration</h2>"), "calibration section");
        for (String model : MODELS) {
            assertTrue(html.contains("aria-label=\"Reliability diagram " + model + " / as-is · ECE "), model);
        }
        Cli gate = Cli.run("gate", run.toString());
        assertEquals(0, gate.exitCode(), gate.out() + gate.err());
        assertTrue(gate.out().contains("ckpt-epoch-4/as-is ece <= 0.15"), gate.out());
    }

    @Test
    void aFolderWithoutId2labelStopsTheRunNamingConfigJson(@TempDir Path dir) throws Exception {
        Path model = copyModel(dir, "{\"model_type\": \"tiny-nli-encoder\"}");
        Path suite = suite(dir, model, "pair: hypothesis");
        Cli r = Cli.run("run", suite.toString(), "--out", dir.resolve("run").toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(model.resolve("config.json") + " has no id2label"), r.err());
        assertFalse(Files.exists(dir.resolve("run/samples.jsonl")), "nothing ran");
    }

    @Test
    void logitsThatDoNotMatchId2labelEndWithExit2NamingBothFiles(@TempDir Path dir) throws Exception {
        Path model = copyModel(dir, "{\"id2label\": {\"0\": \"entailment\", \"1\": \"contradiction\"}}");
        Cli r = Cli.run("run", suite(dir, model, "pair: hypothesis").toString(), "--out", dir.resolve("run").toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(model.resolve("model.onnx") + " gives 3 logits per row but "
                + model.resolve("config.json") + " id2label names 2 classes"), r.err());
    }

    @Test
    void aTextPairMissingItsSecondFieldEndsWithExit2NamingTheLine(@TempDir Path dir) throws Exception {
        Path data = Files.writeString(dir.resolve("pairs.jsonl"),
                "{\"premise\": \"A man runs.\", \"hypothesis\": \"A person moves.\", \"label\": \"entailment\"}\n"
                        + "{\"premise\": \"A man runs.\", \"label\": \"neutral\"}\n");
        Path suite = Files.writeString(dir.resolve("suite.yaml"), "name: pairs\n"
                + "data:\n  eval: {path: pairs.jsonl, format: jsonl, input: premise, pair: hypothesis, expected: label}\n"
                + "models:\n  - {id: m, role: baseline, path: " + nli().resolve("models/ckpt-epoch-4") + "}\n"
                + "runner: {type: onnx-classifier}\ntechniques: [{name: as-is}]\n"
                + "scorers: [{name: label, type: label}]\nmetrics: {accuracy: label}\n");
        Cli r = Cli.run("run", suite.toString(), "--out", dir.resolve("run").toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(data + ":2: field 'hypothesis' (the pair) is missing"), r.err());
        assertTrue(r.err().contains("set data.pair"), r.err());
    }

    @Test
    void aPromptTechniqueOnAClassifierIsAnInputErrorBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path suite = Files.writeString(dir.resolve("suite.yaml"), "name: sys\n"
                + "data:\n  eval: {path: " + nli().resolve("data/test.jsonl") + ", format: jsonl, input: premise, "
                + "pair: hypothesis, expected: label}\n"
                + "models:\n  - {id: m, role: baseline, path: " + nli().resolve("models/ckpt-epoch-4") + "}\n"
                + "runner: {type: onnx-classifier}\n"
                + "techniques: [{name: told, transforms: [{system: {replace: Classify.}}]}]\n"
                + "scorers: [{name: label, type: label}]\nmetrics: {accuracy: label}\n");
        Cli r = Cli.run("run", suite.toString(), "--out", dir.resolve("run").toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("technique 'told': a classifier reads one text or a text pair"), r.err());
    }

    @Test
    void modelInfoDescribesAClassifierFolder() {
        Cli r = Cli.run("model-info", "--type", "onnx-classifier", nli().resolve("models/ckpt-epoch-4").toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("runner: onnx-classifier"), r.out());
        assertTrue(r.out().contains("labels: [entailment, neutral, contradiction]"), r.out());
        assertTrue(r.out().contains("inputs: [input_ids, attention_mask, token_type_ids]"), r.out());
    }

    private static Path copyModel(Path dir, String config) throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        for (String f : List.of("model.onnx", "tokenizer.json")) {
            Files.copy(nli().resolve("models/ckpt-epoch-4").resolve(f), model.resolve(f));
        }
        Files.writeString(model.resolve("config.json"), config);
        return model;
    }

    private static Path suite(Path dir, Path model, String pair) throws Exception {
        return Files.writeString(dir.resolve("suite.yaml"), "name: broken\n"
                + "data:\n  eval: {path: " + nli().resolve("data/test.jsonl") + ", format: jsonl, input: premise, "
                + pair + ", expected: label}\n"
                + "models:\n  - {id: m, role: baseline, path: " + model + "}\n"
                + "runner: {type: onnx-classifier}\ntechniques: [{name: as-is}]\n"
                + "scorers: [{name: label, type: label}]\nmetrics: {accuracy: label}\n");
    }

    private static <T> List<T> iterate(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}

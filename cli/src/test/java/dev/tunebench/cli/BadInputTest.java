package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad suites, data and models through the real CLI: exit 2, a message that names the place, nothing lost. */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A copy of the demo suite in {@code dir} with other models, whose data point back at the demo's;
     * gates and perf (which name the demo's models) are left out.
     */
    private static Path suite(Path dir, String models) throws IOException {
        Path demo = Cli.demo();
        String full = Files.readString(demo.resolve("triage.yaml"));
        String text = full.substring(0, full.indexOf("\ngates:"))
                .replace("data/test.jsonl", dir.resolve("test.jsonl").toString())
                .replace("data/", demo.resolve("data") + "/")
                .replace("""
                          - {id: base, path: models/base, role: baseline}
                          - {glob: "models/ckpt-epoch-*", role: candidate,   # ordered by trainer_state.json epoch
                             # The run that made them, as a hosted fine-tuning API reports it (written by jobs/make_job.py).
                             job: jobs/triage-ft.json, job_results: jobs/triage-ft-results.csv}
                        """.stripIndent(), models);
        Files.copy(demo.resolve("data/test.jsonl"), dir.resolve("test.jsonl"));
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static String demoModels() {
        return "  - {id: base, path: " + Cli.demo().resolve("models/base") + ", role: baseline}\n";
    }

    @Test
    void aRunnerKeyTheRunnerDoesNotKnowStopsValidateAndRunBeforeAnyWork(@TempDir Path tmp) throws Exception {
        Path suite = suite(tmp, demoModels() + "  - id: typo\n    path: " + Cli.demo().resolve("models/ckpt-epoch-1")
                + "\n    runner: {threads: 1, variantt: fp16}\n");
        for (String[] args : new String[][]{{"validate", suite.toString()}, {"run", suite.toString(), "--out", tmp.resolve("run").toString()}}) {
            Cli r = Cli.run(args);
            assertEquals(2, r.exitCode(), r.out() + r.err());
            assertTrue(r.err().contains("model 'typo': " + suite + ":"), r.err());
            assertTrue(r.err().contains("runner.variantt: unknown key 'variantt' for runner type onnx"), r.err());
            assertFalse(Files.exists(tmp.resolve("run/samples.jsonl")), "nothing ran");
        }
    }

    @Test
    void aModelThatFailsKeepsTheOthersSamplesAndMarksTheRunIncomplete(@TempDir Path tmp) throws Exception {
        Path broken = Cli.brokenCopyOf("ckpt-epoch-4", tmp.resolve("broken-model"));
        Path suite = suite(tmp, demoModels() + "  - {id: broken, path: " + broken + ", role: candidate}\n");
        Path run = tmp.resolve("run");
        Cli r = Cli.run("run", suite.toString(), "--out", run.toString(), "--techniques", "as-is", "--limit", "5", "--no-report");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("broken"), r.err());
        List<String> samples = Files.readAllLines(run.resolve("samples.jsonl"));
        assertEquals(5, samples.size(), "base's samples are kept");
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertFalse(summary.get("complete").asBoolean());
        assertTrue(summary.get("incomplete_reason").asText().contains("model.onnx"), summary.get("incomplete_reason").asText());
        assertFalse(JSON.readTree(run.resolve("manifest.json").toFile()).get("complete").asBoolean());
    }

    @Test
    void malformedDataLineNamesFileAndLine(@TempDir Path tmp) throws Exception {
        Path suite = suite(tmp, demoModels());
        List<String> lines = Files.readAllLines(tmp.resolve("test.jsonl"));
        lines.set(6, "{\"messages\": [");
        Files.write(tmp.resolve("test.jsonl"), lines);
        Cli r = Cli.run("validate", suite.toString());
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains("test.jsonl:7"), r.err());
    }

    @Test
    void rowWithoutAnswerIsRefusedBeforeAnyModelRuns(@TempDir Path tmp) throws Exception {
        Path suite = suite(tmp, demoModels());
        List<String> lines = Files.readAllLines(tmp.resolve("test.jsonl"));
        lines.set(2, "{\"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]}");
        Files.write(tmp.resolve("test.jsonl"), lines);
        Cli r = Cli.run("run", suite.toString(), "--out", tmp.resolve("run").toString(), "--limit", "5");
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains("test.jsonl:3"), r.err());
    }

    @Test
    void invalidYamlNamesTheLine(@TempDir Path tmp) throws Exception {
        Path suite = tmp.resolve("bad.yaml");
        Files.writeString(suite, "name: x\nmodels: [\n  - id: a\n");
        Cli r = Cli.run("validate", suite.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("bad.yaml"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void unknownTechniqueGetsTheClosestName() {
        Cli r = Cli.run("run", Cli.demo().resolve("triage.yaml").toString(), "--techniques", "few-shot3");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("few-shot-3"), r.err());
    }
}

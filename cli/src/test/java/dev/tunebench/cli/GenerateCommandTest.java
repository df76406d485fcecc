package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tunebench generate` and `model-info` through the real CLI on the demo models. */
class GenerateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fineTunedCheckpointAnswersWithIntentJson() throws Exception {
        Cli r = Cli.run("generate", "--model", Cli.demo().resolve("models/ckpt-epoch-4").toString(),
                "--system", "You are a support triage assistant.", "--user", "I want my money back for the broken remote",
                "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode o = JSON.readTree(r.out());
        JsonNode answer = JSON.readTree(o.get("completion").asText());
        assertTrue(answer.has("intent"), r.out());
        assertEquals("eos", o.get("finish_reason").asText());
        assertEquals(o.get("completion_ids").size(), o.get("completion_tokens").asInt());
        assertTrue(o.get("prompt_tokens").asInt() > 10);
        assertTrue(o.get("latency_ms").asDouble() >= o.get("ttft_ms").asDouble());
    }

    @Test
    void primedOutputIsPrintedWithItsPrefix() {
        Cli r = Cli.run("generate", "--model", Cli.demo().resolve("models/ckpt-epoch-4").toString(),
                "--system", "You are a support triage assistant.", "--user", "my parcel has not arrived",
                "--prime", "{\"intent\": \"", "--stop", "\"}");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("{\"intent\": \""), r.out());
        assertFalse(r.out().contains("\"}"), "the stop string is not part of the output: " + r.out());
    }

    @Test
    void rawPromptIdsGiveCompletionIds() throws Exception {
        Cli r = Cli.run("generate", "--model", Cli.demo().resolve("models/base").toString(),
                "--prompt-ids", "1,50,60,70", "--max-new-tokens", "5", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals(4, o.get("prompt_tokens").asInt());
        assertTrue(o.get("completion_ids").size() <= 5);
    }

    @Test
    void samplingWithTheSameSeedRepeats() {
        String[] args = {"generate", "--model", Cli.demo().resolve("models/base").toString(), "--user", "hello there",
                "--temperature", "1.5", "--seed", "7", "--max-new-tokens", "12"};
        Cli a = Cli.run(args);
        Cli b = Cli.run(args);
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(a.out(), b.out());
    }

    @Test
    void missingModelFolderIsAnInputErrorWithoutStackTrace(@TempDir Path tmp) {
        Cli r = Cli.run("generate", "--model", tmp.resolve("nope").toString(), "--user", "hi");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("nope"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
    }

    @Test
    void corruptOnnxFileIsNamed(@TempDir Path tmp) throws Exception {
        Path model = Cli.brokenCopyOf("base", tmp.resolve("broken"));
        Cli r = Cli.run("generate", "--model", model.toString(), "--user", "hi");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("model.onnx"), r.err());
    }

    @Test
    void promptLongerThanTheContextIsRefused() {
        Cli r = Cli.run("generate", "--model", Cli.demo().resolve("models/base").toString(), "--user", "refund ".repeat(600));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().toLowerCase().contains("context") || r.err().contains("positions"), r.err());
    }

    @Test
    void unknownFlagIsAUsageError() {
        Cli r = Cli.run("generate", "--model", "x", "--user", "hi", "--modle", "x");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--modle"), r.err());
    }

    @Test
    void outOfRangeNumbersAreUsageErrorsNamingTheFlag() {
        Cli gen = Cli.run("generate", "--model", Cli.demo().resolve("models/base").toString(), "--user", "hi", "--threads", "-1");
        assertEquals(2, gen.exitCode(), gen.err());
        assertTrue(gen.err().contains("--threads"), gen.err());
        Cli run = Cli.run("run", Cli.demo().resolve("triage.yaml").toString(), "--batch-size", "0");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--batch-size"), run.err());
    }

    @Test
    void modelInfoPrintsTheDiscoveredContract() {
        Cli r = Cli.run("model-info", Cli.demo().resolve("models/base").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("past_key_values.3.value"), r.out());
        assertTrue(r.out().contains("layers: 4"), r.out());
        assertTrue(r.out().contains("eos_token_ids: [2, 0]"), r.out());
    }

    @Test
    void versionAndHelp() {
        Cli v = Cli.run("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.out().startsWith("tunebench "), v.out());
        Cli h = Cli.run("--help");
        assertEquals(0, h.exitCode());
        for (String sub : new String[]{"run", "validate", "report", "generate", "model-info"}) {
            assertTrue(h.out().contains(sub), h.out());
        }
    }
}

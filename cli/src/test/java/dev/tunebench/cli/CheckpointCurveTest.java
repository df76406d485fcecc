package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validation loss per checkpoint, best checkpoint and repeats, through the real CLI on the demo models. */
class CheckpointCurveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void validationLossFallsFromEpochOneToFourAsTrainerStateSays(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Cli r = Cli.run("run", Cli.demo().resolve("triage.yaml").toString(), "--out", run.toString(), "--no-report",
                "--models", "ckpt-epoch-1,ckpt-epoch-2,ckpt-epoch-3,ckpt-epoch-4", "--techniques", "as-is", "--limit", "8");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode s = JSON.readTree(run.resolve("summary.json").toFile());
        JsonNode points = s.get("checkpoints");
        assertEquals(4, points.size());
        double previous = Double.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            JsonNode p = points.get(i);
            assertEquals("ckpt-epoch-" + (i + 1), p.get("model").asText());
            double loss = p.get("validation_loss").asDouble();
            assertTrue(loss < previous, "validation loss falls: " + points);
            previous = loss;
            // trainer_state.json holds PyTorch's figure for the same definition: same model, same tokens.
            JsonNode state = JSON.readTree(Cli.demo().resolve("models/ckpt-epoch-" + (i + 1) + "/trainer_state.json").toFile());
            JsonNode history = state.get("history");
            assertEquals(history.get(history.size() - 1).get("validation_loss").asDouble(), loss, 1e-4, p.toString());
            assertEquals(history.get(history.size() - 1).get("train_loss").asDouble(), p.get("train_loss").asDouble(), 1e-9);
        }
        assertEquals("ckpt-epoch-4", s.get("best_checkpoint").get("model").asText());
        assertFalse(s.get("overfitting").get("detected").asBoolean());
        assertTrue(r.out().contains("best checkpoint: ckpt-epoch-4"), r.out());
    }

    @Test
    void repeatedSamplingReportsStabilityAndSpread(@TempDir Path tmp) throws Exception {
        Path suite = tmp.resolve("sampled.yaml");
        String text = Files.readString(Cli.demo().resolve("triage.yaml"))
                .replace("generation: {max_new_tokens: 32, decoding: greedy, stop: []}",
                        "generation: {max_new_tokens: 16, decoding: {sampling: {temperature: 1.0, top_p: 0.95, top_k: 0, seed: 5}}, stop: []}")
                .replace("repeats: 1", "repeats: 3")
                .replace("data/", Cli.demo().resolve("data").toString() + "/")
                .replace("models/", Cli.demo().resolve("models").toString() + "/")
                .replace("jobs/", Cli.demo().resolve("jobs").toString() + "/");
        Files.writeString(suite, text);
        Path run = tmp.resolve("run");
        Cli r = Cli.run("run", suite.toString(), "--out", run.toString(), "--no-report",
                "--models", "ckpt-epoch-4", "--techniques", "as-is", "--limit", "12");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode result = JSON.readTree(run.resolve("summary.json").toFile()).get("results").get(0);
        assertEquals(36, result.get("n").asInt());
        JsonNode rep = result.get("repeats");
        JsonNode st = rep.get("stability");
        assertEquals(12, st.get("always_right").asInt() + st.get("always_wrong").asInt() + st.get("flaky").asInt(), rep.toString());
        assertTrue(rep.get("pass_at_k").get("3").asDouble() >= rep.get("pass_at_k").get("1").asDouble());
        assertTrue(rep.get("accuracy_spread").get("max").asDouble() >= rep.get("accuracy_spread").get("min").asDouble());
    }
}

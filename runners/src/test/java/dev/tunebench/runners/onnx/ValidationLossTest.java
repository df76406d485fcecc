package dev.tunebench.runners.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.TeacherForcedScore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Validation loss of the demo checkpoints (mean NLL per weighted assistant token over validation.jsonl),
 * computed two ways: the runner's batched scoring and a plain one-conversation-at-a-time loop.
 */
class ValidationLossTest {

    @Test
    void batchedAndOneByOneAgreeAndTheLossFallsEpochByEpoch() throws Exception {
        List<List<Message>> validation = DemoConversations.read("validation.jsonl");
        double previous = Double.MAX_VALUE;
        for (int epoch = 1; epoch <= 4; epoch++) {
            String model = "ckpt-epoch-" + epoch;
            double batched;
            try (Runner runner = new OnnxRunnerFactory().open(TestModels.demo(model), new RunnerSettings("cpu", 1, 16))) {
                batched = loss(runner.score(validation));
            }
            double nll = 0;
            long tokens = 0;
            try (Runner runner = new OnnxRunnerFactory().open(TestModels.demo(model), new RunnerSettings("cpu", 1, 1))) {
                for (List<Message> conversation : validation) {
                    TeacherForcedScore s = runner.score(List.of(conversation)).get(0);
                    nll += s.sumNll();
                    tokens += s.tokenCount();
                }
            }
            double oneByOne = nll / tokens;
            assertEquals(oneByOne, batched, 1e-5, model);
            assertTrue(batched < previous, model + " loss " + batched + " should be below the previous epoch's " + previous);
            previous = batched;
            JsonNode history = new ObjectMapper().readTree(TestModels.demo(model).resolve("trainer_state.json").toFile()).get("history");
            assertEquals(history.get(history.size() - 1).get("validation_loss").asDouble(), batched, 1e-4,
                    model + ": trainer_state.json recorded PyTorch's figure for the same definition");
        }
    }

    private static double loss(List<TeacherForcedScore> scores) {
        double nll = scores.stream().mapToDouble(TeacherForcedScore::sumNll).sum();
        long tokens = scores.stream().mapToLong(TeacherForcedScore::tokenCount).sum();
        return nll / tokens;
    }
}

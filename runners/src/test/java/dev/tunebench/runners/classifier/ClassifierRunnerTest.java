package dev.tunebench.runners.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.TeacherForcedScore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The runner on the NLI demo models against PyTorch (another runtime, made by suites/nli/models/make/
 * train_export.py): the token ids of its own byte-level BPE, the probabilities of the first test rows and the
 * validation cross-entropy of every model. Batch sizes 1, 5 and 32 pad differently, so the figures also show
 * that padding is masked out.
 */
class ClassifierRunnerTest {
    private static final double PROBABILITY = 1e-5;
    private final ClassifierRunnerFactory factory = new ClassifierRunnerFactory();

    private Runner open(String model, int batch) {
        return factory.open(NliModels.model(model), new RunnerSettings("cpu", 1, batch));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 32})
    void probabilitiesMatchPyTorchForEveryModel(int batch) {
        JsonNode ref = NliModels.reference();
        int rows = ref.path("rows").asInt();
        List<Prompt> prompts = NliModels.rows("test").subList(0, rows).stream().map(NliModels::prompt).toList();
        for (String model : NliModels.ALL) {
            try (Runner runner = open(model, batch)) {
                List<Generation> out = runner.generate(prompts, GenerationSettings.greedy(1));
                assertEquals(rows, out.size());
                for (int r = 0; r < rows; r++) {
                    JsonNode want = ref.path("models").path(model).path("probabilities").get(r);
                    List<Double> got = new ArrayList<>(out.get(r).probabilities().values());
                    for (int c = 0; c < want.size(); c++) {
                        assertEquals(want.get(c).asDouble(), got.get(c), PROBABILITY, model + " row " + r + " class " + c);
                    }
                    assertEquals(List.of("entailment", "neutral", "contradiction"),
                            List.copyOf(out.get(r).probabilities().keySet()));
                    String top = out.get(r).probabilities().entrySet().stream()
                            .max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
                    assertEquals(top, out.get(r).text(), "the answer is the most probable label");
                }
            }
        }
    }

    @Test
    void tokenIdsMatchTheReferenceBpeAndPairTemplate() {
        JsonNode ref = NliModels.reference();
        List<JsonNode> test = NliModels.rows("test");
        try (PairTokenizer tokenizer = PairTokenizer.open(NliModels.model("base").resolve("tokenizer.json"))) {
            for (int r = 0; r < ref.path("rows").asInt(); r++) {
                PairTokenizer.Encoded e = tokenizer.encode(new TextInput(test.get(r).path("premise").asText(),
                        test.get(r).path("hypothesis").asText()));
                assertArrayEquals(longs(ref.path("token_ids").get(r)), e.ids(), "row " + r);
                assertArrayEquals(longs(ref.path("token_type_ids").get(r)), e.typeIds(), "row " + r);
            }
        }
    }

    @Test
    void validationLossIsPyTorchsCrossEntropy() {
        JsonNode ref = NliModels.reference();
        List<List<Message>> conversations = NliModels.rows("validation").stream().map(NliModels::conversation).toList();
        for (String model : NliModels.ALL) {
            try (Runner runner = open(model, 16)) {
                double nll = 0;
                int tokens = 0;
                for (TeacherForcedScore s : runner.score(conversations)) {
                    nll += s.sumNll();
                    tokens += s.tokenCount();
                }
                assertEquals(conversations.size(), tokens, "one label per row");
                assertEquals(ref.path("models").path(model).path("validation_loss").asDouble(), nll / tokens, 1e-5, model);
            }
        }
    }

    @Test
    void generationRecordsTheEncodedTextAndItsTokenCount() {
        try (Runner runner = open("ckpt-epoch-4", 8)) {
            Prompt p = Prompt.of(List.of(Message.user("A man is running."), Message.user("A person is moving.")));
            Generation g = runner.generate(List.of(p), GenerationSettings.greedy(1)).get(0);
            assertEquals("<|im_start|>A man is running.<|im_end|>A person is moving.<|im_end|>", g.renderedPrompt());
            assertEquals(runner.render(p), g.renderedPrompt());
            assertEquals(runner.countPromptTokens(p), g.promptTokens());
            assertEquals(0, g.completionTokens());
            assertEquals(1.0, g.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
            assertEquals("onnx-classifier", runner.info().runnerId());
            assertEquals(List.of("entailment", "neutral", "contradiction"), runner.info().details().get("labels"));
        }
    }

    @Test
    void singleTextsWorkToo() {
        try (Runner runner = open("ckpt-epoch-4", 8)) {
            Generation g = runner.generate(List.of(Prompt.of(List.of(Message.user("A man is running.")))),
                    GenerationSettings.greedy(1)).get(0);
            assertEquals("<|im_start|>A man is running.<|im_end|>", g.renderedPrompt());
            assertEquals(3, g.probabilities().size());
        }
    }

    @Test
    void promptsAClassifierCannotReadAreInputErrorsNamingTheTechnique() {
        Prompt system = Prompt.of(List.of(Message.system("Classify."), Message.user("a"), Message.user("b")));
        String message = assertThrows(InputException.class,
                () -> factory.checkPrompt("zero-shot", system, GenerationSettings.greedy(1))).getMessage();
        assertTrue(message.startsWith("technique 'zero-shot': a classifier reads one text or a text pair")
                && message.contains("[system, user, user]"), message);
        Prompt primed = Prompt.of(List.of(Message.user("a"))).withAssistantPrefix("{");
        message = assertThrows(InputException.class,
                () -> factory.checkPrompt("primed", primed, GenerationSettings.greedy(1))).getMessage();
        assertTrue(message.contains("remove the prime:"), message);
        assertNull(TextInput.of(Prompt.of(List.of(Message.user("a")))).pair());
    }

    @Test
    void aValidationLabelOutsideId2labelNamesTheLabelAndTheConfig() {
        try (Runner runner = open("base", 8)) {
            List<Message> bad = List.of(Message.user("a"), Message.user("b"), Message.assistant("maybe"));
            String message = assertThrows(InputException.class, () -> runner.score(List.of(bad))).getMessage();
            assertTrue(message.contains("'maybe'") && message.contains("[entailment, neutral, contradiction]")
                    && message.contains("config.json"), message);
        }
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}

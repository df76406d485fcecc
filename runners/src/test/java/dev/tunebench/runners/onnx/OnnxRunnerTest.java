package dev.tunebench.runners.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.TeacherForcedScore;
import dev.tunebench.spi.TokenListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generation and scoring through the public factory on the real demo models. */
class OnnxRunnerTest {
    private static final Set<String> LABELS = Set.of("refund", "delivery", "account", "network", "billing", "cancel");

    private static Runner open(String model, int batchSize) {
        return new OnnxRunnerFactory().open(TestModels.demo(model), new RunnerSettings("cpu", 1, batchSize));
    }

    private static List<Prompt> testPrompts(int from, int count) {
        return DemoConversations.read("test.jsonl").subList(from, from + count).stream()
                .map(c -> Prompt.of(DemoConversations.input(c))).collect(Collectors.toList());
    }

    @Test
    void batchedGreedyEqualsOneByOne() {
        List<Prompt> prompts = testPrompts(0, 20);
        GenerationSettings greedy = GenerationSettings.greedy(24);
        List<Generation> batched;
        List<Generation> single;
        try (Runner runner = open("ckpt-epoch-1", 20)) {
            batched = runner.generate(prompts, greedy);
        }
        try (Runner runner = open("ckpt-epoch-1", 1)) {
            single = runner.generate(prompts, greedy);
        }
        assertTrue(batched.stream().map(Generation::promptTokens).distinct().count() > 3, "prompt lengths must differ");
        for (int i = 0; i < prompts.size(); i++) {
            assertArrayEquals(single.get(i).completionIds(), batched.get(i).completionIds(), "row " + i);
            assertEquals(single.get(i).text(), batched.get(i).text(), "row " + i);
            assertEquals(single.get(i).finishReason(), batched.get(i).finishReason(), "row " + i);
            assertEquals(single.get(i).promptTokens(), batched.get(i).promptTokens(), "row " + i);
        }
    }

    @Test
    void streamedTextJoinsToTheResultAndEachRowEndsWhenItsTokensDo() {
        List<Prompt> prompts = new ArrayList<>(testPrompts(0, 6));
        // One row primed and cut at a stop string, so held-back text is exercised on the real tokenizer.
        prompts.set(2, prompts.get(2).withAssistantPrefix("{\"intent\": \"").withStopStrings(List.of("\"}")));
        StringBuilder[] streamed = new StringBuilder[prompts.size()];
        Generation[] done = new Generation[prompts.size()];
        int[] textCallsBeforeDone = new int[prompts.size()];
        List<Integer> doneOrder = new ArrayList<>();
        TokenListener listener = new TokenListener() {
            @Override
            public void onText(int index, String delta) {
                assertTrue(!delta.isEmpty() && done[index] == null, "text after done or empty, row " + index);
                streamed[index] = (streamed[index] == null ? new StringBuilder() : streamed[index]).append(delta);
                textCallsBeforeDone[index]++;
            }

            @Override
            public void onDone(int index, Generation generation) {
                assertEquals(null, done[index], "done twice, row " + index);
                done[index] = generation;
                doneOrder.add(index);
            }
        };
        List<Generation> plain;
        List<Generation> live;
        try (Runner runner = open("ckpt-epoch-4", 3)) {
            plain = runner.generate(prompts, GenerationSettings.greedy(24));
            live = runner.generate(prompts, GenerationSettings.greedy(24), listener);
        }
        for (int i = 0; i < prompts.size(); i++) {
            assertEquals(plain.get(i).text(), live.get(i).text(), "row " + i);
            assertEquals(live.get(i).text(), streamed[i] == null ? "" : streamed[i].toString(), "row " + i);
            assertArrayEquals(live.get(i).completionIds(), done[i].completionIds(), "row " + i);
            assertEquals(live.get(i).finishReason(), done[i].finishReason(), "row " + i);
        }
        assertEquals(FinishReason.STOP_STRING, live.get(2).finishReason());
        assertTrue(textCallsBeforeDone[0] > 1, "text arrives token by token, not once at the end");
        assertEquals(prompts.size(), doneOrder.size());
    }

    @Test
    void finetunedModelAnswersWithIntentJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (Runner runner = open("ckpt-epoch-4", 6)) {
            for (Generation g : runner.generate(testPrompts(0, 6), GenerationSettings.greedy(32))) {
                JsonNode answer = json.readTree(g.text());
                assertTrue(LABELS.contains(answer.path("intent").asText()), g.text());
                assertEquals(FinishReason.EOS, g.finishReason(), g.text());
                // The eos token gets a time stamp but is not a completion token.
                assertEquals(g.completionTokens() + 1, g.timings().tokenNanos().length);
                assertEquals(g.completionTokens(), g.completionIds().length);
                assertTrue(g.renderedPrompt().endsWith("<|im_start|>assistant\n"), g.renderedPrompt());
            }
        }
    }

    @Test
    void stopStringEndsGenerationAndIsCutFromText() {
        try (Runner runner = open("ckpt-epoch-4", 2)) {
            Prompt p = testPrompts(0, 1).get(0).withStopStrings(List.of("\": \""));
            Generation g = runner.generate(List.of(p), GenerationSettings.greedy(32)).get(0);
            assertEquals(FinishReason.STOP_STRING, g.finishReason());
            assertEquals("{\"intent", g.text());
            Generation primed = runner.generate(List.of(testPrompts(0, 1).get(0).withAssistantPrefix("{\"intent\": \"")),
                    new GenerationSettings(32, Decoding.greedy(), List.of("\"}"))).get(0);
            assertTrue(LABELS.contains(primed.text()), primed.text());
        }
    }

    @Test
    void samplingRepeatsWithTheSameSeedAndVariesAcrossSeeds() {
        List<Prompt> prompts = testPrompts(3, 2);
        try (Runner runner = open("base", 2)) {
            List<Generation> first = runner.generate(prompts, sampling(7));
            List<Generation> again = runner.generate(prompts, sampling(7));
            for (int i = 0; i < prompts.size(); i++) {
                assertArrayEquals(first.get(i).completionIds(), again.get(i).completionIds());
            }
            Set<String> texts = new HashSet<>();
            for (long seed = 1; seed <= 4; seed++) {
                runner.generate(prompts, sampling(seed)).forEach(g -> texts.add(g.text()));
            }
            assertTrue(texts.size() > 2, "different seeds gave " + texts);
        }
    }

    private static GenerationSettings sampling(long seed) {
        return new GenerationSettings(24, new Decoding.Sampling(1.5, 0.95, 50, seed), List.of());
    }

    /**
     * Token-weighted NLL over validation.jsonl is what the training script recorded as validation loss
     * (it averaged per batch, so only close, not equal).
     */
    @Test
    void teacherForcedValidationLossMatchesTraining() {
        List<List<Message>> validation = DemoConversations.read("validation.jsonl");
        try (Runner base = open("base", 16); Runner tuned = open("ckpt-epoch-4", 16)) {
            assertEquals(3.972, validationLoss(base.score(validation)), 0.05);
            assertEquals(0.601, validationLoss(tuned.score(validation)), 0.05);
        }
    }

    private static double validationLoss(List<TeacherForcedScore> scores) {
        double nll = scores.stream().mapToDouble(TeacherForcedScore::sumNll).sum();
        int tokens = scores.stream().mapToInt(TeacherForcedScore::tokenCount).sum();
        return nll / tokens;
    }

    @Test
    void scoringDoesNotDependOnBatching() {
        List<List<Message>> some = DemoConversations.read("validation.jsonl").subList(0, 5);
        try (Runner batched = open("base", 5); Runner single = open("base", 1)) {
            List<TeacherForcedScore> a = batched.score(some);
            List<TeacherForcedScore> b = single.score(some);
            for (int i = 0; i < some.size(); i++) {
                assertArrayEquals(b.get(i).tokenIds(), a.get(i).tokenIds());
                assertArrayEquals(b.get(i).logProbs(), a.get(i).logProbs(), 1e-4);
                assertTrue(a.get(i).tokenCount() > 0);
            }
        }
    }

    @Test
    void infoDescribesTheDiscoveredContract() {
        try (Runner runner = open("base", 1)) {
            var info = runner.info();
            assertEquals("onnx", info.runnerId());
            assertEquals("kv-cache", info.details().get("decoding"));
            assertEquals("float32", info.details().get("kv_dtype"));
            assertEquals(4, info.details().get("layers"));
            assertEquals(List.of(2, 0), info.details().get("eos_token_ids"));
            assertEquals(true, info.details().get("chat_template"));
            assertTrue(info.fileSha256().keySet().containsAll(Set.of("model.onnx", "tokenizer.json")));
            assertTrue(info.versions().containsKey("onnxruntime"));
        }
    }
}

package dev.tunebench.runners.onnx;

import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * onnxruntime-genai's own greedy-search expectations on its tiny random Llama (genai_config.json,
 * external data, float16 cache and logits), read in place from ../shared/conformance.
 */
class ConformanceTest {
    private static final int[][] PROMPTS = {{0, 0, 0, 52}, {0, 0, 195, 731}};
    private static final int[][] EXPECTED = {{12102, 30463, 4666, 17192, 3266, 18061}, {29592, 4877, 18112, 22607, 12936, 997}};
    /** max_length 10 in genai's test: 4 prompt tokens + 6 new ones. */
    private static final GenerationSettings SIX_GREEDY = GenerationSettings.greedy(6);

    private static Runner open(int batchSize) {
        return new OnnxRunnerFactory().open(TestModels.conformanceLlama(), new RunnerSettings("cpu", 1, batchSize));
    }

    @Test
    void greedyOneByOne() {
        try (Runner runner = open(1)) {
            for (int i = 0; i < PROMPTS.length; i++) {
                Generation g = runner.generateFromIds(List.of(PROMPTS[i]), SIX_GREEDY).get(0);
                assertArrayEquals(EXPECTED[i], g.completionIds(), "row " + i);
            }
        }
    }

    @Test
    void greedyAsBatchOfTwo() {
        try (Runner runner = open(2)) {
            List<Generation> out = runner.generateFromIds(List.of(PROMPTS), SIX_GREEDY);
            for (int i = 0; i < PROMPTS.length; i++) {
                assertArrayEquals(EXPECTED[i], out.get(i).completionIds(), "row " + i);
                assertEquals(4, out.get(i).promptTokens());
            }
        }
    }

    @Test
    void contractComesFromGenaiConfigAndMetadata() {
        try (Runner runner = open(1)) {
            var details = runner.info().details();
            assertEquals("float16", details.get("kv_dtype"));
            assertEquals("float16", details.get("logits_dtype"));
            assertEquals(2, details.get("layers"));
            assertEquals(1, details.get("kv_heads"));
            assertEquals(16, details.get("head_size"));
            assertEquals(32000, details.get("vocab"));
            assertEquals("genai_config.json", details.get("io_names"));
            assertEquals(List.of(1), details.get("eos_token_ids"));
            assertEquals(true, runner.info().fileSha256().containsKey("model.onnx.data"));
        }
    }
}

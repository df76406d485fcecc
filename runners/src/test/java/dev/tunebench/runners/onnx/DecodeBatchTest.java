package dev.tunebench.runners.onnx;

import dev.tunebench.spi.RunnerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The KV-cache path against full recompute on the real demo model. */
class DecodeBatchTest {
    private static OnnxModel model;
    private static ModelConfig config;

    @BeforeAll
    static void open() {
        config = ModelFolder.load(TestModels.demo("base"));
        model = OnnxModel.open(config, RunnerSettings.cpu());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void contractIsDiscoveredFromMetadata() {
        KvContract c = model.contract;
        assertEquals(4, c.layers());
        assertEquals(4, c.kvHeads());
        assertEquals(32, c.headSize());
        assertEquals(1024, c.vocab());
        assertTrue(c.hasPositionIds());
    }

    /**
     * Two left-padded rows decoded step by step with the cache give, at every step, the logits a
     * single-row full forward pass over the same prefix gives.
     */
    @Test
    void cachedDecodingMatchesFullRecompute() throws Exception {
        int[] a = {5, 17, 300, 42, 99, 7, 64};
        int[] b = {11, 250, 3};
        int[][] continuation = {{12, 13, 14, 15, 16}, {200, 201, 202, 203, 204}};
        try (DecodeBatch cached = new DecodeBatch(model, List.of(a, b), 3, 5, 511)) {
            float[] logits = cached.prefill();
            int vocab = cached.vocab();
            int[][] seq = {a, b};
            for (int step = 0; step <= continuation[0].length; step++) {
                for (int r = 0; r < 2; r++) {
                    float[] expected = fullRecompute(seq[r]);
                    float[] actual = Arrays.copyOfRange(logits, r * vocab, (r + 1) * vocab);
                    assertClose(expected, actual, "row " + r + " step " + step);
                }
                if (step == continuation[0].length) {
                    break;
                }
                int[] next = {continuation[0][step], continuation[1][step]};
                seq[0] = append(seq[0], next[0]);
                seq[1] = append(seq[1], next[1]);
                logits = cached.step(next);
            }
        }
    }

    private static float[] fullRecompute(int[] ids) throws Exception {
        try (DecodeBatch full = new DecodeBatch(model, List.<int[]>of(ids), 3, 0, 511)) {
            return full.prefill().clone();
        }
    }

    private static int[] append(int[] ids, int id) {
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = id;
        return out;
    }

    private static void assertClose(float[] expected, float[] actual, String where) {
        assertEquals(expected.length, actual.length, where);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4, where + " token " + i);
        }
    }
}

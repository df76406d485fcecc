package dev.tunebench.runners.onnx;

import dev.tunebench.spi.Decoding;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenPickerTest {
    private static final float[] LOGITS = {0.5f, 3f, -1f, 3f, 2.9f, -7f};

    @Test
    void greedyBreaksTiesTowardsTheLowestId() {
        assertEquals(1, new TokenPicker(Decoding.greedy()).pick(LOGITS, 0, LOGITS.length, null));
        float[] shifted = {9f, 0.5f, 3f, -1f, 3f, 2.9f, -7f};
        assertEquals(2, new TokenPicker(Decoding.greedy()).pick(shifted, 1, 6, null) + 1);
    }

    @Test
    void topKOfOneAndTinyTopPAreGreedy() {
        for (Decoding d : new Decoding[]{new Decoding.Sampling(1, 1, 1, 3), new Decoding.Sampling(1, 1e-9, 0, 3)}) {
            TokenPicker picker = new TokenPicker(d);
            SplittableRandom random = picker.newRandom();
            for (int i = 0; i < 50; i++) {
                assertEquals(1, picker.pick(LOGITS, 0, LOGITS.length, random), d.toString());
            }
        }
    }

    @Test
    void topKKeepsOnlyTheBestTokens() {
        TokenPicker picker = new TokenPicker(new Decoding.Sampling(5, 1, 3, 11));
        SplittableRandom random = picker.newRandom();
        boolean[] seen = new boolean[LOGITS.length];
        for (int i = 0; i < 500; i++) {
            seen[picker.pick(LOGITS, 0, LOGITS.length, random)] = true;
        }
        assertTrue(seen[1] && seen[3] && seen[4]);
        assertTrue(!seen[0] && !seen[2] && !seen[5]);
    }
}

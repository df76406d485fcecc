package dev.tunebench.runners.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.spi.InputException;
import java.nio.file.Path;

/**
 * How token embeddings become one sentence embedding, as sentence-transformers' {@code 1_Pooling/config.json}
 * says: the mean over real tokens, the first token, or the per-dimension maximum over real tokens.
 */
enum Pooling {
    MEAN("pooling_mode_mean_tokens"),
    CLS("pooling_mode_cls_token"),
    MAX("pooling_mode_max_tokens");

    private final String key;

    Pooling(String key) {
        this.key = key;
    }

    static Pooling read(Path file, JsonNode config) {
        Pooling chosen = null;
        for (Pooling p : values()) {
            if (config.path(p.key).asBoolean(false)) {
                if (chosen != null) {
                    throw new InputException(file + ": sets both " + chosen.key + " and " + p.key
                            + "; tunebench pools one way: keep one of them true.");
                }
                chosen = p;
            }
        }
        if (chosen == null) {
            throw new InputException(file + ": no pooling mode tunebench knows is true; set one of "
                    + "pooling_mode_mean_tokens, pooling_mode_cls_token or pooling_mode_max_tokens to true "
                    + "(sentence-transformers models mostly use mean).");
        }
        return chosen;
    }

    /** Pools {@code hidden[token][dim]} of one text with {@code length} real tokens (0 gives zeros). */
    float[] pool(float[][] hidden, int length) {
        int dims = hidden.length == 0 ? 0 : hidden[0].length;
        float[] out = new float[dims];
        if (length == 0) {
            return out;
        }
        switch (this) {
            case CLS -> System.arraycopy(hidden[0], 0, out, 0, dims);
            case MAX -> {
                java.util.Arrays.fill(out, Float.NEGATIVE_INFINITY);
                for (int t = 0; t < length; t++) {
                    for (int d = 0; d < dims; d++) {
                        out[d] = Math.max(out[d], hidden[t][d]);
                    }
                }
            }
            case MEAN -> {
                double[] sum = new double[dims];
                for (int t = 0; t < length; t++) {
                    for (int d = 0; d < dims; d++) {
                        sum[d] += hidden[t][d];
                    }
                }
                for (int d = 0; d < dims; d++) {
                    out[d] = (float) (sum[d] / length);
                }
            }
        }
        return out;
    }
}

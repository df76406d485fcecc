package dev.tunebench.runners.onnx;

import dev.tunebench.spi.Decoding;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Chooses the next token from one row of logits. Greedy takes the highest logit, the lowest id on a
 * tie. Sampling applies temperature, then top-k, then top-p to a softmax in double, and draws with the
 * request's own generator. Scratch arrays are kept between calls so a decode step allocates nothing.
 */
final class TokenPicker {
    private final Decoding decoding;
    private double[] weights = new double[0];
    private long[] order = new long[0];

    TokenPicker(Decoding decoding) {
        this.decoding = decoding;
    }

    /** A generator for one request: every request with the same seed draws the same numbers. */
    SplittableRandom newRandom() {
        return decoding instanceof Decoding.Sampling s ? new SplittableRandom(s.seed()) : null;
    }

    int pick(float[] logits, int offset, int vocab, SplittableRandom random) {
        if (decoding instanceof Decoding.Sampling s) {
            return sample(logits, offset, vocab, s, random);
        }
        return argmax(logits, offset, vocab);
    }

    static int argmax(float[] logits, int offset, int vocab) {
        int best = 0;
        float max = logits[offset];
        for (int v = 1; v < vocab; v++) {
            if (logits[offset + v] > max) {
                max = logits[offset + v];
                best = v;
            }
        }
        return best;
    }

    private int sample(float[] logits, int offset, int vocab, Decoding.Sampling s, SplittableRandom random) {
        if (weights.length < vocab) {
            weights = new double[vocab];
            order = new long[vocab];
        }
        float max = logits[offset + argmax(logits, offset, vocab)];
        double total = 0;
        for (int v = 0; v < vocab; v++) {
            weights[v] = Math.exp((logits[offset + v] - max) / s.temperature());
            total += weights[v];
        }
        boolean truncate = (s.topK() > 0 && s.topK() < vocab) || s.topP() < 1;
        if (!truncate) {
            return draw(random.nextDouble() * total, vocab);
        }
        // Sort ids by logit, highest first, ties to the lower id: one primitive sort, no boxing.
        for (int v = 0; v < vocab; v++) {
            order[v] = ((long) ~sortable(logits[offset + v]) << 32) | v;
        }
        Arrays.sort(order, 0, vocab);
        int keep = s.topK() > 0 ? Math.min(s.topK(), vocab) : vocab;
        double keptByK = 0;
        for (int i = 0; i < keep; i++) {
            keptByK += weights[id(i)];
        }
        // Top-p applies to the distribution renormalised over the top-k survivors.
        double kept = 0;
        int n = 0;
        while (n < keep) {
            kept += weights[id(n)];
            n++;
            if (kept >= s.topP() * keptByK) {
                break;
            }
        }
        double u = random.nextDouble() * kept;
        for (int i = 0; i < n - 1; i++) {
            u -= weights[id(i)];
            if (u < 0) {
                return id(i);
            }
        }
        return id(n - 1);
    }

    private int draw(double u, int vocab) {
        for (int v = 0; v < vocab - 1; v++) {
            u -= weights[v];
            if (u < 0) {
                return v;
            }
        }
        return vocab - 1;
    }

    private int id(int rank) {
        return (int) order[rank];
    }

    /** Maps a float to an int with the same order (the usual sign-magnitude flip). */
    private static int sortable(float f) {
        int bits = Float.floatToIntBits(f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}

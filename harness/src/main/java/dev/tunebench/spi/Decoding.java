package dev.tunebench.spi;

/** How the next token is chosen. */
public sealed interface Decoding permits Decoding.Greedy, Decoding.Sampling {

    /** Always the most likely token; ties go to the lowest id. */
    record Greedy() implements Decoding {
    }

    /**
     * Sampling with temperature, then top-k (0 = off), then nucleus top-p (1.0 = off). Each request
     * draws from its own generator seeded with {@code seed}, so a row's output does not depend on
     * which other rows share its batch.
     */
    record Sampling(double temperature, double topP, int topK, long seed) implements Decoding {
        public Sampling {
            if (!(temperature > 0)) {
                throw new IllegalArgumentException("temperature must be > 0 for sampling, got " + temperature);
            }
            if (!(topP > 0 && topP <= 1)) {
                throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
            }
            if (topK < 0) {
                throw new IllegalArgumentException("top_k must be >= 0 (0 = off), got " + topK);
            }
        }
    }

    static Decoding greedy() {
        return new Greedy();
    }
}

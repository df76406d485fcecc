package dev.tunebench.spi;

import java.util.List;
import java.util.Objects;

/**
 * Settings shared by every request of one generate call. Stop strings here apply in addition to a
 * prompt's own; any eos id of the model always stops.
 */
public record GenerationSettings(int maxNewTokens, Decoding decoding, List<String> stopStrings) {
    public GenerationSettings {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("max_new_tokens must be >= 1, got " + maxNewTokens);
        }
        Objects.requireNonNull(decoding, "decoding");
        stopStrings = List.copyOf(stopStrings);
    }

    public static GenerationSettings greedy(int maxNewTokens) {
        return new GenerationSettings(maxNewTokens, Decoding.greedy(), List.of());
    }

    /** Repeat r of a sampled cell uses seed + r, so repeats differ and each is reproducible; greedy stays as it is. */
    public GenerationSettings forRepeat(int repeat) {
        if (repeat == 0 || !(decoding instanceof Decoding.Sampling s)) {
            return this;
        }
        return withDecoding(new Decoding.Sampling(s.temperature(), s.topP(), s.topK(), s.seed() + repeat));
    }

    public GenerationSettings withDecoding(Decoding d) {
        return new GenerationSettings(maxNewTokens, d, stopStrings);
    }
}

package dev.tunebench.store;

import dev.tunebench.spi.Generation;

import java.util.Optional;

/**
 * Completions by {@link CacheKey}: what the run engine asks before it sends a request and tells after.
 * Implementations never throw: a cache that fails is a slower run, not a failed one.
 */
public interface CompletionCache {

    /** No cache: every request is sent. */
    CompletionCache NONE = new CompletionCache() {
        @Override
        public Optional<Generation> find(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, String runner, Generation generation) {
        }
    };

    /** The completion stored under {@code key}, with the timings it had when it was generated. */
    Optional<Generation> find(String key);

    /** Stores (or replaces) the completion of {@code key}; {@code runner} names the model, for {@code cache stats}. */
    void put(String key, String runner, Generation generation);

    /** This cache, finding nothing but storing every new completion ({@code --refresh-cache}). */
    default CompletionCache refreshing() {
        CompletionCache inner = this;
        return new CompletionCache() {
            @Override
            public Optional<Generation> find(String key) {
                return Optional.empty();
            }

            @Override
            public void put(String key, String runner, Generation generation) {
                inner.put(key, runner, generation);
            }
        };
    }
}

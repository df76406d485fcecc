package dev.tunebench.cli;

import dev.tunebench.spi.Generation;
import dev.tunebench.store.CompletionCache;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A cache that counts its hits, so the run can say how many samples came from it. */
final class CountingCache implements CompletionCache {
    private final CompletionCache inner;
    private final AtomicLong hits = new AtomicLong();

    CountingCache(CompletionCache inner) {
        this.inner = inner;
    }

    @Override
    public Optional<Generation> find(String key) {
        Optional<Generation> g = inner.find(key);
        if (g.isPresent()) {
            hits.incrementAndGet();
        }
        return g;
    }

    @Override
    public void put(String key, String runner, Generation generation) {
        inner.put(key, runner, generation);
    }

    long hits() {
        return hits.get();
    }
}

package dev.tunebench.store;

import java.util.Map;

/**
 * What the completion cache holds: entries and bytes of completions in all and by runner identity, and
 * when the oldest entry was last used (epoch ms, null when empty).
 */
public record CacheStats(String file, long fileBytes, long entries, long valueBytes, Map<String, Long> byRunner,
                         Long oldestUseMs, Long newestUseMs, int runs) {
    public CacheStats {
        byRunner = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byRunner));
    }
}

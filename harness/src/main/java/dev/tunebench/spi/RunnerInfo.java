package dev.tunebench.spi;

import java.util.Map;

/**
 * Provenance of an open runner for the manifest: runner id, library versions, device, threads, the
 * sha256 of each model file, and free-form details (the discovered model contract).
 */
public record RunnerInfo(
        String runnerId,
        Map<String, String> versions,
        String device,
        int intraOpThreads,
        Map<String, String> fileSha256,
        Map<String, Object> details) {
    public RunnerInfo {
        versions = Map.copyOf(versions);
        fileSha256 = Map.copyOf(fileSha256);
        details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}

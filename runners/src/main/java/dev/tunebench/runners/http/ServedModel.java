package dev.tunebench.runners.http;

import java.util.Map;
import java.util.TreeSet;

/**
 * What the answers said about the model behind the name: its reported {@code model} and
 * {@code system_fingerprint}. A provider can change a model under one name; these show it in the manifest.
 */
final class ServedModel {
    private final TreeSet<String> models = new TreeSet<>();
    private final TreeSet<String> fingerprints = new TreeSet<>();

    synchronized void saw(Completion c) {
        if (c.model() != null) {
            models.add(c.model());
        }
        if (c.systemFingerprint() != null) {
            fingerprints.add(c.systemFingerprint());
        }
    }

    synchronized void addTo(Map<String, Object> details) {
        if (!models.isEmpty()) {
            details.put("response_model", String.join(",", models));
        }
        if (!fingerprints.isEmpty()) {
            details.put("system_fingerprint", String.join(",", fingerprints));
        }
    }
}

package dev.tunebench.results;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServedChangesTest {
    private static RunManifest manifest(Map<String, String> served) {
        RunManifest.ModelEntry local = new RunManifest.ModelEntry("base", "baseline", "models/base", null, null, List.of(),
                Map.of("model.onnx", "abc"), 0, 0);
        RunManifest.ModelEntry remote = new RunManifest.ModelEntry("ft", "candidate", null, null, null, List.of(), Map.of(),
                0, 0, served);
        return new RunManifest(1, "t", "c", "s", "e", true, List.of(), null, List.of(), List.of(local, remote), List.of(),
                null, null, null, null);
    }

    @Test
    void aChangedFingerprintIsNamedAndLocalModelsAreLeftAlone() {
        RunManifest tonight = manifest(Map.of("endpoint_host", "h", "deployment", "ft", "system_fingerprint", "fp_2"));
        RunManifest blessed = manifest(Map.of("endpoint_host", "h", "deployment", "ft", "system_fingerprint", "fp_1"));
        assertEquals(List.of("ft: system_fingerprint 'fp_2' in this run, 'fp_1' in baseline 'demo'"),
                ServedChanges.between(tonight, blessed, "baseline 'demo'"));
        assertEquals(List.of(), ServedChanges.between(tonight, tonight, "x"));
    }
}

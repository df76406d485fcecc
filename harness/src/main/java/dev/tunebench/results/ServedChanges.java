package dev.tunebench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the served models of two runs differ: endpoint, model or deployment, api_version, and what the
 * answers reported ({@code response_model}, {@code system_fingerprint}). A provider can change the model
 * behind one name; a changed fingerprint is the sign a reader needs before trusting a delta.
 */
public final class ServedChanges {
    private static final List<String> FIELDS = List.of("endpoint_host", "model", "deployment", "api_version",
            "response_model", "system_fingerprint");

    private ServedChanges() {
    }

    /** One line per model and field that differs; empty when no served model changed. */
    public static List<String> between(RunManifest run, RunManifest other, String otherLabel) {
        List<String> out = new ArrayList<>();
        for (RunManifest.ModelEntry m : run.models()) {
            RunManifest.ModelEntry o = other.models().stream().filter(e -> e.id().equals(m.id())).findFirst().orElse(null);
            if (o == null || (m.served() == null && o.served() == null)) {
                continue;
            }
            Map<String, String> a = m.served() == null ? Map.of() : m.served();
            Map<String, String> b = o.served() == null ? Map.of() : o.served();
            for (String field : FIELDS) {
                if (!Objects.equals(a.get(field), b.get(field))) {
                    out.add(m.id() + ": " + field + " " + show(a.get(field)) + " in this run, " + show(b.get(field))
                            + " in " + otherLabel);
                }
            }
        }
        return out;
    }

    private static String show(String v) {
        return v == null ? "(none)" : "'" + v + "'";
    }
}

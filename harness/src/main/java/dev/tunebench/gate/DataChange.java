package dev.tunebench.gate;

import dev.tunebench.results.RunManifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the data of two runs differ, by role (eval, few_shot_pool, validation) and sha256. Paired comparisons
 * are only honest on the same rows; a changed file means row 17 may be another question.
 */
public final class DataChange {
    private DataChange() {
    }

    /** One line per role whose file differs; empty when the data are the same. */
    public static List<String> between(RunManifest run, RunManifest baseline) {
        Map<String, RunManifest.DataFile> ours = byRole(run);
        Map<String, RunManifest.DataFile> theirs = byRole(baseline);
        List<String> changes = new ArrayList<>();
        for (String role : union(ours, theirs)) {
            RunManifest.DataFile a = ours.get(role);
            RunManifest.DataFile b = theirs.get(role);
            if (a == null || b == null) {
                changes.add(role + ": " + (a == null ? "only the baseline has " + b.file() : "only the run has " + a.file()));
            } else if (!a.sha256().equals(b.sha256())) {
                changes.add(role + " " + a.file() + ": sha256 " + abbreviate(a.sha256()) + " in the run, "
                        + abbreviate(b.sha256()) + " in the baseline (" + b.file() + ")");
            }
        }
        return changes;
    }

    private static Map<String, RunManifest.DataFile> byRole(RunManifest m) {
        Map<String, RunManifest.DataFile> out = new LinkedHashMap<>();
        m.data().forEach(d -> out.put(d.role(), d));
        return out;
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        List<String> roles = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(r -> !roles.contains(r)).forEach(roles::add);
        return roles;
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }
}

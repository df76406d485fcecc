package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.gate.Baseline;
import dev.tunebench.results.RunManifest;
import dev.tunebench.spi.InputException;
import dev.tunebench.store.RunRecord;
import dev.tunebench.store.RunRecords;
import dev.tunebench.store.SqliteStore;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code gate --baseline last-go}: the latest earlier run of the suite that passed its gate, from the store. */
final class LastGo {
    static final String NAME = "last-go";

    private LastGo() {
    }

    static boolean asked(Path baseline) {
        return baseline != null && baseline.toString().equals(NAME);
    }

    static Baseline find(StoreOptions options, Path runDir, RunManifest manifest, PrintWriter err) {
        String suite = manifest.suite().name();
        try (SqliteStore store = options.openRequired(err, "--baseline " + NAME)) {
            RunRecord go = store.lastGo(suite, runDir.toAbsolutePath().normalize().toString(), manifest.startedAt())
                    .orElseThrow(() -> new InputException("--baseline " + NAME + ": the store " + store.file()
                            + " holds no earlier run of suite '" + suite + "' that passed its gate. `tunebench gate` "
                            + "records each decision there; until one is go, give a blessed baseline file instead."));
            if (go.rows() == null) {
                throw new InputException("--baseline " + NAME + ": the store holds no rows of the run " + go.runDir()
                        + " (started " + go.startedAt() + "); give a blessed baseline file instead.");
            }
            Baseline b = RunRecords.baseline(go.rows(), Path.of(go.runDir()));
            String label = NAME + " (" + go.runDir() + ", started " + go.startedAt() + ")";
            err.println("tunebench: baseline " + label);
            return new Baseline(NAME, b.savedAt(), go.runDir(), b.manifest(), b.summary(), b.rows(), label);
        }
    }

    /** Indexes the run (if the run itself did not) and records the decision; a store problem is only a warning. */
    static void record(StoreOptions options, Path runDir, RunManifest manifest, JsonNode summary, boolean go,
                       PrintWriter err) {
        if (!manifest.complete()) {
            return;
        }
        try (SqliteStore store = options.openForRun(err)) {
            if (store == null) {
                return;
            }
            RunRecord run = RunRecords.of(runDir, manifest, summary);
            if (store.index(run)) {
                store.recordGate(run.runDir(), run.startedAt(), go ? "go" : "no-go");
            }
        } catch (RuntimeException e) {
            err.println("tunebench: WARNING: the gate decision was not recorded in the store (" + e.getMessage()
                    + "); `--baseline " + NAME + "` will not see it.");
        }
    }
}

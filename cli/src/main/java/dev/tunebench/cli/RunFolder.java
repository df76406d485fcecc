package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.results.Json;
import dev.tunebench.results.RunManifest;
import dev.tunebench.results.WriteFailed;
import dev.tunebench.spi.InputException;
import dev.tunebench.summary.SummaryBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading and writing the JSON files of a run folder. */
final class RunFolder {
    private RunFolder() {
    }

    static RunManifest readManifest(Path runDir) {
        Path file = runDir.resolve(RunManifest.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new InputException(runDir + " is not a run folder: it has no " + RunManifest.FILE_NAME
                    + ". Give the folder that `tunebench run` wrote (runs/<suite>-<UTC>/).");
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), RunManifest.class);
        } catch (IOException e) {
            throw new InputException(file + ": not a valid manifest (" + e.getMessage() + ").", e);
        }
    }

    static void writeManifest(Path runDir, RunManifest manifest) {
        write(runDir.resolve(RunManifest.FILE_NAME), manifest);
    }

    /** Rebuilds summary.json from the folder's samples and writes it; returns it. */
    static JsonNode summarize(Path runDir, RunManifest manifest) {
        JsonNode summary = SummaryBuilder.build(runDir, manifest);
        write(runDir.resolve(SummaryBuilder.FILE_NAME), summary);
        return summary;
    }

    static JsonNode readSummary(Path runDir) {
        Path file = runDir.resolve(SummaryBuilder.FILE_NAME);
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + ": cannot read summary (" + e.getMessage() + "). Re-create it with `tunebench report " + runDir + "`.", e);
        }
    }

    private static void write(Path file, Object value) {
        // Write then move, so a crash never leaves half a file behind.
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Json.PRETTY.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw WriteFailed.of(file, e);
        }
    }
}

package dev.tunebench.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.finetune.FineTuneFile;
import dev.tunebench.results.Json;
import dev.tunebench.results.RunManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * summary.json's {@code data_overlap}, {@code jobs} and {@code economics} blocks, from the run folder's
 * finetune.json (absent in runs made before it existed: the blocks are then left out).
 */
final class FineTuneBlocks {
    private FineTuneBlocks() {
    }

    static JsonNode read(Path runDir) {
        Path file = runDir.resolve(FineTuneFile.FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Teacher-forced validation losses, completed with the validation loss a hosted job's result file logged at
     * a checkpoint that has none (a served model gives no log-probabilities of given text).
     */
    static Map<String, ValidationLosses.Entry> losses(Map<String, ValidationLosses.Entry> measured, JsonNode fineTune) {
        Map<String, ValidationLosses.Entry> out = new LinkedHashMap<>(measured);
        if (fineTune == null) {
            return out;
        }
        for (JsonNode job : fineTune.path("jobs")) {
            for (JsonNode mark : job.path("checkpoints")) {
                String model = mark.path("model").asText();
                if (!out.containsKey(model) && mark.path("validation_loss").isNumber()) {
                    out.put(model, new ValidationLosses.Entry(model, mark.get("validation_loss").asDouble(), 0, 0));
                }
            }
        }
        return out;
    }

    private static Map<String, String> roles(RunManifest manifest) {
        Map<String, String> out = new LinkedHashMap<>();
        manifest.models().forEach(m -> out.put(m.id(), m.role()));
        return out;
    }

    static void addTo(ObjectNode summary, JsonNode fineTune, RunManifest manifest, ArrayNode results) {
        if (fineTune == null) {
            return;
        }
        summary.set("data_overlap", fineTune.path("data_overlap").deepCopy());
        summary.set("jobs", fineTune.path("jobs").deepCopy());
        summary.set("economics", Economics.build(fineTune.path("economics_inputs"),
                manifest.suite().baseline(), roles(manifest), results));
    }
}

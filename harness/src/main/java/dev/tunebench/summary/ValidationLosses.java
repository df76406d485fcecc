package dev.tunebench.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tunebench.results.Json;
import dev.tunebench.results.WriteFailed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** validation.jsonl: one line per model with its teacher-forced validation loss. */
public final class ValidationLosses {
    public static final String FILE_NAME = "validation.jsonl";

    /** One model's validation loss: mean NLL per weighted assistant token. */
    public record Entry(String model, double validationLoss, long tokens, int rows) {
    }

    private ValidationLosses() {
    }

    public static void append(Path runDir, Entry entry) {
        try {
            Files.writeString(runDir.resolve(FILE_NAME), Json.MAPPER.writeValueAsString(entry) + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw WriteFailed.of(runDir.resolve(FILE_NAME), e);
        }
    }

    public static Map<String, Entry> read(Path runDir) {
        Map<String, Entry> out = new LinkedHashMap<>();
        Path file = runDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    try {
                        Entry e = Json.MAPPER.treeToValue(Json.MAPPER.readTree(line), Entry.class);
                        out.put(e.model(), e);
                    } catch (JsonProcessingException torn) {
                        // A line cut by a kill or a full disk: that loss is computed again on --resume.
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}

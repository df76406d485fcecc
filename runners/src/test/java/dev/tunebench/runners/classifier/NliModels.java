package dev.tunebench.runners.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The NLI demo's model folders and data in the repo, and PyTorch's reference figures for them. */
final class NliModels {
    static final List<String> ALL = List.of("base", "ckpt-epoch-1", "ckpt-epoch-2", "ckpt-epoch-3", "ckpt-epoch-4");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NliModels() {
    }

    static Path suite() {
        return Path.of(System.getProperty("tunebench.root")).resolve("suites/nli");
    }

    static Path model(String name) {
        return suite().resolve("models").resolve(name);
    }

    static JsonNode reference() {
        return read(suite().resolve("models/make/reference.json"));
    }

    /** The rows of a data file (premise, hypothesis, label). */
    static List<JsonNode> rows(String split) {
        try {
            return Files.readAllLines(suite().resolve("data").resolve(split + ".jsonl")).stream()
                    .filter(l -> !l.isBlank()).map(NliModels::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Prompt prompt(JsonNode row) {
        return Prompt.of(List.of(Message.user(row.path("premise").asText()), Message.user(row.path("hypothesis").asText())));
    }

    static List<Message> conversation(JsonNode row) {
        return List.of(Message.user(row.path("premise").asText()), Message.user(row.path("hypothesis").asText()),
                Message.assistant(row.path("label").asText()));
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

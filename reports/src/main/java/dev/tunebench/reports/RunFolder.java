package dev.tunebench.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tunebench.spi.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A run folder as reports see it (docs/results-format.md): manifest and summary read whole, gate.json when
 * present, samples.jsonl only ever streamed so a report of any size runs in bounded memory.
 */
public record RunFolder(Path dir, JsonNode manifest, RunSummary summary, GateReport gates) {

    public static final String MANIFEST = "manifest.json";
    public static final String SUMMARY = "summary.json";
    public static final String SAMPLES = "samples.jsonl";
    public static final String GATE = "gate.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static RunFolder open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": not a run folder (no such directory); pass the folder a "
                    + "'tunebench run' wrote, e.g. runs/<suite>-<time>");
        }
        Path summary = dir.resolve(SUMMARY);
        if (!Files.isRegularFile(summary)) {
            throw new InputException(summary + ": not found; the run did not finish writing its summary. "
                    + "Re-run with --resume, or merge its shards first");
        }
        JsonNode manifest = Files.isRegularFile(dir.resolve(MANIFEST)) ? read(dir.resolve(MANIFEST))
                : MissingNode.getInstance();
        JsonNode gate = Files.isRegularFile(dir.resolve(GATE)) ? read(dir.resolve(GATE)) : null;
        return new RunFolder(dir, manifest, RunSummary.from(read(summary)), GateReport.from(gate));
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new InputException(file + ": expected one JSON object; regenerate the file with tunebench");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InputException(file + (e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr()) + ": malformed JSON ("
                    + e.getOriginalMessage() + "); regenerate the file with tunebench", e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    public String manifestText(String path, String fallback) {
        JsonNode node = manifest;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.path(parts[i]);
        }
        return Json.text(node, parts[parts.length - 1], fallback);
    }

    /**
     * Feeds every sample of samples.jsonl to {@code sink}, one line at a time. A malformed last line is
     * skipped, since a crash can cut the line being appended; a malformed line elsewhere is an error.
     */
    public void forEachSample(Consumer<JsonNode> sink) {
        Path file = dir.resolve(SAMPLES);
        if (!Files.isRegularFile(file)) {
            return;
        }
        // Replacing, not failing, on bad bytes: a line torn mid-character is then just a torn line.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            String badLine = null;
            int badLineNumber = 0;
            int lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (badLine != null) {
                    throw new InputException(file + ":" + badLineNumber + ": not a JSON object: "
                            + Text.truncate(badLine, 80) + "; fix or delete the line");
                }
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = parse(line);
                if (node == null) {
                    badLine = line;
                    badLineNumber = lineNumber;
                } else {
                    sink.accept(node);
                }
            }
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

package dev.tunebench.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import dev.tunebench.spi.InputException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The perf files of a run folder: perf.jsonl (one line per measured request, appended after each
 * trial) and perf.json (the aggregated blocks, written once at the end and read by the summary).
 */
public final class PerfFiles {
    public static final String REQUESTS_FILE = "perf.jsonl";
    public static final String BLOCKS_FILE = "perf.json";

    private PerfFiles() {
    }

    /** A sink appending every request of each trial to perf.jsonl in {@code runDir}. */
    public static PerfRunner.TrialSink requestLog(Path runDir) {
        Path file = runDir.resolve(REQUESTS_FILE);
        return (setup, trial) -> {
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                for (RequestTiming r : trial.requests()) {
                    w.write(Json.MAPPER.writeValueAsString(PerfJson.request(setup, r)));
                    w.newLine();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        };
    }

    /** Writes perf.json as {@code {"blocks": [...]}}; undefined figures become null. */
    public static void writeBlocks(Path runDir, List<PerfBlock> blocks) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("blocks");
        blocks.forEach(b -> array.add(nullForNaN(PerfJson.block(b))));
        Path file = runDir.resolve(BLOCKS_FILE);
        Path tmp = file.resolveSibling(BLOCKS_FILE + ".tmp");
        try {
            Json.PRETTY.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The blocks of perf.json in {@code runDir}; an empty array when the run measured no perf. */
    public static ArrayNode readBlocks(Path runDir) {
        Path file = runDir.resolve(BLOCKS_FILE);
        if (!Files.isRegularFile(file)) {
            return Json.MAPPER.createArrayNode();
        }
        try {
            JsonNode blocks = Json.MAPPER.readTree(file.toFile()).path("blocks");
            return blocks.isArray() ? (ArrayNode) blocks.deepCopy() : Json.MAPPER.createArrayNode();
        } catch (IOException e) {
            throw new InputException(file + ": cannot read perf results (" + e.getMessage()
                    + "). Delete it and re-run the suite's perf section with `tunebench run`.", e);
        }
    }

    /** JSON has no NaN: an undefined figure (e.g. a one-trial interval) is written as null. */
    public static ObjectNode nullForNaN(ObjectNode block) {
        List<String> names = new java.util.ArrayList<>();
        block.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode v = block.get(name);
            if (v.isDouble() && !Double.isFinite(v.doubleValue())) {
                block.putNull(name);
            }
        }
        return block;
    }
}

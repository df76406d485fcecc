package dev.tunebench.gate;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import dev.tunebench.results.RunManifest;
import dev.tunebench.spi.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes baselines/NAME.json (docs/results-format.md, "baselines/NAME.json"). Per-row outcomes are stored by
 * column, one array per field and cell, each on one line, so a 7,200-sample run stays a few hundred KB
 * and diffs line by line.
 */
public final class BaselineFile {
    private static final String[] COLUMNS = {"row", "repeat", "accuracy", "format_adherence", "prompt_tokens",
            "completion_tokens", "latency_ms", "error"};
    /** Objects indented, arrays of numbers on one line. */
    private static final ObjectWriter WRITER = Json.MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance));

    private BaselineFile() {
    }

    public static void write(Baseline b, Path file) throws IOException {
        ObjectNode root = toJson(b);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        WRITER.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The baseline document as compact bytes (the store keeps one per run for {@code --baseline last-go}). */
    public static byte[] toBytes(Baseline b) throws IOException {
        return Json.MAPPER.writeValueAsBytes(toJson(b));
    }

    private static ObjectNode toJson(Baseline b) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("kind", Baseline.KIND);
        root.put("schema_version", Baseline.SCHEMA_VERSION);
        root.put("name", b.name());
        root.put("saved_at", b.savedAt());
        root.put("source_run", b.sourceRun());
        root.set("manifest", Json.MAPPER.valueToTree(b.manifest()));
        root.set("summary", b.summary());
        ArrayNode cells = root.putArray("rows");
        b.rows().cells().forEach((cell, rows) -> cells.add(columns(cell, rows)));
        return root;
    }

    /** Reads a baseline; anything missing or malformed is an {@link InputException} naming file and field. */
    public static Baseline read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": no such baseline file. Save one with `tunebench baseline save RUN_DIR --name NAME`.");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ").", e);
        }
        return parse(root, file);
    }

    /** A baseline from {@link #toBytes(Baseline)}; {@code origin} names where it came from in messages. */
    public static Baseline read(byte[] json, Path origin) {
        try {
            return parse(Json.MAPPER.readTree(json), origin);
        } catch (IOException e) {
            throw new InputException(origin + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ").", e);
        }
    }

    private static Baseline parse(JsonNode root, Path file) {
        if (root == null || !root.isObject() || !Baseline.KIND.equals(root.path("kind").asText())) {
            throw new InputException(file + ": not a tunebench baseline (expected \"kind\": \"" + Baseline.KIND
                    + "\"). Write baselines with `tunebench baseline save`.");
        }
        RunManifest manifest;
        try {
            manifest = Json.MAPPER.treeToValue(require(root, "manifest", file), RunManifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(file + ": manifest: not a run manifest (" + e.getMessage() + ").", e);
        }
        if (manifest.data() == null || manifest.models() == null || manifest.settings() == null) {
            throw new InputException(file + ": manifest: lacks data, models or settings; save the baseline again.");
        }
        JsonNode summary = require(root, "summary", file);
        Map<Cell, List<RowOutcome>> cells = new LinkedHashMap<>();
        JsonNode rows = require(root, "rows", file);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode c = rows.get(i);
            cells.put(new Cell(text(c, "model", file, i), text(c, "technique", file, i)), rows(c, file, i));
        }
        return new Baseline(root.path("name").asText(file.getFileName().toString()), root.path("saved_at").asText(null),
                root.path("source_run").asText(null), manifest, summary, new RunRows(cells), file.toString());
    }

    private static ObjectNode columns(Cell cell, List<RowOutcome> rows) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("model", cell.model());
        c.put("technique", cell.technique());
        ArrayNode[] a = new ArrayNode[COLUMNS.length];
        for (int k = 0; k < COLUMNS.length; k++) {
            a[k] = c.putArray(COLUMNS[k]);
        }
        for (RowOutcome r : rows) {
            a[0].add(r.row());
            a[1].add(r.repeat());
            a[2].add(r.accuracy());
            a[3].add(r.formatAdherence());
            a[4].add(r.promptTokens());
            a[5].add(r.completionTokens());
            // Microseconds are below any latency a gate could resolve; rounding keeps the file small.
            a[6].add(r.latencyMs() == null ? null : Math.round(r.latencyMs() * 1000) / 1000.0);
            a[7].add(r.error() ? 1 : 0);
        }
        return c;
    }

    private static List<RowOutcome> rows(JsonNode c, Path file, int i) {
        JsonNode[] col = new JsonNode[COLUMNS.length];
        for (int k = 0; k < COLUMNS.length; k++) {
            col[k] = c.get(COLUMNS[k]);
            if (col[k] == null || !col[k].isArray() || col[k].size() != c.path("row").size()) {
                throw new InputException(file + ": rows[" + i + "]." + COLUMNS[k] + ": expected an array as long as rows["
                        + i + "].row; the file is damaged, save the baseline again.");
            }
        }
        List<RowOutcome> out = new ArrayList<>();
        for (int j = 0; j < col[0].size(); j++) {
            out.add(new RowOutcome(col[0].get(j).asInt(), col[1].get(j).asInt(), integer(col[2].get(j)),
                    integer(col[3].get(j)), integer(col[4].get(j)), integer(col[5].get(j)),
                    col[6].get(j).isNull() ? null : col[6].get(j).asDouble(), col[7].get(j).asInt() == 1));
        }
        return out;
    }

    private static Integer integer(JsonNode n) {
        return n.isNull() ? null : n.asInt();
    }

    private static JsonNode require(JsonNode root, String field, Path file) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull() || !(n.isObject() || n.isArray())) {
            throw new InputException(file + ": " + field + ": missing; the file is damaged or from another tool. "
                    + "Save the baseline again with `tunebench baseline save`.");
        }
        return n;
    }

    private static String text(JsonNode c, String field, Path file, int i) {
        if (!c.path(field).isTextual()) {
            throw new InputException(file + ": rows[" + i + "]." + field + ": missing; save the baseline again.");
        }
        return c.get(field).asText();
    }
}

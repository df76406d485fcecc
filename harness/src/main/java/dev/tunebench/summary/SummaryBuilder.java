package dev.tunebench.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.perf.PerfFiles;
import dev.tunebench.results.Json;
import dev.tunebench.results.RunManifest;
import dev.tunebench.results.SampleReader;
import dev.tunebench.stats.Bootstrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds summary.json from a run folder alone (manifest.json, samples.jsonl, validation.jsonl), so
 * a finished, interrupted, resumed or merged run is summarised by the same code.
 */
public final class SummaryBuilder {
    public static final String FILE_NAME = "summary.json";
    public static final int SCHEMA_VERSION = 1;

    private SummaryBuilder() {
    }

    public static ObjectNode build(Path runDir, RunManifest manifest) {
        Map<String, CellData> cells = new LinkedHashMap<>();
        for (RunManifest.ModelEntry model : manifest.models()) {
            for (String technique : manifest.techniques()) {
                cells.put(model.id() + "\u0000" + technique, new CellData(model.id(), technique));
            }
        }
        SampleReader.forEach(runDir, s -> {
            CellData cell = cells.get(s.model() + "\u0000" + s.technique());
            if (cell != null) {
                cell.add(s);
            }
        });
        List<CellData> present = cells.values().stream().filter(c -> c.size() > 0).toList();
        Bootstrap bootstrap = new Bootstrap(manifest.settings().bootstrapSeed(),
                manifest.settings().bootstrapResamples(), 0.95);
        Map<String, RunManifest.ModelEntry> models = new LinkedHashMap<>();
        manifest.models().forEach(m -> models.put(m.id(), m));

        ObjectNode summary = Json.MAPPER.createObjectNode();
        summary.put("schema_version", SCHEMA_VERSION);
        summary.put("suite", manifest.suite().name());
        summary.put("suite_file", manifest.suite().file());
        summary.put("complete", manifest.complete());
        summary.put("incomplete_reason", manifest.complete() ? null : String.join("; ", manifest.problems()));
        summary.put("baseline", manifest.suite().baseline());
        summary.put("reference_technique", manifest.suite().referenceTechnique());
        summary.put("currency", manifest.suite().currency());
        List<String> graded = GradedScores.names(manifest);
        CellMetrics metrics = new CellMetrics(bootstrap, graded);
        ArrayNode results = summary.putArray("results");
        for (CellData cell : present) {
            ObjectNode result = result(cell, metrics.metrics(cell, models.get(cell.model)));
            ClassifierFigures.addTo(result, cell, metrics);
            ObjectNode repeats = RepeatFigures.of(cell, manifest.settings().repeats());
            if (repeats != null) {
                result.set("repeats", repeats);
            }
            results.add(result);
        }
        ArrayNode warnings = summary.putArray("warnings");
        for (JsonNode r : results) {
            if (r.path("local_tokens").path("mismatch").asBoolean()) {
                warnings.add(r.path("model").asText() + " / " + r.path("technique").asText() + ": "
                        + r.path("local_tokens").path("mismatch_reason").asText());
            }
        }
        summary.set("comparisons", new Comparisons(bootstrap, graded).build(present,
                manifest.suite().baseline(), manifest.suite().referenceTechnique()));
        JsonNode fineTune = FineTuneBlocks.read(runDir);
        Checkpoints.addTo(summary, manifest, FineTuneBlocks.losses(ValidationLosses.read(runDir), fineTune), results);
        summary.set("perf", PerfFiles.readBlocks(runDir));
        FineTuneBlocks.addTo(summary, fineTune, manifest, results);
        sanitize(summary);
        return summary;
    }

    private static ObjectNode result(CellData cell, ObjectNode metrics) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("model", cell.model);
        r.put("technique", cell.technique);
        r.put("n", cell.size());
        r.put("errors", cell.errors);
        if (cell.cachedCount > 0) {
            r.put("cached", cell.cachedCount);
        }
        if (cell.unsupported > 0) {
            r.put("unsupported", cell.unsupportedReason);
            r.put("unsupported_samples", cell.unsupported);
        }
        if (cell.missing > 0) {
            // Requests a replay file had no line for: errors, listed so the file can be completed.
            r.put("missing_samples", cell.missing);
            cell.missingRows.forEach(r.withArray("missing_rows")::add);
        }
        if (cell.untimed > 0) {
            r.put("untimed_samples", cell.untimed);
            r.put("latency_note", cell.untimed == cell.size() - cell.errors
                    ? "no latency: the replayed file records none" : "latency figures cover only the samples with a latency");
        }
        r.set("metrics", metrics);
        ObjectNode scores = r.putObject("scores");
        cell.scoreSums.forEach((name, acc) -> {
            ObjectNode s = scores.putObject(name);
            s.put("value", acc[1] == 0 ? Double.NaN : acc[0] / acc[1]);
            s.put("n", (long) acc[1]);
        });
        if (cell.localTokens.any()) {
            cell.localTokens.writeTo(r);
        }
        cell.judges.forEach((name, tally) -> tally.writeTo(scores.has(name) ? (ObjectNode) scores.get(name) : scores.putObject(name)));
        if (cell.hasLabels) {
            r.set("labels", Labels.toJson(cell.labels.result()));
        }
        return r;
    }

    /** JSON has no NaN or infinity: undefined figures are written as null. */
    static void sanitize(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            List<String> bad = new ArrayList<>();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isDouble() && !Double.isFinite(e.getValue().doubleValue())) {
                    bad.add(e.getKey());
                } else {
                    sanitize(e.getValue());
                }
            }
            bad.forEach(o::putNull);
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isDouble() && !Double.isFinite(a.get(i).doubleValue())) {
                    a.set(i, a.nullNode());
                } else {
                    sanitize(a.get(i));
                }
            }
        }
    }
}

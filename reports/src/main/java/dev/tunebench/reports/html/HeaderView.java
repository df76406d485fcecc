package dev.tunebench.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.reports.Json;
import dev.tunebench.reports.RunFolder;
import dev.tunebench.reports.Text;
import java.util.ArrayList;
import java.util.List;

/** What the manifest says about how the run was made: the header and the reproduce section.
 * Public only because FreeMarker reads components of public types alone.
 */
public record HeaderView(String suite, String suiteFile, String suiteHash, String started, String ended, String command,
                  String runner, String device, String threads, String tunebenchVersion, String java, String os,
                  String cpus, String seeds, List<ModelRow> models, List<DataRow> data, List<Pair> versions) {

    public record Pair(String name, String value) {
    }

    /** A hash shows its first 12 characters; the full value rides along for the tooltip. */
    public record Hash(String name, String shortHash, String fullHash) {
    }

    public record ModelRow(String id, String role, String folder, List<Hash> files) {
    }

    public record DataRow(String role, String file, Hash hash, String rows) {
    }

    static HeaderView of(RunFolder run) {
        JsonNode m = run.manifest();
        List<ModelRow> models = new ArrayList<>();
        for (JsonNode model : Json.array(m, "models")) {
            List<Hash> files = new ArrayList<>();
            JsonNode f = Json.object(model, "files");
            if (f != null) {
                f.fields().forEachRemaining(e -> files.add(hash(Text.clean(e.getKey()), Text.clean(e.getValue().asText()))));
            }
            models.add(new ModelRow(Json.text(model, "id", "?"), Json.text(model, "role", ""),
                    Json.text(model, "folder", ""), List.copyOf(files)));
        }
        List<DataRow> data = new ArrayList<>();
        for (JsonNode d : Json.array(m, "data")) {
            data.add(new DataRow(Json.text(d, "role", ""), Json.text(d, "file", "?"),
                    hash("sha256", Json.text(d, "sha256", "")), Json.text(d, "rows", "?")));
        }
        List<Pair> versions = new ArrayList<>();
        JsonNode v = Json.object(m.path("runner"), "versions");
        if (v != null) {
            v.fields().forEachRemaining(e -> versions.add(new Pair(Text.clean(e.getKey()), Text.clean(e.getValue().asText()))));
        }
        JsonNode seeds = m.path("settings").path("seeds");
        return new HeaderView(
                run.manifestText("suite.name", run.summary().suite()), run.manifestText("suite.file", ""),
                run.manifestText("suite.sha256", ""), run.manifestText("started_at", "unknown"),
                run.manifestText("ended_at", "unknown"), run.manifestText("command_line", "unknown"),
                run.manifestText("runner.id", "unknown"), run.manifestText("runner.device", "unknown"),
                run.manifestText("runner.threads", run.manifestText("settings.threads", "unknown")),
                run.manifestText("tunebench_version", "unknown"), run.manifestText("machine.java", "unknown"),
                run.manifestText("machine.os", "unknown"), run.manifestText("machine.cpus", "unknown"),
                seeds.isObject() ? Text.clean(seeds.toString()) : "", List.copyOf(models), List.copyOf(data),
                List.copyOf(versions));
    }

    private static Hash hash(String name, String full) {
        return new Hash(name, full.length() > 12 ? full.substring(0, 12) : full, full);
    }
}

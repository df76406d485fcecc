package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import dev.tunebench.results.RunManifest;
import dev.tunebench.store.CellFigure;
import dev.tunebench.store.RunRecord;
import dev.tunebench.store.RunRecords;
import dev.tunebench.store.SqliteStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

/**
 * Adds a completed run to the store's history and, when the store holds earlier runs of the suite, writes
 * trend.json into the run folder for the report's trend section (the report reads only the run folder).
 */
final class RunHistory {
    static final String TREND_FILE = "trend.json";
    /** The report plots the last runs only; the history command shows any number. */
    static final int TREND_RUNS = 30;
    private static final Set<String> TREND_METRICS = Set.of("accuracy", "format_adherence");

    private RunHistory() {
    }

    /** Never fails the run: the history is an index, and the run folder already holds every result. */
    static void index(SqliteStore store, Path runDir, RunManifest manifest, JsonNode summary, PrintWriter err) {
        try {
            RunRecord run = RunRecords.of(runDir, manifest, summary);
            if (store.index(run)) {
                writeTrend(runDir, run, store.runs(run.suite()));
            }
        } catch (RuntimeException e) {
            err.println("tunebench: WARNING: this run was not added to the history in " + store.file() + " ("
                    + e.getMessage() + "); its folder keeps every result.");
        }
    }

    private static void writeTrend(Path runDir, RunRecord current, List<RunRecord> runs) {
        int at = runs.indexOf(runs.stream().filter(r -> r.runDir().equals(current.runDir())
                && r.startedAt().equals(current.startedAt())).findFirst().orElse(null));
        if (at < 1) {
            return;
        }
        ObjectNode trend = Json.MAPPER.createObjectNode();
        trend.put("suite", current.suite());
        ArrayNode list = trend.putArray("runs");
        for (RunRecord r : runs.subList(Math.max(0, at + 1 - TREND_RUNS), at + 1)) {
            ObjectNode o = list.addObject();
            o.put("started_at", r.startedAt());
            o.put("git_commit", r.gitCommit());
            o.put("gate", r.gate());
            o.put("current", r == runs.get(at));
            o.put("same_data", java.util.Objects.equals(r.dataSha256(), current.dataSha256()));
            ArrayNode cells = o.putArray("cells");
            for (CellFigure c : r.cells()) {
                if (TREND_METRICS.contains(c.metric())) {
                    cells.add(Json.MAPPER.valueToTree(c));
                }
            }
        }
        Path file = runDir.resolve(TREND_FILE);
        try {
            Path tmp = file.resolveSibling(TREND_FILE + ".tmp");
            Json.PRETTY.writeValue(tmp.toFile(), trend);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

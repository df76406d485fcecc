package dev.tunebench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import dev.tunebench.spi.InputException;
import dev.tunebench.store.History;
import dev.tunebench.store.HistoryRow;
import dev.tunebench.store.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** A metric of a suite across the runs the store indexed: value, interval, change and its significance. */
@Command(name = "history", mixinStandardHelpOptions = true,
        header = "Show a metric of a suite across the runs in the store, with the change from each cell's previous run.",
        description = "Each completed `tunebench run` is added to the store. A change in accuracy or format_adherence is "
                + "tested against the cell's previous run: paired (exact McNemar on the shared rows) when the data are "
                + "the same, unpaired (two-proportion z-test) when they differ; * marks p < 0.05. Other metrics are "
                + "shown without a test.")
final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "SUITE_NAME", description = "The suite's name: (as in summary.json suite).")
    String suite;
    @Option(names = "--metric", defaultValue = "accuracy", paramLabel = "NAME",
            description = "A metric of summary.json (accuracy, format_adherence, latency_ms_p50...) or a scorer's name. Default: ${DEFAULT-VALUE}.")
    String metric;
    @Option(names = "--model", paramLabel = "ID", description = "Only this model.")
    String model;
    @Option(names = "--technique", paramLabel = "NAME", description = "Only this technique.")
    String technique;
    @Option(names = "--last", defaultValue = "0", paramLabel = "N", description = "Only the last N runs (0 = all).")
    int last;
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        Flags.atLeast("--last", last, 0);
        PrintWriter out = spec.commandLine().getOut();
        List<HistoryRow> rows;
        try (SqliteStore store = storeOptions.openRequired(spec.commandLine().getErr(), "tunebench history")) {
            if (store.runs(suite).isEmpty()) {
                throw new InputException("the store " + store.file() + " holds no run of a suite named '" + suite
                        + "'. Runs are added when `tunebench run` completes with the store on; the name is the suite's name: (summary.json suite).");
            }
            rows = History.of(store, suite, metric, model, technique, last);
        }
        if (rows.isEmpty()) {
            throw new InputException("no figures of metric '" + metric + "'" + (model == null ? "" : " for model '" + model + "'")
                    + (technique == null ? "" : " and technique '" + technique + "'") + " in the runs of '" + suite
                    + "'. Check the names against summary.json (metrics, scores) and the suite's models and techniques.");
        }
        if (json) {
            printJson(rows, out);
        } else {
            printTable(rows, out);
        }
        return ExitCodes.OK;
    }

    private void printTable(List<HistoryRow> rows, PrintWriter out) {
        out.printf(Locale.ROOT, "%s · %s%n", suite, metric);
        out.printf(Locale.ROOT, "%-20s  %-10s  %-5s  %-24s  %-10s  %-22s  %-9s  %s%n", "started", "commit", "gate",
                "model", "technique", "value [95% CI]", "change", "p (test)");
        for (HistoryRow r : rows) {
            var f = r.figure();
            String ci = f.ciLow() == null || f.ciHigh() == null ? "" : " [" + num(f.ciLow()) + ", " + num(f.ciHigh()) + "]";
            String change = r.change() == null ? "" : String.format(Locale.ROOT, "%+.4f", r.change());
            String test = r.p() == null ? (r.change() == null ? "" : "not tested")
                    : String.format(Locale.ROOT, "%.3g%s (%s)", r.p(), r.significant() ? " *" : "", r.test());
            out.printf(Locale.ROOT, "%-20s  %-10s  %-5s  %-24s  %-10s  %-22s  %-9s  %s%n", r.startedAt(),
                    r.gitCommit() == null ? "" : r.gitCommit().substring(0, Math.min(10, r.gitCommit().length())),
                    r.gate() == null ? "" : r.gate(), r.model(), r.technique(), num(f.value()) + ci, change, test);
        }
    }

    private static String num(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private void printJson(List<HistoryRow> rows, PrintWriter out) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("suite", suite);
        root.put("metric", metric);
        ArrayNode list = root.putArray("rows");
        for (HistoryRow r : rows) {
            ObjectNode o = list.addObject();
            o.put("started_at", r.startedAt());
            o.put("run_dir", r.runDir());
            o.put("git_commit", r.gitCommit());
            o.put("gate", r.gate());
            o.put("model", r.model());
            o.put("technique", r.technique());
            o.put("value", r.figure().value());
            o.put("ci_low", r.figure().ciLow());
            o.put("ci_high", r.figure().ciHigh());
            o.put("n", r.figure().n());
            o.put("change", r.change());
            o.put("p", r.p());
            o.put("test", r.test());
            o.put("significant", r.significant());
        }
        try {
            out.println(Json.PRETTY.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.tunebench.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.reports.Cell;
import dev.tunebench.reports.Json;
import dev.tunebench.reports.RunSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Latency percentiles: one chart over the quality run's cells, and one per perf scenario when the
 * performance block exists (its figures may sit on the entry itself or under {@code metrics}).
 */
final class LatencyCharts {
    private static final List<String> RUN_SERIES = List.of("p50", "p95", "p99");
    private static final List<String> PERF_SERIES = List.of("p50", "p90", "p95", "p99");

    record Chart(String title, String svg) {
    }

    private LatencyCharts() {
    }

    static List<Chart> render(RunSummary summary) {
        List<Chart> charts = new ArrayList<>();
        List<BarChart.Group> groups = new ArrayList<>();
        for (Cell c : summary.cells()) {
            groups.add(new BarChart.Group(c.key().toString(), RUN_SERIES.stream()
                    .map(p -> c.value("latency_ms_" + p)).toList()));
        }
        add(charts, "End-to-end latency per model × technique (ms)", RUN_SERIES, groups);
        for (String scenario : scenarios(summary.perf())) {
            for (String metric : List.of("latency_ms", "ttft_ms")) {
                List<BarChart.Group> perf = new ArrayList<>();
                for (JsonNode entry : summary.perf()) {
                    if (scenario.equals(scenario(entry))) {
                        perf.add(new BarChart.Group(label(entry), PERF_SERIES.stream()
                                .map(p -> figure(entry, metric + "_" + p)).toList()));
                    }
                }
                add(charts, "Scenario " + scenario + ": " + (metric.equals("ttft_ms") ? "time to first token" : "latency")
                        + " (ms)", PERF_SERIES, perf);
            }
        }
        return List.copyOf(charts);
    }

    private static void add(List<Chart> charts, String title, List<String> series, List<BarChart.Group> groups) {
        String svg = BarChart.render(title, "ms", series, groups);
        if (svg != null) {
            charts.add(new Chart(title, svg));
        }
    }

    private static List<String> scenarios(List<JsonNode> perf) {
        return perf.stream().map(LatencyCharts::scenario).distinct().toList();
    }

    private static String scenario(JsonNode entry) {
        return Json.text(entry, "scenario", Json.text(entry, "name", "perf"));
    }

    /** The model, plus the load setting that tells entries of one scenario apart. */
    private static String label(JsonNode entry) {
        String label = Json.text(entry, "model", "?");
        for (String setting : List.of("batch_size", "concurrency", "rate")) {
            String v = Json.text(entry, setting, null);
            if (v != null) {
                label += " · " + setting + " " + v;
            }
        }
        return label;
    }

    private static Double figure(JsonNode entry, String name) {
        Double direct = Json.number(entry, name);
        return direct != null ? direct : Json.number(Json.object(entry, "metrics"), name);
    }
}

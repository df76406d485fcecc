package dev.tunebench.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.results.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's trend section: accuracy of each model × technique across the earlier runs of the suite the
 * store holds, with 95% intervals. Reads trend.json, which {@code tunebench run} writes from the store; no
 * trend.json (no store, or the suite's first run) means no section.
 */
final class TrendChart {
    static final String FILE = "trend.json";
    private static final String METRIC = "accuracy";
    private static final int W = 720;
    private static final int H = 320;
    private static final int LEFT = 60;
    private static final int RIGHT = W - 170;
    private static final int TOP = 30;
    private static final int BOTTOM = H - 50;
    /** The report's palette has seven series colours; the history command shows every cell. */
    private static final int MAX_SERIES = 7;

    private TrendChart() {
    }

    /** {@code caption} and {@code svg} for the template, or null when the run folder has no trend. */
    static Map<String, Object> of(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode trend;
        try {
            trend = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
        JsonNode runs = trend.path("runs");
        Map<String, double[][]> series = new TreeMap<>();
        for (int i = 0; i < runs.size(); i++) {
            for (JsonNode c : runs.get(i).path("cells")) {
                if (METRIC.equals(c.path("metric").asText()) && c.path("value").isNumber()) {
                    double[][] points = series.computeIfAbsent(c.path("model").asText() + " · " + c.path("technique").asText(),
                            k -> new double[runs.size()][]);
                    points[i] = new double[] {c.get("value").asDouble(), c.path("ci_low").asDouble(Double.NaN),
                            c.path("ci_high").asDouble(Double.NaN)};
                }
            }
        }
        if (runs.size() < 2 || series.isEmpty()) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        int shown = Math.min(MAX_SERIES, series.size());
        view.put("caption", "Accuracy per model × technique over the last " + runs.size() + " runs of suite "
                + trend.path("suite").asText() + " in the store (95% intervals; the last run is this one)"
                + (shown < series.size() ? "; " + shown + " of " + series.size() + " cells shown, `tunebench history` lists all" : "")
                + ".");
        view.put("svg", Templates.markup(render(runs, series, shown)));
        return view;
    }

    private static String render(JsonNode runs, Map<String, double[][]> series, int shown) {
        Svg svg = new Svg(W, H, "Accuracy across runs");
        Svg.Scale x = Svg.Scale.of(0, runs.size() - 1, LEFT + 20, RIGHT - 20);
        Svg.Scale y = Svg.Scale.of(0, 1, BOTTOM, TOP);
        svg.line(LEFT, BOTTOM, RIGHT, BOTTOM, "axis").line(LEFT, TOP, LEFT, BOTTOM, "axis");
        for (int t = 0; t <= 4; t++) {
            svg.line(LEFT, y.at(t / 4.0), RIGHT, y.at(t / 4.0), "grid")
                    .text(LEFT - 6, y.at(t / 4.0) + 4, String.format(Locale.ROOT, "%.0f%%", t * 25.0), "end", "tick");
        }
        int every = Math.max(1, runs.size() / 8);
        for (int i = 0; i < runs.size(); i++) {
            JsonNode run = runs.get(i);
            if (i % every == 0 || i == runs.size() - 1) {
                String day = run.path("started_at").asText();
                svg.text(x.at(i), BOTTOM + 16, day.length() >= 10 ? day.substring(5, 10) : day, "middle", "tick");
            }
        }
        svg.text((LEFT + RIGHT) / 2.0, H - 14, "run (start date)", "middle", "axis-label")
                .text(LEFT, TOP - 10, METRIC, "start", "axis-label");
        int s = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            if (s == shown) {
                break;
            }
            String cls = "s" + s;
            List<double[]> line = new ArrayList<>();
            double[][] points = e.getValue();
            for (int i = 0; i < points.length; i++) {
                if (points[i] == null) {
                    continue;
                }
                double px = x.at(i);
                double[] p = points[i];
                line.add(new double[] {px, y.at(p[0])});
                if (!Double.isNaN(p[1]) && !Double.isNaN(p[2])) {
                    svg.line(px, y.at(p[1]), px, y.at(p[2]), "series " + cls);
                }
                JsonNode run = runs.get(i);
                String tip = e.getKey() + " · " + run.path("started_at").asText()
                        + (run.hasNonNull("git_commit") ? " · " + run.get("git_commit").asText().substring(0,
                        Math.min(10, run.get("git_commit").asText().length())) : "")
                        + (run.hasNonNull("gate") ? " · gate " + run.get("gate").asText() : "")
                        + (run.path("same_data").asBoolean(true) ? "" : " · other data")
                        + String.format(Locale.ROOT, ": %.1f%%", p[0] * 100);
                svg.circle(px, y.at(p[0]), run.path("current").asBoolean() ? 5 : 3, "dot " + cls, tip);
            }
            svg.polyline(line, "series " + cls);
            svg.text(RIGHT + 8, TOP + 14 + 16 * s, e.getKey(), "start", "series-label " + cls);
            s++;
        }
        return svg.finish();
    }
}

package dev.tunebench.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reliability diagram of each classifier cell (summary.json {@code results[].calibration}): per confidence
 * bin, a bar at the share of right answers against the diagonal of perfect calibration, with the expected
 * calibration error in the caption. A self-contained block of report.html: {@link #of} gives the template a list
 * of {@code {title, svg}}; the template shows the section only when the list is not empty.
 */
final class ReliabilityDiagram {
    private static final int SIZE = 240;
    private static final int PAD = 34;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReliabilityDiagram() {
    }

    static List<Map<String, Object>> of(Path runDir) throws IOException {
        Path file = runDir.resolve("summary.json");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode r : JSON.readTree(file.toFile()).path("results")) {
            JsonNode cal = r.path("calibration");
            if (!cal.isObject()) {
                continue;
            }
            String title = r.path("model").asText() + " / " + r.path("technique").asText() + " · ECE "
                    + String.format(Locale.ROOT, "%.3f", cal.path("ece").asDouble(Double.NaN)) + " (n=" + cal.path("n").asInt() + ")";
            out.add(Map.of("title", title, "svg", Templates.markup(render(cal, title))));
        }
        return List.copyOf(out);
    }

    static String render(JsonNode calibration, String title) {
        Svg svg = new Svg(SIZE + PAD + 8, SIZE + PAD + 8, "Reliability diagram " + title);
        Svg.Scale x = Svg.Scale.of(0, 1, PAD, PAD + SIZE);
        Svg.Scale y = Svg.Scale.of(0, 1, 8 + SIZE, 8);
        for (double t = 0; t <= 1.0001; t += 0.25) {
            svg.line(x.at(0), y.at(t), x.at(1), y.at(t), "grid")
                    .text(PAD - 4, y.at(t) + 4, String.format(Locale.ROOT, "%.2f", t), "end", "tick")
                    .text(x.at(t), 8 + SIZE + 14, String.format(Locale.ROOT, "%.2f", t), "middle", "tick");
        }
        for (JsonNode bin : calibration.path("bins")) {
            int count = bin.path("count").asInt();
            if (count == 0) {
                continue;
            }
            double lo = bin.path("lower").asDouble();
            double hi = bin.path("upper").asDouble();
            double acc = bin.path("accuracy").asDouble();
            double conf = bin.path("confidence").asDouble();
            String tip = String.format(Locale.ROOT, "confidence %.2f-%.2f: %d rows, mean confidence %.3f, accuracy %.3f",
                    lo, hi, count, conf, acc);
            svg.rect(x.at(lo) + 1, y.at(acc), x.at(hi) - x.at(lo) - 2, y.at(0) - y.at(acc), "bar s1", tip);
        }
        svg.line(x.at(0), y.at(0), x.at(1), y.at(1), "axis")
                .line(x.at(0), y.at(0), x.at(1), y.at(0), "axis")
                .line(x.at(0), y.at(0), x.at(0), y.at(1), "axis")
                .text(x.at(0.5), 8 + SIZE + 28, "confidence", "middle", "axis-label")
                .text(x.at(0.02), y.at(0.95), "accuracy", "start", "axis-label");
        return svg.finish();
    }
}

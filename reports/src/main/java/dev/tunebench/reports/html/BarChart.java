package dev.tunebench.reports.html;

import dev.tunebench.reports.Text;
import java.util.List;
import java.util.Locale;

/**
 * Horizontal grouped bars, one group per label and one bar per series (e.g. p50, p95, p99): horizontal so
 * long model and technique names stay readable.
 */
final class BarChart {
    private static final int W = 720;
    private static final int LABEL = 220;
    private static final int BAR = 11;
    private static final int GAP = 14;
    private static final int TOP = 28;

    /** One group; a null value is a missing bar. */
    record Group(String label, List<Double> values) {
    }

    private BarChart() {
    }

    /** Null when no group has any value. */
    static String render(String title, String unit, List<String> series, List<Group> groups) {
        double max = groups.stream().flatMap(g -> g.values().stream()).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        if (Double.isNaN(max)) {
            return null;
        }
        int groupHeight = series.size() * BAR + GAP;
        int height = TOP + groups.size() * groupHeight + 24;
        Svg svg = new Svg(W, height, title);
        Svg.Scale x = Svg.Scale.of(0, max * 1.1, LABEL, W - 70);
        for (int s = 0; s < series.size(); s++) {
            svg.rect(LABEL + s * 90, 8, 10, 10, "bar s" + (s + 1), null)
                    .text(LABEL + s * 90 + 14, 17, series.get(s), "start", "tick");
        }
        int y = TOP;
        for (Group g : groups) {
            svg.text(LABEL - 8, y + groupHeight / 2.0, Text.ellipsis(g.label(), 34), "end", "bar-label");
            for (int s = 0; s < series.size(); s++) {
                Double v = s < g.values().size() ? g.values().get(s) : null;
                if (v != null) {
                    String shown = String.format(Locale.ROOT, "%.2f", v);
                    svg.rect(LABEL, y + s * BAR, x.at(v) - LABEL, BAR - 2, "bar s" + (s + 1),
                                    g.label() + " " + series.get(s) + ": " + shown + " " + unit)
                            .text(x.at(v) + 4, y + s * BAR + BAR - 3, shown, "start", "bar-value");
                }
            }
            y += groupHeight;
        }
        svg.line(LABEL, TOP - 4, LABEL, y, "axis").text(W - 70, y + 16, unit, "end", "axis-label");
        return svg.finish();
    }
}

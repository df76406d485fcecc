package dev.tunebench.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.reports.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cost per day against requests per day: the baseline's reference cell and each fine-tuned cell that meets
 * the bar (fixed cost per day + requests / 1000 × cost per 1,000 requests), break-even points marked. The
 * volume axis runs to twice the largest break-even, or, when nothing breaks even, to twice the volume at
 * which the reference's request cost reaches the largest fixed cost, so the gap stays visible.
 */
final class EconomicsChart {
    private static final int W = 720;
    private static final int H = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = W - 30;
    private static final int TOP = 30;
    private static final int BOTTOM = H - 40;
    /** More lines than this overlap into noise; the table lists every cell. */
    static final int MAX_LINES = 4;

    private EconomicsChart() {
    }

    static String render(JsonNode economics) {
        JsonNode ref = economics.path("reference");
        JsonNode cells = economics.path("cells");
        if (!ref.isObject() || cells.isEmpty()) {
            return null;
        }
        String currency = Text.clean(economics.path("currency").asText());
        double refCost = ref.path("cost_per_1k_requests").asDouble();
        double refFixed = ref.path("fixed_per_day").asDouble();
        double xMax = 0;
        for (JsonNode c : cells) {
            if (c.path("break_even_requests_per_day").isNumber()) {
                xMax = Math.max(xMax, 2 * c.get("break_even_requests_per_day").asDouble());
            } else if (refCost > 0) {
                xMax = Math.max(xMax, 2 * (c.path("fixed_per_day").asDouble() - refFixed) / refCost * 1000);
            }
        }
        xMax = xMax > 0 ? xMax : 1000;
        List<JsonNode> shown = new ArrayList<>();
        cells.forEach(c -> {
            if (shown.size() < MAX_LINES) {
                shown.add(c);
            }
        });
        double yMax = refFixed + xMax / 1000 * refCost;
        for (JsonNode c : shown) {
            yMax = Math.max(yMax, c.path("fixed_per_day").asDouble() + xMax / 1000 * c.path("cost_per_1k_requests").asDouble());
        }
        Svg svg = new Svg(W, H, "Cost per day against requests per day: fine-tune against the baseline's prompt");
        Svg.Scale x = Svg.Scale.of(0, xMax, LEFT, RIGHT);
        Svg.Scale y = Svg.Scale.of(0, yMax * 1.05, BOTTOM, TOP);
        svg.line(LEFT, BOTTOM, RIGHT, BOTTOM, "axis").line(LEFT, TOP, LEFT, BOTTOM, "axis");
        for (int t = 0; t <= 4; t++) {
            double cost = y.hi() * t / 4;
            double volume = xMax * t / 4;
            svg.line(LEFT, y.at(cost), RIGHT, y.at(cost), "grid")
                    .text(LEFT - 6, y.at(cost) + 4, String.format(Locale.ROOT, "%,.2f", cost), "end", "tick")
                    .text(x.at(volume), BOTTOM + 16, String.format(Locale.ROOT, "%,.0f", volume), "middle", "tick");
        }
        svg.text(LEFT, TOP - 12, currency + " per day", "start", "axis-label")
                .text((LEFT + RIGHT) / 2.0, H - 6, "requests per day", "middle", "axis-label");
        line(svg, x, y, refFixed, refCost, xMax, "s0", Text.clean(ref.path("model").asText() + "/" + ref.path("technique").asText()) + " (baseline)");
        int i = 1;
        for (JsonNode c : shown) {
            String name = Text.clean(c.path("model").asText() + "/" + c.path("technique").asText());
            line(svg, x, y, c.path("fixed_per_day").asDouble(), c.path("cost_per_1k_requests").asDouble(), xMax, "s" + i, name);
            JsonNode be = c.path("break_even_requests_per_day");
            if (be.isNumber()) {
                double v = be.asDouble();
                double cost = refFixed + v / 1000 * refCost;
                svg.circle(x.at(v), y.at(cost), 5, "best-dot", name + " breaks even at "
                        + String.format(Locale.ROOT, "%,.0f", v) + " requests a day");
            }
            i++;
        }
        return svg.finish();
    }

    private static void line(Svg svg, Svg.Scale x, Svg.Scale y, double fixed, double per1k, double xMax, String cls, String name) {
        double end = fixed + xMax / 1000 * per1k;
        svg.polyline(List.of(new double[] {x.at(0), y.at(fixed)}, new double[] {x.at(xMax), y.at(end)}), "series " + cls);
        svg.text(x.at(xMax) - 4, y.at(end) - 6, name, "end", "series-label " + cls);
    }
}

package dev.tunebench.reports.html;

import dev.tunebench.reports.Cell;
import dev.tunebench.reports.Column;
import dev.tunebench.reports.RunSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cost against accuracy for every model × technique, with the Pareto frontier: the cells no other cell
 * beats on both. This is the "fine-tune or prompt?" answer: the frontier says which buys accuracy cheapest.
 * Cost is cost per 1k requests when the suite priced tokens, else mean total tokens per request.
 * Public only because FreeMarker reads the components of public types alone.
 */
public final class ParetoChart {
    private static final int W = 720;
    private static final int H = 340;
    private static final int LEFT = 70;
    private static final int RIGHT = W - 30;
    private static final int TOP = 20;
    private static final int BOTTOM = H - 44;

    public record Point(String label, double cost, double accuracy, boolean frontier) {
    }

    /** The chart and its points in order of cost, numbered as in the chart, for the table under it. */
    public record Pareto(String svg, String costLabel, List<Point> points) {
    }

    private ParetoChart() {
    }

    /** Null when fewer than one cell has both an accuracy and a cost. */
    static Pareto render(RunSummary summary) {
        boolean priced = summary.cells().stream().anyMatch(c -> c.value(Column.COST.metric()) != null);
        String costMetric = priced ? Column.COST.metric() : "total_tokens_mean";
        String costLabel = priced ? "cost per 1k requests" + (summary.currency().isEmpty() ? "" : " (" + summary.currency() + ")")
                : "mean tokens per request";
        List<Point> points = points(summary.cells(), costMetric);
        if (points.isEmpty()) {
            return null;
        }
        double maxCost = points.stream().mapToDouble(Point::cost).max().orElse(1);
        double minAcc = Math.min(0.0, points.stream().mapToDouble(Point::accuracy).min().orElse(0));
        Svg.Scale x = Svg.Scale.of(0, maxCost * 1.05, LEFT, RIGHT);
        Svg.Scale y = Svg.Scale.of(minAcc, 1, BOTTOM, TOP);
        Svg svg = new Svg(W, H, "Accuracy against " + costLabel + " with the Pareto frontier");
        svg.line(LEFT, BOTTOM, RIGHT, BOTTOM, "axis").line(LEFT, TOP, LEFT, BOTTOM, "axis");
        for (int t = 0; t <= 4; t++) {
            double acc = minAcc + (1 - minAcc) * t / 4;
            double cost = maxCost * 1.05 * t / 4;
            svg.line(LEFT, y.at(acc), RIGHT, y.at(acc), "grid")
                    .text(LEFT - 6, y.at(acc) + 4, Column.ACCURACY.format(acc), "end", "tick")
                    .text(x.at(cost), BOTTOM + 16, priced ? Column.COST.format(cost) : Column.PROMPT_TOKENS.format(cost),
                            "middle", "tick");
        }
        svg.text((LEFT + RIGHT) / 2.0, H - 8, costLabel, "middle", "axis-label")
                .text(LEFT + 4, TOP + 12, "accuracy", "start", "axis-label");
        List<double[]> front = new ArrayList<>();
        for (Point p : points) {
            if (p.frontier()) {
                front.add(new double[] {x.at(p.cost()), y.at(p.accuracy())});
            }
        }
        svg.polyline(front, "frontier");
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double px = x.at(p.cost());
            double py = y.at(p.accuracy());
            svg.circle(px, py, p.frontier() ? 6 : 4, p.frontier() ? "dot pareto" : "dot dominated",
                    p.label() + ": accuracy " + Column.ACCURACY.format(p.accuracy()) + ", " + costLabel + " "
                            + Column.PROMPT_TOKENS.format(p.cost()) + (p.frontier() ? " (Pareto-optimal)" : ""));
            // Numbers keep crowded points readable; the table under the chart names them, frontier points are named here too.
            String label = (i + 1) + (p.frontier() ? " " + p.label() : "");
            boolean nearRight = px > RIGHT - 160;
            svg.text(nearRight ? px - 8 : px + 8, py - 6, label, nearRight ? "end" : "start",
                    p.frontier() ? "point-label pareto" : "point-label");
        }
        return new Pareto(svg.finish(), costLabel, points);
    }

    /** Sorted by cost; a point is on the frontier when it beats every cheaper point's accuracy. */
    static List<Point> points(List<Cell> cells, String costMetric) {
        List<Cell> usable = new ArrayList<>(cells.stream()
                .filter(c -> c.value("accuracy") != null && c.value(costMetric) != null).toList());
        usable.sort(Comparator.<Cell>comparingDouble(c -> c.value(costMetric))
                .thenComparing(c -> -c.value("accuracy")));
        List<Point> points = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Cell c : usable) {
            double acc = c.value("accuracy");
            boolean frontier = acc > best;
            best = Math.max(best, acc);
            points.add(new Point(c.key().toString(), c.value(costMetric), acc, frontier));
        }
        return List.copyOf(points);
    }
}

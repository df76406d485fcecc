package dev.tunebench.reports.html;

import dev.tunebench.reports.Checkpoint;
import dev.tunebench.reports.Column;
import dev.tunebench.reports.RunSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Validation loss (left axis) and accuracy per technique (right axis) against the epoch, with the best
 * checkpoint marked and the overfitting stretch shaded, so "which checkpoint ships?" reads at a glance.
 */
final class CheckpointChart {
    private static final int W = 720;
    private static final int H = 320;
    private static final int LEFT = 60;
    private static final int RIGHT = W - 60;
    private static final int TOP = 40;
    private static final int BOTTOM = H - 40;
    /** More than two accuracy lines bury the curve under overlapping labels; the matrix has them all. */
    private static final int MAX_TECHNIQUES = 2;

    private CheckpointChart() {
    }

    /** The chart, or null when there are no checkpoints with an epoch or step. */
    static String render(RunSummary summary) {
        List<Checkpoint> points = new ArrayList<>(summary.checkpoints().stream().filter(c -> c.x() != null).toList());
        if (points.isEmpty()) {
            return null;
        }
        points.sort(Comparator.comparing(Checkpoint::x));
        boolean byEpoch = points.get(0).epoch() != null;
        Svg svg = new Svg(W, H, "Checkpoint curve: validation loss and accuracy per " + (byEpoch ? "epoch" : "step"));
        Svg.Scale x = Svg.Scale.of(points.get(0).x(), points.get(points.size() - 1).x(), LEFT + 20, RIGHT - 20);
        double[] loss = lossRange(points);
        Svg.Scale yLoss = Svg.Scale.of(loss[0], loss[1], BOTTOM, TOP);
        Svg.Scale yAcc = Svg.Scale.of(0, 1, BOTTOM, TOP);

        shadeOverfitting(svg, summary, points, x);
        axes(svg, points, x, yLoss, yAcc, byEpoch);
        series(svg, points, x, yLoss, Checkpoint::validationLoss, "s0", "validation loss");
        series(svg, points, x, yLoss, Checkpoint::trainLoss, "s0 dashed", "train loss");
        int i = 1;
        for (String technique : techniques(summary, points)) {
            series(svg, points, x, yAcc, c -> c.metric(technique, "accuracy"), "s" + i,
                    "accuracy · " + technique);
            i++;
        }
        markBest(svg, summary, points, x, yLoss);
        return svg.finish();
    }

    private static double[] lossRange(List<Checkpoint> points) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (Checkpoint c : points) {
            for (Double v : new Double[] {c.validationLoss(), c.trainLoss()}) {
                if (v != null) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo > hi ? new double[] {0, 1} : new double[] {lo, hi};
    }

    /** The reference technique first, then the others in the order they appear, at most {@link #MAX_TECHNIQUES}. */
    private static Set<String> techniques(RunSummary summary, List<Checkpoint> points) {
        Set<String> all = new LinkedHashSet<>();
        if (summary.referenceTechnique() != null) {
            all.add(summary.referenceTechnique());
        }
        points.forEach(c -> all.addAll(c.metrics().keySet()));
        all.removeIf(t -> points.stream().noneMatch(c -> c.metric(t, "accuracy") != null));
        return all.stream().limit(MAX_TECHNIQUES).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static void axes(Svg svg, List<Checkpoint> points, Svg.Scale x, Svg.Scale yLoss, Svg.Scale yAcc,
                             boolean byEpoch) {
        svg.line(LEFT, BOTTOM, RIGHT, BOTTOM, "axis").line(LEFT, TOP, LEFT, BOTTOM, "axis")
                .line(RIGHT, TOP, RIGHT, BOTTOM, "axis");
        for (int t = 0; t <= 4; t++) {
            double loss = yLoss.lo() + (yLoss.hi() - yLoss.lo()) * t / 4;
            svg.line(LEFT, yLoss.at(loss), RIGHT, yLoss.at(loss), "grid")
                    .text(LEFT - 6, yLoss.at(loss) + 4, String.format(Locale.ROOT, "%.3f", loss), "end", "tick")
                    .text(RIGHT + 6, yAcc.at(t / 4.0) + 4, Column.ACCURACY.format(t / 4.0), "start", "tick");
        }
        for (Checkpoint c : points) {
            String tick = c.x() == Math.rint(c.x()) ? Long.toString(c.x().longValue()) : Column.PROMPT_TOKENS.format(c.x());
            svg.text(x.at(c.x()), BOTTOM + 16, tick, "middle", "tick");
        }
        svg.text((LEFT + RIGHT) / 2.0, H - 6, byEpoch ? "epoch" : "step", "middle", "axis-label")
                .text(LEFT, TOP - 10, "validation loss", "start", "axis-label")
                .text(RIGHT, TOP - 10, "accuracy", "end", "axis-label");
    }

    private static void series(Svg svg, List<Checkpoint> points, Svg.Scale x, Svg.Scale y,
                               Function<Checkpoint, Double> value, String cls, String name) {
        List<double[]> line = new ArrayList<>();
        List<String> tips = new ArrayList<>();
        for (Checkpoint c : points) {
            Double v = value.apply(c);
            if (v != null) {
                line.add(new double[] {x.at(c.x()), y.at(v)});
                tips.add(name + " at " + c.model() + ": " + String.format(Locale.ROOT, "%.4f", v));
            }
        }
        if (line.isEmpty()) {
            return;
        }
        svg.polyline(line, "series " + cls);
        for (int i = 0; i < line.size(); i++) {
            svg.circle(line.get(i)[0], line.get(i)[1], 3, "dot " + cls, tips.get(i));
        }
        double[] last = line.get(line.size() - 1);
        svg.text(last[0] - 4, last[1] - 8, name, "end", "series-label " + cls);
    }

    private static void markBest(Svg svg, RunSummary summary, List<Checkpoint> points, Svg.Scale x, Svg.Scale yLoss) {
        if (summary.best() == null) {
            return;
        }
        points.stream().filter(c -> c.model().equals(summary.best().model())).findFirst().ifPresent(c -> {
            double cx = x.at(c.x());
            svg.line(cx, TOP, cx, BOTTOM, "best-line");
            if (c.validationLoss() != null) {
                svg.circle(cx, yLoss.at(c.validationLoss()), 7, "best-dot",
                        "best checkpoint " + c.model() + " by " + summary.best().criterion());
            }
            svg.text(cx, TOP - 24, "best: " + c.model(), "middle", "best-label");
        });
    }

    private static void shadeOverfitting(Svg svg, RunSummary summary, List<Checkpoint> points, Svg.Scale x) {
        RunSummary.Overfitting o = summary.overfitting();
        if (o == null || !o.detected() || o.fromModel() == null) {
            return;
        }
        int at = -1;
        for (int i = 0; i < points.size(); i++) {
            at = points.get(i).model().equals(o.fromModel()) ? i : at;
        }
        if (at < 0) {
            return;
        }
        // The shade starts halfway after the previous checkpoint: the turn happened somewhere in between.
        double to = x.at(points.get(at).x());
        double from = at == 0 ? LEFT : (x.at(points.get(at - 1).x()) + to) / 2;
        svg.rect(from, TOP, RIGHT - from, BOTTOM - TOP, "overfit", "overfitting: " + o.reason())
                .text(RIGHT - 4, TOP + 14, "overfitting from " + o.fromModel(), "end", "overfit-label");
    }
}

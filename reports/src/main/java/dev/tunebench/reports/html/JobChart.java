package dev.tunebench.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.reports.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One training job's curves per step (or epoch): train and validation loss on the left axis, the job's train
 * and validation token accuracy and each checkpoint's evaluated accuracy on the right, checkpoints marked.
 */
final class JobChart {
    private static final int W = 720;
    private static final int H = 320;
    private static final int LEFT = 60;
    private static final int RIGHT = W - 60;
    private static final int TOP = 48;
    private static final int BOTTOM = H - 40;

    private JobChart() {
    }

    /** {@code evaluated}: each checkpoint's accuracy with the reference technique. Null when the job has no curve. */
    static String render(JsonNode job, Map<String, Double> evaluated, String technique) {
        JsonNode curve = job.path("curve");
        String axis = job.path("axis").asText("step").equals("epoch") ? "epoch" : "step";
        if (curve.isEmpty()) {
            return null;
        }
        double xLo = Double.MAX_VALUE;
        double xHi = -Double.MAX_VALUE;
        double lLo = Double.MAX_VALUE;
        double lHi = -Double.MAX_VALUE;
        for (JsonNode p : curve) {
            double x = p.path(axis).asDouble();
            xLo = Math.min(xLo, x);
            xHi = Math.max(xHi, x);
            for (String f : List.of("train_loss", "validation_loss")) {
                if (p.path(f).isNumber()) {
                    lLo = Math.min(lLo, p.get(f).asDouble());
                    lHi = Math.max(lHi, p.get(f).asDouble());
                }
            }
        }
        for (JsonNode m : job.path("checkpoints")) {
            if (m.path("at").isNumber()) {
                xLo = Math.min(xLo, m.get("at").asDouble());
                xHi = Math.max(xHi, m.get("at").asDouble());
            }
        }
        if (lLo > lHi) {
            lLo = 0;
            lHi = 1;
        }
        Svg svg = new Svg(W, H, "Training curves per " + axis + " with checkpoints and their evaluated accuracy");
        Svg.Scale x = Svg.Scale.of(Math.min(0, xLo), xHi, LEFT, RIGHT - 20);
        Svg.Scale yLoss = Svg.Scale.of(Math.min(0, lLo), lHi, BOTTOM, TOP);
        Svg.Scale yAcc = Svg.Scale.of(0, 1, BOTTOM, TOP);
        svg.line(LEFT, BOTTOM, RIGHT, BOTTOM, "axis").line(LEFT, TOP, LEFT, BOTTOM, "axis").line(RIGHT, TOP, RIGHT, BOTTOM, "axis");
        for (int t = 0; t <= 4; t++) {
            double loss = yLoss.lo() + (yLoss.hi() - yLoss.lo()) * t / 4;
            svg.line(LEFT, yLoss.at(loss), RIGHT, yLoss.at(loss), "grid")
                    .text(LEFT - 6, yLoss.at(loss) + 4, String.format(Locale.ROOT, "%.2f", loss), "end", "tick")
                    .text(RIGHT + 6, yAcc.at(t / 4.0) + 4, String.format(Locale.ROOT, "%.0f%%", 100 * t / 4.0), "start", "tick");
        }
        svg.text(LEFT, TOP - 10, "loss", "start", "axis-label").text(RIGHT, TOP - 10, "accuracy", "end", "axis-label")
                .text((LEFT + RIGHT) / 2.0, H - 6, axis, "middle", "axis-label");
        for (JsonNode m : job.path("checkpoints")) {
            if (m.path("at").isNumber()) {
                double cx = x.at(m.get("at").asDouble());
                svg.line(cx, TOP, cx, BOTTOM, "best-line")
                        .text(cx, BOTTOM + 16, tick(m.get("at").asDouble()), "middle", "tick")
                        .text(cx, TOP - 26, Text.clean(m.path("model").asText()), "middle", "point-label");
            }
        }
        series(svg, curve, axis, "train_loss", x, yLoss, "s0 dashed", "train loss");
        series(svg, curve, axis, "validation_loss", x, yLoss, "s0", "validation loss");
        series(svg, curve, axis, "train_accuracy", x, yAcc, "s2 dashed", "train accuracy");
        series(svg, curve, axis, "validation_accuracy", x, yAcc, "s2", "validation token accuracy");
        List<double[]> eval = new ArrayList<>();
        List<String> tips = new ArrayList<>();
        for (JsonNode m : job.path("checkpoints")) {
            Double acc = evaluated.get(Text.clean(m.path("model").asText()));
            if (acc != null && m.path("at").isNumber()) {
                eval.add(new double[] {x.at(m.get("at").asDouble()), yAcc.at(acc)});
                tips.add(Text.clean(m.path("model").asText()) + " evaluated accuracy (" + technique + "): "
                        + String.format(Locale.ROOT, "%.1f%%", 100 * acc));
            }
        }
        if (!eval.isEmpty()) {
            svg.polyline(eval, "series s1");
            for (int i = 0; i < eval.size(); i++) {
                svg.circle(eval.get(i)[0], eval.get(i)[1], 4, "dot s1", tips.get(i));
            }
            double[] last = eval.get(eval.size() - 1);
            svg.text(last[0] - 6, last[1] - 8, "evaluated accuracy · " + technique, "end", "series-label s1");
        }
        return svg.finish();
    }

    private static void series(Svg svg, JsonNode curve, String axis, String field, Svg.Scale x, Svg.Scale y, String cls, String name) {
        List<double[]> line = new ArrayList<>();
        for (JsonNode p : curve) {
            if (p.path(field).isNumber() && p.path(axis).isNumber()) {
                line.add(new double[] {x.at(p.get(axis).asDouble()), y.at(p.get(field).asDouble())});
            }
        }
        if (line.isEmpty()) {
            return;
        }
        svg.polyline(line, "series " + cls);
        if (line.size() <= 60) {
            line.forEach(pt -> svg.circle(pt[0], pt[1], 2, "dot " + cls, name));
        }
        double[] first = line.get(0);
        svg.text(first[0] + 6, first[1] - 6, name, "start", "series-label " + cls);
    }

    private static String tick(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}

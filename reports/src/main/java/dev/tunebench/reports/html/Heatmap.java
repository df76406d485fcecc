package dev.tunebench.reports.html;

import dev.tunebench.reports.Cell;
import dev.tunebench.reports.CellKey;
import dev.tunebench.reports.Column;
import dev.tunebench.reports.Comparison;
import dev.tunebench.reports.Metric;
import dev.tunebench.reports.PValueText;
import dev.tunebench.reports.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model × technique matrix on accuracy as a heatmap: viridis by value on a fixed 0–100% scale (so a
 * colour means the same in every report, and reads for colour-blind viewers), the interval and tests in
 * the title, marks for the paired comparisons of summary.json. The numbers are in the cells, so the table
 * is its own text alternative. Public only because FreeMarker reads the components of public types alone.
 */
public record Heatmap(List<String> techniques, List<HeatRow> rows) {

    public record HeatRow(String model, boolean baseline, List<HeatCell> cells) {
    }

    /** {@code marks}: ▲/▼ better/worse than the baseline model on this technique, ↑/↓ than the reference technique. */
    public record HeatCell(String value, String style, String title, String marks, boolean chosen) {
    }

    // Viridis at nine evenly spaced stops: matplotlib's _viridis_data rows 0, 32, ..., 224, 255 as 8-bit hex.
    private static final int[] VIRIDIS = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962,
            0xaddc30, 0xfde725};

    static Heatmap of(RunSummary summary, CellKey chosen) {
        List<String> techniques = List.copyOf(summary.techniques());
        List<HeatRow> rows = new ArrayList<>();
        for (String model : summary.models()) {
            List<HeatCell> cells = new ArrayList<>();
            for (String technique : techniques) {
                CellKey key = new CellKey(model, technique);
                cells.add(summary.cell(key).map(c -> cell(c, summary, key.equals(chosen)))
                        .orElse(new HeatCell("–", "", key + ": not run", "", false)));
            }
            rows.add(new HeatRow(model, model.equals(summary.baseline()), List.copyOf(cells)));
        }
        return new Heatmap(techniques, List.copyOf(rows));
    }

    private static HeatCell cell(Cell c, RunSummary summary, boolean chosen) {
        Metric m = c.metrics().get(Column.ACCURACY.metric());
        if (m == null || m.value() == null) {
            return new HeatCell("–", "", c.key() + ": no accuracy", "", chosen);
        }
        StringBuilder title = new StringBuilder(c.key() + ": accuracy " + Column.ACCURACY.format(m.value()) + " "
                + Column.ACCURACY.formatInterval(m.ciLow(), m.ciHigh()) + ", n " + c.n());
        StringBuilder marks = new StringBuilder();
        for (Comparison cmp : summary.comparisons()) {
            if (!cmp.b().equals(c.key()) || !cmp.metric().equals(Column.ACCURACY.metric())) {
                continue;
            }
            boolean vsBaseline = cmp.kind().equals("candidate-vs-baseline");
            title.append("; vs ").append(vsBaseline ? cmp.a().model() : cmp.a().technique()).append(": ")
                    .append(Column.ACCURACY.formatDelta(cmp.difference())).append(", ").append(cmp.verdict());
            String p = PValueText.of(cmp.pAdjusted(), cmp.rawPLog10(), summary.comparisons().size());
            if (!p.isEmpty()) {
                title.append(" (").append(p).append(")");
            }
            if (cmp.verdict().equals("better")) {
                marks.append(vsBaseline ? "▲" : "↑");
            } else if (cmp.verdict().equals("worse")) {
                marks.append(vsBaseline ? "▼" : "↓");
            }
        }
        return new HeatCell(Column.ACCURACY.format(m.value()), style(m.value()), title.toString(), marks.toString(), chosen);
    }

    /** Background by value, dark text on the light end of the scale. */
    static String style(double value) {
        double v = Math.max(0, Math.min(1, value)) * (VIRIDIS.length - 1);
        int i = Math.min((int) v, VIRIDIS.length - 2);
        double f = v - i;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (VIRIDIS[i] >> shift) & 0xff;
            int b = (VIRIDIS[i + 1] >> shift) & 0xff;
            rgb |= ((int) Math.round(a + f * (b - a))) << shift;
        }
        return String.format(Locale.ROOT, "background:#%06x;color:%s", rgb, value >= 0.55 ? "#000" : "#fff");
    }
}

package dev.tunebench.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model × technique matrix shared by the HTML and Markdown views: every figure with its interval and
 * its deltas against the run's baseline (paired comparisons of summary.json); another run is compared in
 * {@link dev.tunebench.reports.compare.RunComparison}.
 */
public record Matrix(List<Column> columns, List<Row> rows, String deltaNote) {

    public record Row(CellKey key, long n, long errors, String unsupported, boolean baseline, List<Entry> entries) {
        public Entry entry(Column column) {
            return entries.get(column.ordinal());
        }
    }

    public record Entry(Column column, String value, String interval, List<Delta> deltas) {
    }

    /** Deltas from the run's own comparisons; a raw, untested difference where no comparison exists. */
    public static Matrix of(RunSummary summary) {
        List<Row> rows = new ArrayList<>();
        for (Cell cell : summary.cells()) {
            boolean isBaseline = cell.key().model().equals(summary.baseline());
            List<Entry> entries = new ArrayList<>();
            for (Column column : Column.values()) {
                List<Delta> deltas = new ArrayList<>();
                for (Comparison c : summary.comparisons()) {
                    if (c.b().equals(cell.key()) && c.metric().equals(column.metric()) && !identical(c)) {
                        deltas.add(new Delta(label(c, cell.key()), column.formatDelta(c.difference()),
                                column.formatDeltaInterval(c.ciLow(), c.ciHigh()), c.verdict(),
                                PValueText.of(c.pAdjusted(), c.rawPLog10(), summary.comparisons().size())));
                    }
                }
                if (deltas.isEmpty() && !isBaseline && summary.baseline() != null) {
                    summary.cell(new CellKey(summary.baseline(), cell.key().technique()))
                            .flatMap(base -> untested(column, cell, base, summary.baseline()))
                            .ifPresent(deltas::add);
                }
                entries.add(entry(column, cell, deltas));
            }
            rows.add(new Row(cell.key(), cell.n(), cell.errors(), cell.unsupported(), isBaseline, List.copyOf(entries)));
        }
        return new Matrix(List.of(Column.values()), List.copyOf(rows),
                "Deltas are b − a from paired comparisons on the same rows (Holm-adjusted, α = 0.05); "
                        + "'untested' marks a plain difference with no test behind it; no delta: identical values.");
    }

    /** An exact tie says nothing a reader needs, and across 200+ comparisons it buries the real deltas. */
    private static boolean identical(Comparison c) {
        return c.difference() != null && c.difference() == 0.0 && "no significant difference".equals(c.verdict());
    }

    private static String label(Comparison c, CellKey b) {
        return "vs " + (c.a().model().equals(b.model()) ? c.a().technique() : c.a().model());
    }

    private static Entry entry(Column column, Cell cell, List<Delta> deltas) {
        Metric m = cell.metrics().get(column.metric());
        return new Entry(column, column.format(m == null ? null : m.value()),
                m == null ? "" : column.formatInterval(m.ciLow(), m.ciHigh()), List.copyOf(deltas));
    }

    /** Empty when either value is missing or they are equal: a row of "±0" would only hide the real deltas. */
    private static Optional<Delta> untested(Column column, Cell cell, Cell base, String baseline) {
        Double a = base.value(column.metric());
        Double b = cell.value(column.metric());
        if (a == null || b == null || a.equals(b)) {
            return Optional.empty();
        }
        return Optional.of(new Delta("vs " + baseline, column.formatDelta(b - a), "", Delta.UNTESTED));
    }
}

package dev.tunebench.reports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every scorer's mean value per model × technique (summary.json {@code results[].scores}): the figures
 * that feed no named metric (a tool call's name or per-argument accuracy, a label scorer) still show.
 * Means print as percentages: a pass/fail scorer's mean is its pass rate; a graded scorer that is a metric of its
 * own prints that figure with its 95% interval (BLEU and chrF as corpus figures). A judge's mean is over the rows it
 * graded; the rows it could not grade are counted beside it, and a pairwise judge says how often its swapped orders
 * agreed.
 */
public record ScoreTable(List<String> scorers, List<Row> rows) {

    public record Row(CellKey key, List<String> values) {
    }

    public static ScoreTable of(RunSummary summary) {
        Set<String> names = new LinkedHashSet<>();
        summary.cells().forEach(c -> names.addAll(c.scores().keySet()));
        List<String> scorers = List.copyOf(names);
        List<Row> rows = new ArrayList<>();
        for (Cell c : summary.cells()) {
            List<String> values = new ArrayList<>(scorers.size());
            for (String s : scorers) {
                // A graded scorer (rouge, bleu, chrf, ...) is also a metric: its figure with the 95% interval,
                // for BLEU and chrF the corpus figure rather than the mean of row figures.
                Metric graded = c.metrics().get(s);
                Metric m = graded != null ? graded : c.scores().get(s);
                values.add(m == null || m.value() == null ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * m.value())
                        + (graded != null && graded.hasInterval() ? String.format(Locale.ROOT, " [%.1f, %.1f]",
                        100 * graded.ciLow(), 100 * graded.ciHigh()) : "") + judgeNote(c.judges().get(s)));
            }
            rows.add(new Row(c.key(), List.copyOf(values)));
        }
        return new ScoreTable(scorers, List.copyOf(rows));
    }

    /** A judge's unscored replies (never folded into its mean) and a pairwise judge's swap consistency, beside its mean. */
    private static String judgeNote(Cell.JudgeNote note) {
        if (note == null) {
            return "";
        }
        return (note.unscored() > 0 ? " · " + note.unscored() + " unscored" : "")
                + (note.swapConsistency() != null
                ? String.format(Locale.ROOT, " · orders agree %.0f%%", 100 * note.swapConsistency()) : "");
    }

    public boolean isEmpty() {
        return scorers.isEmpty();
    }
}

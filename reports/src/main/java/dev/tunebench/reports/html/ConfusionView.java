package dev.tunebench.reports.html;

import dev.tunebench.reports.Cell;
import dev.tunebench.reports.Column;
import dev.tunebench.reports.Labels;
import dev.tunebench.reports.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A confusion matrix per model × technique of a label task, with each cell's share of its row as shade.
 * Public only because FreeMarker reads components of public types alone.
 */
public record ConfusionView(String title, List<String> classes, List<MatrixRow> rows, List<ClassRow> perClass,
                     String macroF1, long unparsed) {

    /** {@code shade} is the count's share of the expected class, 0.00 to 1.00, used as the background alpha. */
    public record Count(long value, String shade, boolean diagonal) {
    }

    public record MatrixRow(String expected, List<Count> counts) {
    }

    public record ClassRow(String label, String precision, String recall, String f1, long support) {
    }

    static List<ConfusionView> of(RunSummary summary) {
        List<ConfusionView> views = new ArrayList<>();
        for (Cell cell : summary.cells()) {
            Labels l = cell.labels();
            if (l == null) {
                continue;
            }
            List<MatrixRow> rows = new ArrayList<>();
            for (int i = 0; i < l.classes().size(); i++) {
                long total = 0;
                for (long v : l.confusion()[i]) {
                    total += v;
                }
                List<Count> counts = new ArrayList<>();
                for (int j = 0; j < l.classes().size(); j++) {
                    long v = l.confusion()[i][j];
                    counts.add(new Count(v, String.format(Locale.ROOT, "%.2f", total == 0 ? 0.0 : (double) v / total), i == j));
                }
                rows.add(new MatrixRow(l.classes().get(i), List.copyOf(counts)));
            }
            List<ClassRow> perClass = l.perClass().stream().map(f -> new ClassRow(f.label(), share(f.precision()),
                    share(f.recall()), share(f.f1()), f.support())).toList();
            views.add(new ConfusionView(cell.key().toString(), l.classes(), List.copyOf(rows), perClass,
                    share(l.macroF1()), l.unparsed()));
        }
        return List.copyOf(views);
    }

    private static String share(Double v) {
        return Column.ACCURACY.format(v);
    }
}

package dev.tunebench.reports;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The model × technique to ship: the best on accuracy, the suite's primary metric, among the cells that pass
 * the gates (a cell is out when a gate that applies to it failed or could not decide), cheaper first on a
 * tie. {@code reference} is the baseline model's best cell, what the fine-tune has to beat.
 */
public record Recommendation(Cell chosen, Cell reference, int eligible, int cells) {

    public static final String PRIMARY = Column.ACCURACY.metric();

    /** Empty when no cell has an accuracy or every cell is held back by a gate. */
    public static Optional<Recommendation> of(RunSummary summary, GateReport gates) {
        List<Cell> eligible = summary.cells().stream()
                .filter(c -> c.value(PRIMARY) != null && passesGates(c.key(), gates)).toList();
        Optional<Cell> chosen = best(eligible);
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        Cell reference = best(summary.cells().stream()
                .filter(c -> c.key().model().equals(summary.baseline()) && c.value(PRIMARY) != null).toList())
                .orElse(null);
        return Optional.of(new Recommendation(chosen.get(), reference, eligible.size(), summary.cells().size()));
    }

    static boolean passesGates(CellKey cell, GateReport gates) {
        if (gates == null) {
            return true;
        }
        return gates.gates().stream().filter(g -> applies(g, cell)).allMatch(Gate::passed);
    }

    private static boolean applies(Gate g, CellKey cell) {
        return (g.model() == null || g.model().equals(cell.model()))
                && (g.technique() == null || g.technique().equals(cell.technique()));
    }

    private static Optional<Cell> best(List<Cell> cells) {
        Comparator<Cell> byAccuracy = Comparator.comparingDouble(c -> c.value(PRIMARY));
        Comparator<Cell> cheaper = Comparator.comparingDouble(c -> {
            Double cost = c.value(Column.COST.metric());
            return cost == null ? Double.MAX_VALUE : -cost;
        });
        return cells.stream().max(byAccuracy.thenComparing(cheaper));
    }
}

package dev.tunebench.store;

/**
 * One line of {@code tunebench history}: a metric of one model × technique in one run, its change from the
 * previous run of that cell and whether the change is significant.
 *
 * @param change      this value minus the previous run's, or null for the first run of the cell
 * @param p           two-sided p of the change, or null when not tested
 * @param test        {@code mcnemar-exact} (paired: same data, rows matched), {@code two-proportion-z}
 *                    (unpaired: the data differ), or null when not tested
 * @param significant p below 0.05, or null when not tested
 */
public record HistoryRow(String startedAt, String runDir, String gitCommit, String gate, String model,
                         String technique, CellFigure figure, Double change, Double p, String test, Boolean significant) {
}

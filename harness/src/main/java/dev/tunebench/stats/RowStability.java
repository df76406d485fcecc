package dev.tunebench.stats;

/**
 * How rows behaved across k repeats of a binary score: always right, always wrong, or flaky (right in
 * some repeats only). Flaky rows are the run's sampling noise made visible.
 */
public record RowStability(int alwaysRight, int alwaysWrong, int flaky, int repeats) {

    public int rows() {
        return alwaysRight + alwaysWrong + flaky;
    }

    /** Share of rows whose outcome changed between repeats; NaN with no rows. */
    public double flakyShare() {
        return rows() == 0 ? Double.NaN : (double) flaky / rows();
    }
}

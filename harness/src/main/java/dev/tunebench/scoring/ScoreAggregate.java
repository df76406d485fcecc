package dev.tunebench.scoring;

/**
 * One scorer's scores over a cell (model × technique), folded as they stream: n, the sum of values and
 * how many passed (value 1), which is what a binomial interval needs. Immutable; {@link #plus} and
 * {@link #combine} return new values, so per-thread partial aggregates merge without locks.
 */
public record ScoreAggregate(long n, double sum, long passed) {

    public static final ScoreAggregate EMPTY = new ScoreAggregate(0, 0, 0);

    public ScoreAggregate plus(Score score) {
        return new ScoreAggregate(n + 1, sum + score.value(), passed + (score.passed() ? 1 : 0));
    }

    public ScoreAggregate combine(ScoreAggregate other) {
        return new ScoreAggregate(n + other.n, sum + other.sum, passed + other.passed);
    }

    /** The mean value; NaN for an empty cell, which has no score rather than a score of 0. */
    public double mean() {
        return n == 0 ? Double.NaN : sum / n;
    }
}

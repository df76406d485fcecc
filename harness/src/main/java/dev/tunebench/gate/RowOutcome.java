package dev.tunebench.gate;

import dev.tunebench.results.Sample;

/**
 * What paired gates need of one sample: its row and repeat, the 0/1 quality outcomes (null when the suite
 * declared no scorer for them, or the sample is an error) and the per-row figures behind the continuous metrics (null for errors).
 */
public record RowOutcome(int row, int repeat, Integer accuracy, Integer formatAdherence, Integer promptTokens,
                         Integer completionTokens, Double latencyMs, boolean error) {

    public static RowOutcome of(Sample s) {
        boolean error = s.error() != null;
        // As in the summary, an error sample is no miss: it is left out of accuracy and counted in error_rate.
        return new RowOutcome(s.row(), s.repeat(), error ? null : binary(s.accuracy()), error ? null : binary(s.formatAdherence()),
                error ? null : zeroIfNull(s.promptTokens()), error ? null : zeroIfNull(s.completionTokens()),
                error ? null : s.latencyMs() == null ? Double.valueOf(0) : s.latencyMs(), error);
    }

    /** The pairing key: the same row and repeat on both sides. */
    public long key() {
        return ((long) row << 16) | (repeat & 0xffff);
    }

    // The summary counts a score of 1 as a pass and anything else as a miss; so do gates.
    private static Integer binary(Double score) {
        return score == null ? null : score >= 1.0 ? 1 : 0;
    }

    // The summary reads a missing count as 0 (CellData); the same here keeps gate and summary figures equal.
    private static Integer zeroIfNull(Integer v) {
        return v == null ? 0 : v;
    }
}

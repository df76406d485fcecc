package dev.tunebench.gate;

import dev.tunebench.results.CorpusCounts;
import java.util.Map;

import dev.tunebench.results.Sample;

/**
 * What paired gates need of one sample: its row and repeat, the 0/1 quality outcomes (null when the suite
 * declared no scorer for them, or the sample is an error), the per-row figures behind the continuous metrics
 * (null for errors, for a count or latency a replayed answer lacks: left out, as the summary leaves them out;
 * latency also null for a sample from the completion cache), and every scorer's value and corpus-level counts
 * for graded metrics.
 */
public record RowOutcome(int row, int repeat, Integer accuracy, Integer formatAdherence, Integer promptTokens,
                         Integer completionTokens, Double latencyMs, boolean error, Map<String, Double> scores,
                         Map<String, CorpusCounts> corpus) {

    public RowOutcome {
        scores = scores == null ? Map.of() : Map.copyOf(scores);
        corpus = corpus == null ? Map.of() : Map.copyOf(corpus);
    }

    /** A row without scorer values (graded scorers' values and counts are empty). */
    public RowOutcome(int row, int repeat, Integer accuracy, Integer formatAdherence, Integer promptTokens,
                      Integer completionTokens, Double latencyMs, boolean error) {
        this(row, repeat, accuracy, formatAdherence, promptTokens, completionTokens, latencyMs, error, null, null);
    }

    public static RowOutcome of(Sample s) {
        boolean error = s.error() != null;
        // As in the summary, an error sample is no miss: it is left out of accuracy and counted in error_rate.
        return new RowOutcome(s.row(), s.repeat(), error ? null : binary(s.accuracy()), error ? null : binary(s.formatAdherence()),
                error ? null : s.promptTokens(), error ? null : s.completionTokens(),
                // A cached sample's latency is that of an earlier request: no latency gate counts it.
                error || s.fromCache() ? null : s.latencyMs(), error, s.scores(), s.corpusStats());
    }

    /** The pairing key: the same row and repeat on both sides. */
    public long key() {
        return ((long) row << 16) | (repeat & 0xffff);
    }

    // The summary counts a score of 1 as a pass and anything else as a miss; so do gates.
    private static Integer binary(Double score) {
        return score == null ? null : score >= 1.0 ? 1 : 0;
    }
}

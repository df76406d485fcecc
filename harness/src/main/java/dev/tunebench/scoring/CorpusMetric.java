package dev.tunebench.scoring;

import java.util.List;

/**
 * A metric computed over a whole corpus from per-row sufficient statistics (n-gram counts) summed over
 * the rows, as sacreBLEU computes BLEU and chrF: the corpus figure is not the mean of row figures. Each
 * sample keeps its row's counts, so the summary can compute the corpus figure and resample rows for
 * its interval. {@link #id()} names the metric and its settings so that counts can be scored from a
 * run folder alone.
 */
public sealed interface CorpusMetric permits Bleu, ChrF {

    /** The metric and its settings, e.g. {@code bleu} or {@code chrf:beta=2}; read back by {@link #parse}. */
    String id();

    /** The row's counts of one hypothesis against its references (the best-matching one for chrF). */
    long[] statistics(String hypothesis, List<String> references);

    /** The corpus figure, in [0, 1], from counts summed over rows. */
    double corpusScore(long[] summed);

    /** The figure of one row alone, in [0, 1] (for BLEU with sacreBLEU's sentence-level effective order). */
    double sentenceScore(long[] row);

    /** The metric an {@link #id()} names; empty for an id this version does not know. */
    static java.util.Optional<CorpusMetric> parse(String id) {
        if (Bleu.ID.equals(id)) {
            return java.util.Optional.of(new Bleu());
        }
        return ChrF.parse(id).map(c -> c);
    }
}

package dev.tunebench.scoring;

import java.util.List;
import java.util.Locale;

/**
 * {@code bleu} and {@code chrf}: each row's value is the row's own figure (sentence BLEU with effective
 * order, as sacreBLEU's {@code sentence_bleu}; sentence chrF), and {@link #statistics} are the counts
 * a sample keeps so the summary reports the corpus figure ({@link CorpusMetric}).
 */
public record CorpusScorer(String name, CorpusMetric metric) implements Scorer {

    static CorpusScorer bleu(Params params) {
        return new CorpusScorer(params.name(), new Bleu());
    }

    static CorpusScorer chrf(Params params) {
        int beta = params.count("beta").orElse(ChrF.DEFAULT_BETA);
        if (beta < 1) {
            throw params.error("beta", "must be a whole number >= 1 (sacreBLEU's default is 2), got " + beta);
        }
        return new CorpusScorer(params.name(), new ChrF(beta, params.bool("eps_smoothing", false)));
    }

    /** The counts of this answer against the expected text, summed over rows for the corpus figure. */
    public long[] statistics(String answer, String expected) {
        return metric.statistics(answer, List.of(expected));
    }

    @Override
    public Score score(String answer, String expected) {
        double value = metric.sentenceScore(statistics(answer, expected));
        return new Score(value, String.format(Locale.ROOT, "%s %.2f", metric.id(), 100 * value), "", null, null);
    }
}

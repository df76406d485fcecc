package dev.tunebench.gate;

import dev.tunebench.results.CorpusCounts;
import dev.tunebench.results.RunManifest;
import dev.tunebench.stats.MetricDirection;

/**
 * A graded scorer's figure (rouge, bleu, chrf, edit_distance, embedding_similarity), named after the scorer:
 * the mean of its row values, or for a corpus-level scorer the corpus figure of its rows' summed counts.
 */
public record ScorerMetric(String scorer) implements PairedMetric {

    @Override
    public String summaryName() {
        return scorer;
    }

    @Override
    public boolean binary() {
        return false;
    }

    @Override
    public MetricDirection direction() {
        return MetricDirection.forMetric(scorer);
    }

    @Override
    public Double value(RowOutcome row, RunManifest.ModelEntry prices) {
        return row.scores().get(scorer);
    }

    /** The row's counts when the scorer is corpus-level, else null. */
    CorpusCounts counts(RowOutcome row) {
        return row.corpus().get(scorer);
    }
}

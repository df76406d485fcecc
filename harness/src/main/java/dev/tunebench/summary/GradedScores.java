package dev.tunebench.summary;

import dev.tunebench.results.RunManifest;
import dev.tunebench.scoring.CorpusMetric;
import dev.tunebench.scoring.Scorers;
import dev.tunebench.stats.Bootstrap;
import dev.tunebench.stats.MetricEstimate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The figures of graded scorers (rouge, bleu, chrf, edit_distance, embedding_similarity), each a metric
 * named after its scorer: the mean of row values with a bootstrap interval, or for corpus-level scorers
 * (BLEU, chrF) the corpus figure from summed counts with a bootstrap interval over rows.
 */
final class GradedScores {
    private GradedScores() {
    }

    /** The graded scorers of the run, in suite order; none for manifests written before scorer types were. */
    static List<String> names(RunManifest manifest) {
        Map<String, String> scorers = manifest.suite().scorers();
        return scorers == null ? List.of()
                : scorers.entrySet().stream().filter(e -> Scorers.isGraded(e.getValue())).map(Map.Entry::getKey).toList();
    }

    /** The corpus metric of a scorer in this cell, if its samples carry counts this version can score. */
    static Optional<CorpusMetric> corpusMetric(CellData cell, String scorer) {
        String id = cell.corpusMetric(scorer);
        return id == null ? Optional.empty() : CorpusMetric.parse(id);
    }

    static MetricEstimate estimate(CellData cell, String scorer, CellMetrics metrics, Bootstrap bootstrap) {
        Optional<CorpusMetric> corpus = corpusMetric(cell, scorer);
        if (corpus.isPresent()) {
            int[] positions = withCounts(cell, scorer);
            if (positions.length == 0) {
                return null;
            }
            ToDoubleFunction<int[]> figure = corpusFigure(cell, scorer, corpus.get(), positions);
            int[] all = new int[positions.length];
            Arrays.setAll(all, i -> i);
            return MetricEstimate.of(figure.applyAsDouble(all), bootstrap.rowsInterval(positions.length, figure),
                    positions.length);
        }
        double[] values = new double[cell.size()];
        int n = 0;
        for (int i = 0; i < cell.size(); i++) {
            double v = cell.score(scorer, i);
            if (!Double.isNaN(v)) {
                values[n++] = v;
            }
        }
        return metrics.mean(Arrays.copyOf(values, n));
    }

    /** Positions of the samples that carry counts for the scorer. */
    static int[] withCounts(CellData cell, String scorer) {
        int[] out = new int[cell.size()];
        int n = 0;
        for (int i = 0; i < cell.size(); i++) {
            if (cell.corpusCounts(scorer, i) != null) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The corpus figure of the rows {@code rows} (indices into {@code positions}, repeats allowed). */
    static ToDoubleFunction<int[]> corpusFigure(CellData cell, String scorer, CorpusMetric metric, int[] positions) {
        return rows -> {
            long[] sum = null;
            for (int row : rows) {
                long[] counts = cell.corpusCounts(scorer, positions[row]);
                if (sum == null) {
                    sum = new long[counts.length];
                }
                for (int k = 0; k < counts.length; k++) {
                    sum[k] += counts[k];
                }
            }
            return sum == null ? Double.NaN : metric.corpusScore(sum);
        };
    }
}

package dev.tunebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Bootstrap intervals and paired bootstrap tests of statistics of whole row sets (corpus BLEU, chrF). */
class CorpusBootstrapTest {
    private static final Bootstrap BOOTSTRAP = Bootstrap.withSeed(42);

    /** A ratio of sums, like a corpus precision: not the mean of the row ratios. */
    private static ToDoubleFunction<int[]> ratio(double[] hits, double[] totals) {
        return rows -> {
            double h = 0;
            double t = 0;
            for (int r : rows) {
                h += hits[r];
                t += totals[r];
            }
            return h / t;
        };
    }

    @Test
    void rowsIntervalOfTheMeanAgreesWithTheValueBootstrap() {
        double[] values = {1, 4, 2, 8, 5, 7, 3, 9, 6, 0};
        Interval byValues = BOOTSTRAP.meanInterval(values);
        Interval byRows = BOOTSTRAP.rowsInterval(values.length, rows -> {
            double sum = 0;
            for (int r : rows) {
                sum += values[r];
            }
            return sum / rows.length;
        });
        // The same seed draws the same rows, so the two intervals are the same numbers.
        assertEquals(byValues.low(), byRows.low(), 1e-12);
        assertEquals(byValues.high(), byRows.high(), 1e-12);
    }

    @Test
    void identicalSidesHaveNoDifferenceAndPOne() {
        double[] hits = {1, 2, 3, 0, 5};
        double[] totals = {2, 4, 3, 1, 6};
        PairedComparison c = PairedComparisons.corpus(5, ratio(hits, totals), ratio(hits, totals), BOOTSTRAP);
        assertEquals(0, c.difference());
        assertEquals(1.0, c.pValue());
        assertEquals(0, c.interval().low());
        assertEquals(0, c.interval().high());
    }

    @Test
    void aClearlyBetterSideIsSignificantWithAnIntervalAboveZero() {
        int n = 40;
        double[] totals = new double[n];
        double[] worse = new double[n];
        double[] better = new double[n];
        for (int i = 0; i < n; i++) {
            totals[i] = 10 + i % 7;
            worse[i] = 2 + i % 3;
            better[i] = Math.min(totals[i], worse[i] + 4);
        }
        PairedComparison c = PairedComparisons.corpus(n, ratio(worse, totals), ratio(better, totals), BOOTSTRAP);
        assertEquals(ratio(better, totals).applyAsDouble(java.util.stream.IntStream.range(0, n).toArray())
                - ratio(worse, totals).applyAsDouble(java.util.stream.IntStream.range(0, n).toArray()), c.difference(), 1e-12);
        assertTrue(c.interval().low() > 0, c.interval().toString());
        assertTrue(c.pValue() < 0.01, "p = " + c.pValue());
        assertEquals(PairedComparisons.PAIRED_BOOTSTRAP, c.test());
    }

    @Test
    void noisySidesWithTheSameCorpusFigureAreNotSignificant() {
        // Row by row the sides differ, but swapped in pairs, so the corpus figures are equal.
        double[] totals = {10, 10, 10, 10, 10, 10, 10, 10};
        double[] a = {2, 8, 3, 7, 4, 6, 5, 5};
        double[] b = {8, 2, 7, 3, 6, 4, 5, 5};
        PairedComparison c = PairedComparisons.corpus(8, ratio(a, totals), ratio(b, totals), BOOTSTRAP);
        assertEquals(0, c.difference(), 1e-12);
        assertTrue(c.pValue() > 0.05, "p = " + c.pValue());
        assertTrue(c.interval().low() < 0 && c.interval().high() > 0, c.interval().toString());
    }
}

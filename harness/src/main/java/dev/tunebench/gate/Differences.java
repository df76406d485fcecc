package dev.tunebench.gate;

import dev.tunebench.results.CorpusCounts;
import dev.tunebench.scoring.CorpusMetric;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import dev.tunebench.results.RunManifest;
import dev.tunebench.stats.Bootstrap;
import dev.tunebench.stats.Interval;
import dev.tunebench.stats.PairedComparison;
import dev.tunebench.stats.PairedComparisons;
import dev.tunebench.stats.Percentiles;
import dev.tunebench.stats.Proportions;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The difference between two sides of a relative gate. Paired on the rows both sides have (McNemar with
 * Newcombe's paired interval for pass rates, a paired bootstrap for means) whenever the rows are the same
 * data; unpaired (Newcombe's hybrid score interval, Welch's t) only when the data changed.
 */
public final class Differences {
    public static final String NEWCOMBE_UNPAIRED = "newcombe-unpaired";
    public static final String WELCH_T = "welch-t";

    private Differences() {
    }

    /** One side: its rows and the prices that turn tokens into cost. */
    public record Side(List<RowOutcome> rows, RunManifest.ModelEntry prices) {
    }

    /** The two-sided level whose bounds are the one-sided {@code confidence} bounds. */
    public static double twoSided(double oneSidedConfidence) {
        return 2 * oneSidedConfidence - 1;
    }

    /** Paired on (row, repeat); rows only one side has, or without a value on either side, are left out. */
    public static Difference paired(PairedMetric metric, Side candidate, Side reference, double oneSidedConfidence,
                                    Bootstrap bootstrap) {
        Optional<CorpusMetric> corpus = corpusMetric(metric, candidate, reference);
        if (corpus.isPresent()) {
            return pairedCorpus((ScorerMetric) metric, corpus.get(), candidate, reference,
                    new Bootstrap(bootstrap.seed(), bootstrap.resamples(), twoSided(oneSidedConfidence)));
        }
        Map<Long, Double> referenceValues = new HashMap<>();
        for (RowOutcome r : reference.rows()) {
            Double v = metric.value(r, reference.prices());
            if (v != null) {
                referenceValues.put(r.key(), v);
            }
        }
        List<double[]> pairs = new ArrayList<>();
        for (RowOutcome r : candidate.rows()) {
            Double v = metric.value(r, candidate.prices());
            Double ref = referenceValues.get(r.key());
            if (v != null && ref != null) {
                pairs.add(new double[]{ref, v});
            }
        }
        double level = twoSided(oneSidedConfidence);
        if (metric.binary()) {
            boolean[] a = new boolean[pairs.size()];
            boolean[] b = new boolean[pairs.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = pairs.get(i)[0] >= 1;
                b[i] = pairs.get(i)[1] >= 1;
            }
            return of(PairedComparisons.binary(a, b, level));
        }
        double[] a = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] b = pairs.stream().mapToDouble(p -> p[1]).toArray();
        return of(PairedComparisons.continuous(a, b, new Bootstrap(bootstrap.seed(), bootstrap.resamples(), level)));
    }

    /** The two sides as independent samples: for when the rows are not the same data. */
    public static Difference unpaired(PairedMetric metric, Side candidate, Side reference, double oneSidedConfidence,
                                      Bootstrap bootstrap) {
        Optional<CorpusMetric> corpus = corpusMetric(metric, candidate, reference);
        if (corpus.isPresent()) {
            return unpairedCorpus((ScorerMetric) metric, corpus.get(), candidate, reference,
                    new Bootstrap(bootstrap.seed(), bootstrap.resamples(), twoSided(oneSidedConfidence)));
        }
        double[] b = values(metric, candidate);
        double[] a = values(metric, reference);
        double level = twoSided(oneSidedConfidence);
        double meanB = Percentiles.mean(b);
        double meanA = Percentiles.mean(a);
        int n = Math.min(a.length, b.length);
        Interval interval = metric.binary() ? newcombeUnpaired(a, b, level) : welch(a, b, level);
        String test = metric.binary() ? NEWCOMBE_UNPAIRED : WELCH_T;
        return new Difference(meanB, meanA, meanB - meanA, interval, test, null, n, false);
    }

    private static Difference of(PairedComparison c) {
        return new Difference(c.valueB(), c.valueA(), c.difference(), c.interval(), c.test(), c.pValue(), c.n(), true);
    }

    /** The corpus metric of a graded scorer whose rows on both sides carry counts for the same metric. */
    private static Optional<CorpusMetric> corpusMetric(PairedMetric metric, Side candidate, Side reference) {
        if (!(metric instanceof ScorerMetric scorer)) {
            return Optional.empty();
        }
        Set<String> ids = new HashSet<>();
        for (Side side : List.of(candidate, reference)) {
            for (RowOutcome r : side.rows()) {
                CorpusCounts c = scorer.counts(r);
                ids.add(c == null ? "" : c.metric());
            }
        }
        return ids.size() == 1 ? CorpusMetric.parse(ids.iterator().next()) : Optional.empty();
    }

    /** The corpus figure of the rows {@code indices} picks out of {@code counts}. */
    private static ToDoubleFunction<int[]> figure(CorpusMetric metric, List<long[]> counts) {
        return indices -> {
            long[] sum = new long[counts.get(0).length];
            for (int i : indices) {
                long[] c = counts.get(i);
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += c[k];
                }
            }
            return metric.corpusScore(sum);
        };
    }

    /** Corpus figures on the rows both sides have: paired bootstrap, as the summary compares them. */
    private static Difference pairedCorpus(ScorerMetric scorer, CorpusMetric metric, Side candidate, Side reference,
                                           Bootstrap bootstrap) {
        Map<Long, long[]> theirs = new HashMap<>();
        reference.rows().forEach(r -> theirs.put(r.key(), scorer.counts(r).counts()));
        List<long[]> a = new ArrayList<>();
        List<long[]> b = new ArrayList<>();
        for (RowOutcome r : candidate.rows()) {
            long[] ref = theirs.get(r.key());
            if (ref != null) {
                a.add(ref);
                b.add(scorer.counts(r).counts());
            }
        }
        if (a.isEmpty()) {
            return new Difference(Double.NaN, Double.NaN, Double.NaN, Interval.undefined(PairedComparisons.PAIRED_BOOTSTRAP),
                    PairedComparisons.PAIRED_BOOTSTRAP, null, 0, true);
        }
        return of(PairedComparisons.corpus(a.size(), figure(metric, a), figure(metric, b), bootstrap));
    }

    /** Corpus figures of two different row sets: each side resampled on its own, the difference's percentiles. */
    private static Difference unpairedCorpus(ScorerMetric scorer, CorpusMetric metric, Side candidate, Side reference,
                                             Bootstrap bootstrap) {
        List<long[]> a = reference.rows().stream().map(r -> scorer.counts(r).counts()).toList();
        List<long[]> b = candidate.rows().stream().map(r -> scorer.counts(r).counts()).toList();
        int n = Math.min(a.size(), b.size());
        if (n == 0) {
            return new Difference(Double.NaN, Double.NaN, Double.NaN, Interval.undefined(Bootstrap.PERCENTILE_METHOD),
                    Bootstrap.PERCENTILE_METHOD, null, 0, false);
        }
        double valueA = figure(metric, a).applyAsDouble(java.util.stream.IntStream.range(0, a.size()).toArray());
        double valueB = figure(metric, b).applyAsDouble(java.util.stream.IntStream.range(0, b.size()).toArray());
        java.util.SplittableRandom random = new java.util.SplittableRandom(bootstrap.seed());
        double[] replicates = new double[bootstrap.resamples()];
        int[] ia = new int[a.size()];
        int[] ib = new int[b.size()];
        for (int r = 0; r < replicates.length; r++) {
            for (int i = 0; i < ia.length; i++) {
                ia[i] = random.nextInt(ia.length);
            }
            for (int i = 0; i < ib.length; i++) {
                ib[i] = random.nextInt(ib.length);
            }
            replicates[r] = figure(metric, b).applyAsDouble(ib) - figure(metric, a).applyAsDouble(ia);
        }
        java.util.Arrays.sort(replicates);
        double tail = (1 - bootstrap.confidence()) / 2 * 100;
        Interval interval = new Interval(Percentiles.ofSorted(replicates, tail), Percentiles.ofSorted(replicates, 100 - tail),
                Bootstrap.PERCENTILE_METHOD);
        return new Difference(valueB, valueA, valueB - valueA, interval, Bootstrap.PERCENTILE_METHOD, null, n, false);
    }

    private static double[] values(PairedMetric metric, Side side) {
        return side.rows().stream().map(r -> metric.value(r, side.prices()))
                .filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
    }

    /** Newcombe (1998, Stat Med 17:873) method 10: square-and-add of the two Wilson intervals. */
    private static Interval newcombeUnpaired(double[] a, double[] b, double level) {
        if (a.length == 0 || b.length == 0) {
            return Interval.undefined(NEWCOMBE_UNPAIRED);
        }
        int passA = passes(a);
        int passB = passes(b);
        double pA = (double) passA / a.length;
        double pB = (double) passB / b.length;
        Interval wA = Proportions.wilson(passA, a.length, level);
        Interval wB = Proportions.wilson(passB, b.length, level);
        double d = pB - pA;
        double low = d - Math.sqrt(square(pB - wB.low()) + square(wA.high() - pA));
        double high = d + Math.sqrt(square(wB.high() - pB) + square(pA - wA.low()));
        return new Interval(Math.max(-1, low), Math.min(1, high), NEWCOMBE_UNPAIRED);
    }

    /** Welch's t interval for a difference of means with unequal variances (Welch–Satterthwaite df). */
    private static Interval welch(double[] a, double[] b, double level) {
        if (a.length < 2 || b.length < 2) {
            return Interval.undefined(WELCH_T);
        }
        double va = square(Percentiles.standardDeviation(a)) / a.length;
        double vb = square(Percentiles.standardDeviation(b)) / b.length;
        double d = Percentiles.mean(b) - Percentiles.mean(a);
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return new Interval(d, d, WELCH_T);
        }
        double df = square(va + vb) / (square(va) / (a.length - 1) + square(vb) / (b.length - 1));
        double t = new TDistribution(df).inverseCumulativeProbability((1 + level) / 2);
        return new Interval(d - t * se, d + t * se, WELCH_T);
    }

    private static int passes(double[] outcomes) {
        int n = 0;
        for (double v : outcomes) {
            n += v >= 1 ? 1 : 0;
        }
        return n;
    }

    private static double square(double x) {
        return x * x;
    }
}

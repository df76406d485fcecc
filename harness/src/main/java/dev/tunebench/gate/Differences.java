package dev.tunebench.gate;

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
    public static Difference paired(RowMetric metric, Side candidate, Side reference, double oneSidedConfidence,
                                    Bootstrap bootstrap) {
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
    public static Difference unpaired(RowMetric metric, Side candidate, Side reference, double oneSidedConfidence) {
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

    private static double[] values(RowMetric metric, Side side) {
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

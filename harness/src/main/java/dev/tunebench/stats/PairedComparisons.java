package dev.tunebench.stats;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Paired tests of side B against side A on the same rows: binary and continuous metrics. */
public final class PairedComparisons {

    public static final String PAIRED_BOOTSTRAP = "paired-bootstrap";
    public static final String WILCOXON_SIGNED_RANK = "wilcoxon-signed-rank";

    private PairedComparisons() {
    }

    /**
     * Binary metric (pass/fail per row): exact McNemar test on the discordant rows, Newcombe paired
     * interval for the difference of rates, and the minimum detectable effect for this n and discordance.
     */
    public static PairedComparison binary(boolean[] passedA, boolean[] passedB, double confidence) {
        PairedCounts counts = PairedCounts.of(passedA, passedB);
        int n = counts.n();
        double rateA = n == 0 ? Double.NaN : (double) counts.rightA() / n;
        double rateB = n == 0 ? Double.NaN : (double) counts.rightB() / n;
        double difference = counts.difference();
        double mde = n == 0 ? Double.NaN : MinimumDetectableEffect.pairedBinary(n, counts.discordantShare());
        return new PairedComparison(rateA, rateB, difference,
                PairedProportions.newcombeInterval(counts, confidence),
                McNemar.EXACT, McNemar.exactP(counts.onlyA(), counts.onlyB()),
                difference, PairedComparison.EFFECT_DIFFERENCE, n, counts, MetricEstimate.orNull(mde));
    }

    /**
     * Continuous metric (tokens, latency, cost per row): paired bootstrap of the mean difference
     * d = b - a. The interval is the percentile interval of resampled mean differences; the two-sided
     * p-value tests mean(d) = 0 by resampling d shifted to mean zero (Efron & Tibshirani 1993, §16.4),
     * {@code (1 + #{|mean* - mean(d)| >= |mean(d)|}) / (resamples + 1)}, so it is never exactly 0.
     */
    public static PairedComparison continuous(double[] a, double[] b, Bootstrap bootstrap) {
        double[] differences = differences(a, b);
        int n = differences.length;
        double observed = Percentiles.mean(differences);
        if (n == 0) {
            return new PairedComparison(Double.NaN, Double.NaN, Double.NaN,
                    Interval.undefined(Bootstrap.PERCENTILE_METHOD), PAIRED_BOOTSTRAP, 1.0,
                    Double.NaN, PairedComparison.EFFECT_DIFFERENCE, 0, null, null);
        }
        SplittableRandom random = new SplittableRandom(bootstrap.seed());
        double[] replicates = new double[bootstrap.resamples()];
        int atLeastAsExtreme = 0;
        for (int r = 0; r < replicates.length; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += differences[random.nextInt(n)];
            }
            replicates[r] = sum / n;
            // Resampling d - mean(d) gives exactly replicate - observed, so one loop serves both.
            if (Math.abs(replicates[r] - observed) >= Math.abs(observed)) {
                atLeastAsExtreme++;
            }
        }
        double pValue = (1.0 + atLeastAsExtreme) / (replicates.length + 1.0);
        return new PairedComparison(Percentiles.mean(a), Percentiles.mean(b), observed,
                bootstrap.percentileBounds(replicates), PAIRED_BOOTSTRAP, pValue,
                observed, PairedComparison.EFFECT_DIFFERENCE, n, null, null);
    }

    /**
     * A corpus-level metric (BLEU, chrF from summed counts) on the same {@code n} rows: paired bootstrap
     * resampling (Koehn 2004) as sacreBLEU's {@code --paired-bs} does it. Each resample draws the same row
     * indices for both sides; the interval is the percentile interval of b* − a*, and the p-value is
     * sacreBLEU's: with δ* = |b* − a*| centred on its mean, {@code (1 + #{δ* − mean(δ*) > |b − a|}) / (B + 1)},
     * and 1 when the sides agree on every resample.
     * {@code a} and {@code b} compute each side's figure from the given row indices.
     */
    public static PairedComparison corpus(int n, ToDoubleFunction<int[]> a, ToDoubleFunction<int[]> b,
                                          Bootstrap bootstrap) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        double valueA = a.applyAsDouble(all);
        double valueB = b.applyAsDouble(all);
        double observed = valueB - valueA;
        SplittableRandom random = new SplittableRandom(bootstrap.seed());
        double[] replicates = new double[bootstrap.resamples()];
        double[] absolute = new double[replicates.length];
        int[] rows = new int[n];
        for (int r = 0; r < replicates.length; r++) {
            for (int i = 0; i < n; i++) {
                rows[i] = random.nextInt(n);
            }
            replicates[r] = b.applyAsDouble(rows) - a.applyAsDouble(rows);
            absolute[r] = Math.abs(replicates[r]);
        }
        double centre = Percentiles.mean(absolute);
        int beyond = 0;
        for (double d : absolute) {
            if (d - centre > Math.abs(observed)) {
                beyond++;
            }
        }
        // Sides equal on every resample are no evidence of a difference (sacreBLEU's count would give 1/(B+1)).
        boolean neverDiffer = centre == 0 && observed == 0;
        double pValue = neverDiffer ? 1.0 : (1.0 + beyond) / (replicates.length + 1.0);
        return new PairedComparison(valueA, valueB, observed, bootstrap.percentileBounds(replicates), PAIRED_BOOTSTRAP,
                pValue, observed, PairedComparison.EFFECT_DIFFERENCE, n, null, null);
    }

    /**
     * Two-sided Wilcoxon signed-rank p-value for b - a ({@link WilcoxonSignedRank}: exact in polynomial
     * time for small n and far tails, normal approximation otherwise). An alternative to the bootstrap
     * when the differences are skewed.
     */
    public static double wilcoxonP(double[] a, double[] b) {
        return WilcoxonSignedRank.test(a, b).pValue();
    }

    /**
     * Cohen's d_z: mean difference over the standard deviation of the differences (Cohen 1988, §2.3.5);
     * NaN below two rows or when every difference is equal.
     */
    public static double cohensDz(double[] a, double[] b) {
        double[] differences = differences(a, b);
        double sd = Percentiles.standardDeviation(differences);
        return sd == 0 ? Double.NaN : Percentiles.mean(differences) / sd;
    }

    private static double[] differences(double[] a, double[] b) {
        checkSameRows(a, b);
        double[] differences = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            differences[i] = b[i] - a[i];
        }
        return differences;
    }

    private static void checkSameRows(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired sides need the same rows, got " + a.length + " and " + b.length);
        }
    }
}

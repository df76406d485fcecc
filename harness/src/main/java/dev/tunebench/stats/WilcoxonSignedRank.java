package dev.tunebench.stats;

import java.util.Arrays;

/**
 * Two-sided Wilcoxon signed-rank test of paired differences d = b - a, in polynomial time.
 *
 * <p>Conventions, those of R's {@code wilcox.test} and scipy's default ({@code zero_method="wilcox"}):
 * zero differences are dropped (they favour neither side), tied |d| share their mean rank, and the
 * statistic is W+ = the rank sum of the positive differences over the n non-zero ones. commons-math3,
 * used before, ranked the zeros and counted them as negative, which biases the test towards "a is
 * larger" whenever many rows tie exactly, as token counts do.
 *
 * <p>Exact p: the null distribution of W+ given the observed ranks (every sign pattern equally
 * likely, Wilcoxon 1945; with ties, the conditional permutation distribution) by dynamic programming
 * over doubled ranks, which are integers even with mean ranks. Only the tail up to the observed
 * statistic is counted, so the cost is n × (that tail's span), not 2^n. Used when n ≤ 50, and for
 * larger n (up to 1,000) whenever the count is cheap, which is exactly when p is far in the tail
 * where the normal approximation's relative error is large. Otherwise the normal approximation with
 * the tie correction of the variance and a continuity correction, in log space so it never underflows.
 */
public final class WilcoxonSignedRank {

    /** Exact at any statistic up to this many non-zero differences (R's and scipy's limit). */
    static final int ALWAYS_EXACT_MAX_N = 50;
    /** Above this many, doubled-rank counts could overflow a double: normal approximation. */
    static final int EXACT_MAX_N = 1_000;
    /** Exact above {@link #ALWAYS_EXACT_MAX_N} when the count takes at most this many cell updates. */
    static final long EXACT_BUDGET = 1L << 22;

    /**
     * @param statistic W+ (mean ranks, so possibly a half-integer); NaN with no non-zero difference
     * @param n         non-zero differences
     * @param exact     whether {@code logP} is the exact conditional p or the normal approximation's
     * @param logP      natural log of the two-sided p-value (0 when p = 1)
     */
    public record Result(double statistic, int n, boolean exact, double logP) {

        /** The p-value as summary.json carries it: never 0 (see {@link PValues}). */
        public double pValue() {
            return PValues.fromLog(logP);
        }
    }

    private WilcoxonSignedRank() {
    }

    public static Result test(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired sides need the same rows, got " + a.length + " and " + b.length);
        }
        double[] magnitudes = new double[a.length];
        boolean[] positive = new boolean[a.length];
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            double d = b[i] - a[i];
            if (Double.isNaN(d)) {
                throw new IllegalArgumentException("difference at row " + i + " is NaN");
            }
            if (d != 0) {
                magnitudes[n] = Math.abs(d);
                positive[n] = d > 0;
                n++;
            }
        }
        if (n == 0) {
            return new Result(Double.NaN, 0, true, 0);
        }
        DoubledRanks ranks = DoubledRanks.of(Arrays.copyOf(magnitudes, n));
        long plus2 = 0;
        for (int i = 0; i < n; i++) {
            if (positive[i]) {
                plus2 += ranks.doubled()[i];
            }
        }
        long total2 = (long) n * (n + 1);
        long lowerTail2 = Math.min(plus2, total2 - plus2);
        double statistic = plus2 / 2.0;
        boolean exact = n <= ALWAYS_EXACT_MAX_N || (n <= EXACT_MAX_N && n * (lowerTail2 + 1) <= EXACT_BUDGET);
        double logP = exact
                ? logExactP(ranks.doubled(), lowerTail2)
                : logNormalP(n, statistic, ranks.tieCorrection());
        return new Result(statistic, n, exact, Math.min(0, logP));
    }

    /**
     * 2 P(T <= t) where T is the sum of a random subset of the doubled ranks: count the subsets by
     * their sum up to t (each rank is in or out), then divide by 2^n in log space.
     */
    static double logExactP(int[] doubledRanks, long lowerTail2) {
        int t = (int) lowerTail2;
        double[] ways = new double[t + 1];
        ways[0] = 1;
        int reach = 0;
        for (int rank : doubledRanks) {
            reach = Math.min(t, reach + rank);
            for (int s = reach; s >= rank; s--) {
                ways[s] += ways[s - rank];
            }
        }
        double count = 0;
        for (double w : ways) {
            count += w;
        }
        return Math.log(2) + Math.log(count) - doubledRanks.length * Math.log(2);
    }

    /**
     * z = (W+ - n(n+1)/4 ∓ 1/2) / σ with σ² = [n(n+1)(2n+1) - Σ(t³ - t)/2] / 24 over the tie groups
     * (sizes t), two-sided.
     */
    static double logNormalP(int n, double statistic, double tieCorrection) {
        double mean = n * (n + 1.0) / 4;
        double variance = (n * (n + 1.0) * (2.0 * n + 1) - tieCorrection / 2) / 24;
        double shifted = statistic - mean;
        double z = (shifted - 0.5 * Math.signum(shifted)) / Math.sqrt(variance);
        return Math.log(2) + NormalTail.logUpper(Math.abs(z));
    }

    /** Ranks of the magnitudes times two (mean ranks of ties stay integers) and Σ(t³ - t) over ties. */
    record DoubledRanks(int[] doubled, double tieCorrection) {

        static DoubledRanks of(double[] magnitudes) {
            int n = magnitudes.length;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(magnitudes[x], magnitudes[y]));
            int[] doubled = new int[n];
            double tieCorrection = 0;
            int start = 0;
            while (start < n) {
                int end = start;
                while (end + 1 < n && magnitudes[order[end + 1]] == magnitudes[order[start]]) {
                    end++;
                }
                // Positions start..end (0-based) hold ranks start+1..end+1; twice their mean is start+end+2.
                for (int i = start; i <= end; i++) {
                    doubled[order[i]] = start + end + 2;
                }
                double t = end - start + 1;
                tieCorrection += t * t * t - t;
                start = end + 1;
            }
            return new DoubledRanks(doubled, tieCorrection);
        }
    }
}

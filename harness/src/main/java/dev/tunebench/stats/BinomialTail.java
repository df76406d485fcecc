package dev.tunebench.stats;

import org.apache.commons.math3.special.Gamma;

/**
 * Tails of Binomial(n, 1/2) as natural logarithms, with relative precision far below 1e-300 (the
 * probabilities of exact paired tests). commons-math3's {@code cumulativeProbability} goes through the
 * regularized incomplete beta, which loses relative precision deep in the tail and underflows to 0 near
 * 1e-20. Here each point probability comes from Loader's saddle-point form (Loader 2000, "Fast and
 * accurate computation of binomial probabilities", the method of R's {@code dbinom}), which has no
 * cancellation between large log-factorials, and the tail is summed from its largest term down by the
 * ratio of neighbouring terms, so no term is smaller than the sum's precision needs.
 */
final class BinomialTail {

    private static final double LN_2 = Math.log(2);
    private static final double LN_2PI = Math.log(2 * Math.PI);
    /** Loader's Stirling series needs more terms below this; there the log-gamma route is exact enough. */
    private static final int STIRLING_SERIES_FROM = 16;

    private BinomialTail() {
    }

    /** ln P(X = k), X ~ Binomial(n, 1/2). */
    static double logPmf(int n, int k) {
        check(n, k);
        if (k == 0 || k == n) {
            return -n * LN_2;
        }
        double half = n / 2.0;
        double lc = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - bd0(k, half) - bd0(n - k, half);
        double lf = LN_2PI + Math.log(k) + Math.log1p(-(double) k / n);
        return lc - 0.5 * lf;
    }

    /** ln P(X <= k), X ~ Binomial(n, 1/2), for k < n/2 (the tail the tests need). */
    static double logLowerTail(int n, int k) {
        check(n, k);
        if (2L * k >= n) {
            throw new IllegalArgumentException("the lower tail is summed only below n/2, got k=" + k + " n=" + n);
        }
        return logPmf(n, k) + Math.log(sumRelativeToTop(n, k));
    }

    /**
     * Σ_{j<=k} P(X = j) / P(X = k): the terms fall by j / (n - j + 1) at each step down, so the loop
     * stops once a term no longer changes the sum.
     */
    static double sumRelativeToTop(int n, int k) {
        double sum = 1;
        double term = 1;
        for (int j = k; j > 0; j--) {
            term *= (double) j / (n - j + 1);
            double next = sum + term;
            if (next == sum) {
                break;
            }
            sum = next;
        }
        return sum;
    }

    /**
     * ln(m!) - ln(√(2πm) (m/e)^m). Loader's series from 16 on (next term below 1e-16 there); below,
     * directly from log-gamma, where the terms are small and nothing cancels.
     */
    static double stirlingError(int m) {
        if (m < STIRLING_SERIES_FROM) {
            return Gamma.logGamma(m + 1.0) - (m + 0.5) * Math.log(m) + m - 0.5 * LN_2PI;
        }
        double mm = (double) m * m;
        final double s0 = 1.0 / 12;
        final double s1 = 1.0 / 360;
        final double s2 = 1.0 / 1260;
        final double s3 = 1.0 / 1680;
        final double s4 = 1.0 / 1188;
        return (s0 - (s1 - (s2 - (s3 - s4 / mm) / mm) / mm) / mm) / m;
    }

    /**
     * x ln(x / np) + np - x without cancellation when x is near np: a series in v = (x - np)/(x + np)
     * there (Loader 2000, §2), the direct form elsewhere.
     */
    static double bd0(double x, double np) {
        if (Math.abs(x - np) < 0.1 * (x + np)) {
            double v = (x - np) / (x + np);
            double s = (x - np) * v;
            double ej = 2 * x * v;
            double v2 = v * v;
            for (int j = 1; ; j++) {
                ej *= v2;
                double next = s + ej / (2 * j + 1);
                if (next == s) {
                    return next;
                }
                s = next;
            }
        }
        return x * Math.log(x / np) + np - x;
    }

    private static void check(int n, int k) {
        if (n < 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + " n=" + n);
        }
    }
}

package dev.tunebench.stats;

import org.apache.commons.math3.special.Erf;

/**
 * ln P(Z > z) for a standard normal Z, finite for every z: commons-math3's normal CDF returns 0 beyond
 * 40 standard deviations, and a normal-approximation p of a large run lies far beyond that.
 */
final class NormalTail {

    private static final double HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);
    /** From here on the continued fraction converges in a few dozen steps. */
    private static final double CONTINUED_FRACTION_FROM = 5;

    private NormalTail() {
    }

    static double logUpper(double z) {
        if (z < CONTINUED_FRACTION_FROM) {
            return Math.log(0.5 * Erf.erfc(z / Math.sqrt(2)));
        }
        return -0.5 * z * z - HALF_LN_2PI + Math.log(millsRatio(z));
    }

    /**
     * P(Z > z) / φ(z) = 1 / (z + 1/(z + 2/(z + 3/(z + ...)))) (Laplace's continued fraction), evaluated
     * by the modified Lentz method.
     */
    private static double millsRatio(double z) {
        final double tiny = 1e-300;
        double f = z;
        double c = z;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            d = z + k * d;
            d = d == 0 ? tiny : d;
            c = z + k / c;
            c = c == 0 ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return 1 / f;
    }
}

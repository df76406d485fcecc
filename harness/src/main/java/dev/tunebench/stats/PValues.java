package dev.tunebench.stats;

/**
 * Turns a p-value computed as a natural logarithm into the double that summary.json carries. A p
 * below {@link Double#MIN_NORMAL} (about 2.2e-308) is reported as {@link Double#MIN_VALUE} rather than
 * as a subnormal with few significant bits or as 0, which would read as certainty; {@link
 * #belowDoubleRange} recognises it, and {@link #log10} of the log keeps the true order of magnitude.
 */
public final class PValues {

    /**
     * Below this natural log a p is not a normal double. The margin keeps a p of exactly
     * {@code MIN_NORMAL}, whose log carries an ulp of rounding, on the normal side.
     */
    private static final double LOG_MIN_NORMAL = Math.log(Double.MIN_NORMAL) - 1e-9;

    private PValues() {
    }

    /** min(1, e^logP), or {@link Double#MIN_VALUE} when e^logP is below the normal doubles. */
    public static double fromLog(double logP) {
        if (Double.isNaN(logP)) {
            throw new IllegalArgumentException("log p-value is NaN");
        }
        if (logP >= 0) {
            return 1.0;
        }
        return logP < LOG_MIN_NORMAL ? Double.MIN_VALUE : Math.exp(logP);
    }

    /** True for the stand-in {@link #fromLog} gives a p the doubles cannot hold. */
    public static boolean belowDoubleRange(double p) {
        return p == Double.MIN_VALUE;
    }

    /** log10 of a p given as a natural log, capped at 0 like the p itself. */
    public static double log10(double logP) {
        return Math.min(0, logP / Math.log(10));
    }
}

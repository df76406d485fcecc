package dev.tunebench.reports;

import java.util.Locale;

/**
 * A p-value as a reader should see it: two significant digits down to 0.0001, then {@code p < 1e-N} with
 * the true order of magnitude, never "p = 0". Below the smallest double, summary.json gives the raw p's
 * log10; the Holm-adjusted p is at most the family size times the raw p, so N is taken from that bound
 * and the statement stays true.
 */
public final class PValueText {
    private PValueText() {
    }

    /**
     * @param pAdjusted   the Holm-adjusted p of summary.json (null: no test)
     * @param rawLog10    {@code p_value_log10} when the raw p was below the doubles, else null
     * @param familySize  the number of comparisons Holm adjusted over (an upper bound is enough)
     */
    public static String of(Double pAdjusted, Double rawLog10, int familySize) {
        if (pAdjusted == null || pAdjusted.isNaN()) {
            return "";
        }
        if (rawLog10 != null) {
            return "p < 1e-" + exponent(rawLog10 + Math.log10(Math.max(1, familySize)));
        }
        if (pAdjusted >= 1e-4) {
            return "p = " + String.format(Locale.ROOT, pAdjusted >= 0.01 ? "%.2f" : "%.2g", pAdjusted);
        }
        return "p < 1e-" + exponent(Math.log10(pAdjusted));
    }

    /** The N of 1e-N just above p: floor(-log10 p), so that p < 1e-N holds. */
    private static long exponent(double log10) {
        return (long) Math.floor(-log10);
    }
}

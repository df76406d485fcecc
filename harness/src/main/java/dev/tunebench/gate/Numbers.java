package dev.tunebench.gate;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formatting for rule texts and reasons. */
final class Numbers {
    private Numbers() {
    }

    /** A limit as the suite wrote it: 0.75, not 0.7500 or 7.5E-1. */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A confidence level as a percentage: 0.95 gives 95%. */
    static String percent(double level) {
        return plain(Math.round(level * 1e6) / 1e4) + "%";
    }

    /** A measured figure: four significant digits. */
    static String figure(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** A difference, with its sign; adding 0.0 turns −0 into 0. */
    static String signed(double v) {
        return String.format(Locale.ROOT, "%+.4g", v + 0.0);
    }

    /** A margin as the suite wrote it, with its sign: +0.02, -0.02, 0. */
    static String signedPlain(double v) {
        return v > 0 ? "+" + plain(v) : plain(v + 0.0);
    }

    /** A p-value; exact tests on large samples underflow to 0, which would read as certainty. */
    static String p(double p) {
        return p < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }
}

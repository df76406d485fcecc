package dev.tunebench.gate;

import dev.tunebench.stats.Interval;

import java.util.Locale;

/**
 * What a relative gate must show about d = candidate − reference, oriented so that positive is better
 * (for lower-is-better metrics such as latency the sign is flipped first). Each decides on the one-sided
 * confidence bound, i.e. a bound of the two-sided interval at level 2c − 1.
 */
public enum Hypothesis {
    /** Not worse by more than the margin: pass when the lower bound > −margin, fail when the upper bound < −margin. */
    NON_INFERIORITY,
    /** Better by more than the margin: pass when the lower bound > margin, fail when the upper bound ≤ margin. */
    SUPERIORITY,
    /**
     * No significant regression beyond the margin: fail only when the upper bound < −margin. Noise never
     * fails it, which suits a nightly job; use non-inferiority when a release must prove it is not worse.
     */
    NO_REGRESSION;

    public String suiteName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome for an interval of the oriented difference (positive = better). */
    public Outcome decide(Interval oriented, double margin) {
        if (!oriented.isDefined()) {
            return Outcome.INCONCLUSIVE;
        }
        return switch (this) {
            case NON_INFERIORITY -> oriented.low() > -margin ? Outcome.PASS
                    : oriented.high() < -margin ? Outcome.FAIL : Outcome.INCONCLUSIVE;
            case SUPERIORITY -> oriented.low() > margin ? Outcome.PASS
                    : oriented.high() <= margin ? Outcome.FAIL : Outcome.INCONCLUSIVE;
            case NO_REGRESSION -> oriented.high() < -margin ? Outcome.FAIL : Outcome.PASS;
        };
    }
}

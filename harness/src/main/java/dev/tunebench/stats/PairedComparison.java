package dev.tunebench.stats;

/**
 * A paired comparison of side B against side A on one metric, before multiplicity adjustment:
 * {@code difference = valueB - valueA} with its interval, the test and its raw p-value, and the effect
 * size (the difference itself). {@code counts} is the paired 2×2 table for binary metrics and null
 * for continuous ones; {@code minimumDetectableEffect} is null where no power formula applies.
 * Holm adjustment and the {@link Verdict} come from all comparisons of a run together (see
 * {@link Holm}).
 */
public record PairedComparison(
        double valueA,
        double valueB,
        double difference,
        Interval interval,
        String test,
        double pValue,
        double effectSize,
        String effectSizeName,
        int n,
        PairedCounts counts,
        Double minimumDetectableEffect) {

    public static final String EFFECT_DIFFERENCE = "difference";
}

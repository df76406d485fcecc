package dev.tunebench.stats;

/**
 * McNemar's test for paired binary outcomes, computed exactly: under the null each of the
 * {@code b + c} discordant rows is equally likely to favour either side, so the smaller count is
 * Binomial(b + c, 1/2). Only discordant rows carry information; rows both sides got right (or wrong)
 * do not enter the test. The binomial tail is summed in log space ({@link BinomialTail}), so a p keeps
 * its relative precision all the way down (worst 6e-13 over every split up to n = 2,000, where
 * commons-math3 was off in the sixth digit and gave 0 below ~1e-20); below the normal doubles it is
 * reported as {@link Double#MIN_VALUE} (see {@link PValues}), never as 0.
 */
public final class McNemar {

    public static final String EXACT = "mcnemar-exact";
    public static final String MID_P = "mcnemar-mid-p";

    private McNemar() {
    }

    /**
     * Two-sided exact p-value: {@code min(1, 2 P(X <= min(b, c)))}, X ~ Binomial(b + c, 1/2). 1 when
     * there are no discordant rows. Conservative; see {@link #midP}.
     */
    public static double exactP(int onlyA, int onlyB) {
        return PValues.fromLog(logExactP(onlyA, onlyB));
    }

    /** Natural log of {@link #exactP}, which stays finite where the p itself is below any double. */
    public static double logExactP(int onlyA, int onlyB) {
        int discordant = checkedDiscordant(onlyA, onlyB);
        int smaller = Math.min(onlyA, onlyB);
        if (2 * smaller == discordant) {
            return 0;
        }
        return Math.min(0, Math.log(2) + BinomialTail.logLowerTail(discordant, smaller));
    }

    /**
     * Mid-p variant: counts only half the probability of the observed table,
     * {@code 2 [P(X <= k) - P(X = k) / 2]}. Fagerland, Lydersen & Laake (2013, BMC Med Res Methodol
     * 13:91) recommend it: its size stays close to nominal, where the exact test is too conservative.
     */
    public static double midP(int onlyA, int onlyB) {
        int discordant = checkedDiscordant(onlyA, onlyB);
        int smaller = Math.min(onlyA, onlyB);
        if (2 * smaller == discordant) {
            return 1.0;
        }
        // 2 P(X = k) (Σ/P(X = k) - 1/2), with the sum taken relative to its top term as in the exact test.
        double relative = BinomialTail.sumRelativeToTop(discordant, smaller) - 0.5;
        return PValues.fromLog(Math.log(2) + BinomialTail.logPmf(discordant, smaller) + Math.log(relative));
    }

    private static int checkedDiscordant(int onlyA, int onlyB) {
        if (onlyA < 0 || onlyB < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, got " + onlyA + ", " + onlyB);
        }
        return onlyA + onlyB;
    }
}

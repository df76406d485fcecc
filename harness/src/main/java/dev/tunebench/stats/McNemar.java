package dev.tunebench.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * McNemar's test for paired binary outcomes, computed exactly: under the null each of the
 * {@code b + c} discordant rows is equally likely to favour either side, so the smaller count is
 * Binomial(b + c, 1/2). Only discordant rows carry information; rows both sides got right (or wrong)
 * do not enter the test.
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
        int discordant = checkedDiscordant(onlyA, onlyB);
        if (discordant == 0) {
            return 1.0;
        }
        BinomialDistribution null0 = new BinomialDistribution(null, discordant, 0.5);
        return Math.min(1.0, 2 * null0.cumulativeProbability(Math.min(onlyA, onlyB)));
    }

    /**
     * Mid-p variant: counts only half the probability of the observed table,
     * {@code 2 [P(X <= k) - P(X = k) / 2]}. Fagerland, Lydersen & Laake (2013, BMC Med Res Methodol
     * 13:91) recommend it: its size stays close to nominal, where the exact test is too conservative.
     */
    public static double midP(int onlyA, int onlyB) {
        int discordant = checkedDiscordant(onlyA, onlyB);
        if (discordant == 0) {
            return 1.0;
        }
        BinomialDistribution null0 = new BinomialDistribution(null, discordant, 0.5);
        int smaller = Math.min(onlyA, onlyB);
        return Math.min(1.0, 2 * (null0.cumulativeProbability(smaller) - null0.probability(smaller) / 2));
    }

    private static int checkedDiscordant(int onlyA, int onlyB) {
        if (onlyA < 0 || onlyB < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, got " + onlyA + ", " + onlyB);
        }
        return onlyA + onlyB;
    }
}

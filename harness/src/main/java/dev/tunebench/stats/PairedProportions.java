package dev.tunebench.stats;

/** Confidence interval for the difference of two proportions measured on the same rows. */
public final class PairedProportions {

    public static final String NEWCOMBE_PAIRED = "newcombe-paired";

    private PairedProportions() {
    }

    /**
     * Interval for {@code rate(B) - rate(A)} by Newcombe's method 10 (Newcombe 1998, Stat Med
     * 17:2635, "square and add" of the two Wilson intervals with a correction φ for the correlation of
     * paired rows). Chosen over Wald because it stays inside [-1, 1] and keeps coverage near nominal
     * when a rate is close to 0 or 1 (Fagerland, Lydersen & Laake 2014, Stat Methods Med Res 24:224).
     * With e = both right, f = only B, g = only A, h = both wrong and A' = e h - f g, φ is
     * (A' - n/2)/√(row and column margins) when A' > n/2, 0 when 0 ≤ A' ≤ n/2, and A'/√(...) when A' < 0.
     */
    public static Interval newcombeInterval(PairedCounts counts, double confidence) {
        int n = counts.n();
        if (n == 0) {
            return Interval.undefined(NEWCOMBE_PAIRED);
        }
        double rateB = (double) counts.rightB() / n;
        double rateA = (double) counts.rightA() / n;
        Interval wilsonB = Proportions.wilson(counts.rightB(), n, confidence);
        Interval wilsonA = Proportions.wilson(counts.rightA(), n, confidence);
        double phi = correlation(counts);

        double bDown = rateB - wilsonB.low();
        double bUp = wilsonB.high() - rateB;
        double aDown = rateA - wilsonA.low();
        double aUp = wilsonA.high() - rateA;
        double difference = rateB - rateA;
        double lower = difference - Math.sqrt(Math.max(0, bDown * bDown - 2 * phi * bDown * aUp + aUp * aUp));
        double upper = difference + Math.sqrt(Math.max(0, bUp * bUp - 2 * phi * bUp * aDown + aDown * aDown));
        return new Interval(Math.max(-1, lower), Math.min(1, upper), NEWCOMBE_PAIRED);
    }

    /** Newcombe's φ estimate, shrunk towards 0 by n/2 when positive (his continuity adjustment). */
    private static double correlation(PairedCounts counts) {
        double n = counts.n();
        double margins = (double) counts.rightB() * (n - counts.rightB()) * counts.rightA() * (n - counts.rightA());
        if (margins == 0) {
            return 0;
        }
        double cross = (double) counts.bothRight() * counts.bothWrong() - (double) counts.onlyA() * counts.onlyB();
        if (cross > n / 2) {
            return (cross - n / 2) / Math.sqrt(margins);
        }
        return cross >= 0 ? 0 : cross / Math.sqrt(margins);
    }
}

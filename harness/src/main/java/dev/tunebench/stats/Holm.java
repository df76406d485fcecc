package dev.tunebench.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm–Bonferroni step-down adjustment (Holm 1979, Scand J Statist 6:65): controls the family-wise
 * error rate over all comparisons of a run without assuming independence, and is uniformly more
 * powerful than plain Bonferroni.
 */
public final class Holm {

    private Holm() {
    }

    /**
     * Adjusted p-values in the input order. With p sorted ascending, p̃(i) = max over j ≤ i of
     * min(1, (m - j + 1) p(j)); the running maximum keeps the adjusted values monotone in the raw ones.
     * Equal to {@code p.adjust(p, "holm")} in R.
     */
    public static double[] adjust(double[] pValues) {
        for (double p : pValues) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p-values must be in [0, 1], got " + p);
            }
        }
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double runningMax = 0;
        for (int rank = 0; rank < m; rank++) {
            int index = order[rank];
            runningMax = Math.max(runningMax, Math.min(1.0, (m - rank) * pValues[index]));
            adjusted[index] = runningMax;
        }
        return adjusted;
    }
}

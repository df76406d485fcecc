package dev.tunebench.stats;

import java.util.Arrays;

/** Aggregation over {@code repeats: N} (the same rows sampled with seeds seed..seed+N-1). */
public final class Repeats {

    private Repeats() {
    }

    /** Classifies each row from its pass/fail per repeat; {@code passed[row][repeat]}, every row has k repeats. */
    public static RowStability stability(boolean[][] passed) {
        int repeats = passed.length == 0 ? 0 : passed[0].length;
        int alwaysRight = 0;
        int alwaysWrong = 0;
        int flaky = 0;
        for (boolean[] row : passed) {
            if (row.length != repeats) {
                throw new IllegalArgumentException("every row needs " + repeats + " repeats, got " + row.length);
            }
            int right = 0;
            for (boolean pass : row) {
                right += pass ? 1 : 0;
            }
            if (right == repeats) {
                alwaysRight++;
            } else if (right == 0) {
                alwaysWrong++;
            } else {
                flaky++;
            }
        }
        return new RowStability(alwaysRight, alwaysWrong, flaky, repeats);
    }

    /** Min, max, mean and sample sd of one metric's value per repeat. */
    public static Spread spread(double[] valuePerRepeat) {
        if (valuePerRepeat.length == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new Spread(Arrays.stream(valuePerRepeat).min().orElseThrow(),
                Arrays.stream(valuePerRepeat).max().orElseThrow(),
                Percentiles.mean(valuePerRepeat), Percentiles.standardDeviation(valuePerRepeat),
                valuePerRepeat.length);
    }

    /**
     * Unbiased pass@k for one row from {@code samples} generations of which {@code correct} passed
     * (Chen et al. 2021, "Evaluating Large Language Models Trained on Code", eq. 1):
     * 1 - C(n-c, k) / C(n, k). Computed as 1 - ∏_{i=n-c+1..n} (1 - k/i), which avoids huge binomials.
     */
    public static double passAtK(int samples, int correct, int k) {
        if (samples < 1 || correct < 0 || correct > samples || k < 1 || k > samples) {
            throw new IllegalArgumentException(
                    "need 0 <= correct <= samples and 1 <= k <= samples, got n=" + samples + " c=" + correct + " k=" + k);
        }
        if (samples - correct < k) {
            return 1.0;
        }
        double allWrong = 1.0;
        for (int i = samples - correct + 1; i <= samples; i++) {
            allWrong *= 1.0 - (double) k / i;
        }
        return 1.0 - allWrong;
    }

    /** Mean pass@k over rows, each row with {@code samples} generations and {@code correctByRow[row]} passes. */
    public static double meanPassAtK(int[] correctByRow, int samples, int k) {
        if (correctByRow.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int correct : correctByRow) {
            sum += passAtK(samples, correct, k);
        }
        return sum / correctByRow.length;
    }
}

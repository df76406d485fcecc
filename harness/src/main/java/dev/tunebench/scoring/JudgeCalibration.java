package dev.tunebench.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a judge's grades of its labelled answers compare with the person's: how many it graded (the rest were
 * unscored), how many verdicts match, and Cohen's kappa, which discounts the agreement two raters reach by
 * chance (NaN when chance agreement is total). Verdicts are compared as categories: a choice's value, pass
 * (grade >= 0.5) or fail on a scale, win/tie/loss for a pairwise judge.
 */
public record JudgeCalibration(int labelled, int graded, int agreed, double kappa) {

    /** The share of graded answers where judge and person agree; NaN when none was graded. */
    public double agreement() {
        return graded == 0 ? Double.NaN : (double) agreed / graded;
    }

    /**
     * @param human the person's verdict per labelled answer
     * @param judge the judge's verdict per labelled answer, null where it was unscored
     */
    static JudgeCalibration of(List<String> human, List<String> judge) {
        Map<String, Integer> humanCounts = new HashMap<>();
        Map<String, Integer> judgeCounts = new HashMap<>();
        int graded = 0;
        int agreed = 0;
        for (int i = 0; i < human.size(); i++) {
            if (judge.get(i) == null) {
                continue;
            }
            graded++;
            agreed += human.get(i).equals(judge.get(i)) ? 1 : 0;
            humanCounts.merge(human.get(i), 1, Integer::sum);
            judgeCounts.merge(judge.get(i), 1, Integer::sum);
        }
        return new JudgeCalibration(human.size(), graded, agreed, kappa(graded, agreed, humanCounts, judgeCounts));
    }

    /** Cohen's kappa from the agreements and each rater's category counts over {@code n} items. */
    public static double kappa(int n, int agreed, Map<String, Integer> a, Map<String, Integer> b) {
        if (n == 0) {
            return Double.NaN;
        }
        double chance = 0;
        for (Map.Entry<String, Integer> e : a.entrySet()) {
            chance += (double) e.getValue() / n * b.getOrDefault(e.getKey(), 0) / n;
        }
        double observed = (double) agreed / n;
        return chance >= 1 ? Double.NaN : (observed - chance) / (1 - chance);
    }
}

package dev.tunebench.scoring;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sacreBLEU's chrF ({@code CHRF()}: character 6-grams, no word n-grams, whitespace removed, case kept):
 * per row the counts {@code [hyp, ref, match]} for each order. {@code beta} weighs recall (sacreBLEU's
 * default 2); {@code epsSmoothing} selects sacreBLEU's chrF++.py-style smoothing instead of its default
 * effective-order averaging. See sacrebleu/metrics/chrf.py.
 */
public record ChrF(int beta, boolean epsSmoothing) implements CorpusMetric {
    static final int ORDER = 6;
    static final int DEFAULT_BETA = 2;
    private static final Pattern ID = Pattern.compile("chrf:beta=(\\d+)(,eps)?");

    public ChrF {
        if (beta < 1) {
            throw new IllegalArgumentException("beta must be >= 1, got " + beta);
        }
    }

    static Optional<ChrF> parse(String id) {
        Matcher m = ID.matcher(id == null ? "" : id);
        return m.matches() ? Optional.of(new ChrF(Integer.parseInt(m.group(1)), m.group(2) != null)) : Optional.empty();
    }

    @Override
    public String id() {
        return "chrf:beta=" + beta + (epsSmoothing ? ",eps" : "");
    }

    @Override
    public long[] statistics(String hypothesis, List<String> references) {
        List<Map<String, Integer>> hyp = charNgrams(hypothesis);
        long[] best = new long[3 * ORDER];
        double bestScore = -1;
        for (String reference : references) {
            List<Map<String, Integer>> ref = charNgrams(reference);
            long[] stats = new long[3 * ORDER];
            for (int n = 0; n < ORDER; n++) {
                Map<String, Integer> r = ref.get(n);
                stats[3 * n] = hyp.get(n).values().stream().mapToLong(Integer::longValue).sum();
                stats[3 * n + 1] = r.values().stream().mapToLong(Integer::longValue).sum();
                stats[3 * n + 2] = hyp.get(n).entrySet().stream()
                        .mapToLong(e -> Math.min(e.getValue(), r.getOrDefault(e.getKey(), 0))).sum();
            }
            // Several references: the one with the best score, as sacreBLEU picks it.
            double score = corpusScore(stats);
            if (score > bestScore) {
                bestScore = score;
                best = stats;
            }
        }
        return best;
    }

    @Override
    public double sentenceScore(long[] row) {
        return corpusScore(row);
    }

    /** {@code CHRF._compute_f_score}, as a fraction. */
    @Override
    public double corpusScore(long[] s) {
        double eps = 1e-16;
        double factor = (double) beta * beta;
        double score = 0;
        double avgPrec = 0;
        double avgRec = 0;
        int effectiveOrder = 0;
        for (int n = 0; n < ORDER; n++) {
            long hyp = s[3 * n];
            long ref = s[3 * n + 1];
            long match = s[3 * n + 2];
            double prec = hyp > 0 ? (double) match / hyp : eps;
            double rec = ref > 0 ? (double) match / ref : eps;
            double denom = factor * prec + rec;
            score += denom > 0 ? (1 + factor) * prec * rec / denom : eps;
            if (hyp > 0 && ref > 0) {
                avgPrec += prec;
                avgRec += rec;
                effectiveOrder++;
            }
        }
        if (epsSmoothing) {
            return score / ORDER;
        }
        if (effectiveOrder == 0) {
            return 0.0;
        }
        avgPrec /= effectiveOrder;
        avgRec /= effectiveOrder;
        if (avgPrec + avgRec == 0) {
            return 0.0;
        }
        return (1 + factor) * avgPrec * avgRec / (factor * avgPrec + avgRec);
    }

    private static List<Map<String, Integer>> charNgrams(String text) {
        int[] chars = PythonText.codePointsWithoutSpace(text);
        Map<String, Integer>[] counts = new Map[ORDER];
        for (int n = 1; n <= ORDER; n++) {
            Map<String, Integer> c = new HashMap<>();
            for (int i = 0; i + n <= chars.length; i++) {
                c.merge(new String(chars, i, n), 1, Integer::sum);
            }
            counts[n - 1] = c;
        }
        return Arrays.asList(counts);
    }
}

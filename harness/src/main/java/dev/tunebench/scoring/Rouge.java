package dev.tunebench.scoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.tartarus.snowball.ext.PorterStemmer;

/**
 * ROUGE as Google's rouge-score computes it (equivalent to ROUGE-1.5.5 {@code -n 2}, with {@code -m} when
 * stemming): lower-cased, every run of characters other than a-z and 0-9 a separator, words longer than
 * three letters Porter-stemmed on request. {@code rougeN} counts clipped n-gram overlap, {@code rougeL}
 * the longest common subsequence, {@code rougeLsum} the summary-level union LCS over newline-separated
 * sentences. See rouge/rouge_scorer.py and rouge/tokenize.py.
 */
public final class Rouge {
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern VARIANT = Pattern.compile("rouge([1-9]|L|Lsum)");

    private Rouge() {
    }

    /** Precision, recall and F1 of one prediction against one target. */
    public record Result(double precision, double recall, double fmeasure) {
        static final Result ZERO = new Result(0, 0, 0);

        static Result of(double precision, double recall) {
            return new Result(precision, recall,
                    precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0);
        }
    }

    static boolean isVariant(String variant) {
        return VARIANT.matcher(variant).matches();
    }

    /** {@code variant} is one of rouge1..rouge9, rougeL, rougeLsum ({@link #isVariant}). */
    public static Result score(String variant, String target, String prediction, boolean stem) {
        if (variant.equals("rougeLsum")) {
            return summaryLevelLcs(sentences(target, stem), sentences(prediction, stem));
        }
        List<String> t = tokenize(target, stem);
        List<String> p = tokenize(prediction, stem);
        if (variant.equals("rougeL")) {
            if (t.isEmpty() || p.isEmpty()) {
                return Result.ZERO;
            }
            int lcs = lcsTable(t, p)[t.size()][p.size()];
            return Result.of((double) lcs / p.size(), (double) lcs / t.size());
        }
        int n = Integer.parseInt(variant.substring(5));
        Map<List<String>, Integer> tn = ngrams(t, n);
        Map<List<String>, Integer> pn = ngrams(p, n);
        long overlap = 0;
        for (Map.Entry<List<String>, Integer> e : tn.entrySet()) {
            overlap += Math.min(e.getValue(), pn.getOrDefault(e.getKey(), 0));
        }
        long tc = sum(tn.values());
        long pc = sum(pn.values());
        return Result.of((double) overlap / Math.max(pc, 1), (double) overlap / Math.max(tc, 1));
    }

    static List<String> tokenize(String text, boolean stem) {
        String lower = NON_ALNUM.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
        List<String> tokens = new ArrayList<>();
        PorterStemmer stemmer = stem ? new PorterStemmer() : null;
        for (String word : lower.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (stemmer != null && word.length() > 3) {
                stemmer.setCurrent(word);
                stemmer.stem();
                word = stemmer.getCurrent();
            }
            if (!word.isEmpty()) {
                tokens.add(word);
            }
        }
        return tokens;
    }

    private static List<List<String>> sentences(String text, boolean stem) {
        List<List<String>> out = new ArrayList<>();
        for (String sentence : text.split("\n", -1)) {
            if (!sentence.isEmpty()) {
                out.add(tokenize(sentence, stem));
            }
        }
        return out;
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return counts;
    }

    private static long sum(Collection<Integer> values) {
        return values.stream().mapToLong(Integer::longValue).sum();
    }

    private static int[][] lcsTable(List<String> ref, List<String> can) {
        int[][] t = new int[ref.size() + 1][can.size() + 1];
        for (int i = 1; i <= ref.size(); i++) {
            for (int j = 1; j <= can.size(); j++) {
                t[i][j] = ref.get(i - 1).equals(can.get(j - 1)) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
            }
        }
        return t;
    }

    /** One longest common subsequence, as indices into {@code ref}, read back as rouge-score does. */
    private static List<Integer> lcsIndices(List<String> ref, List<String> can) {
        int[][] t = lcsTable(ref, can);
        List<Integer> lcs = new ArrayList<>();
        int i = ref.size();
        int j = can.size();
        while (i > 0 && j > 0) {
            if (ref.get(i - 1).equals(can.get(j - 1))) {
                lcs.add(0, i - 1);
                i--;
                j--;
            } else if (t[i][j - 1] > t[i - 1][j]) {
                j--;
            } else {
                i--;
            }
        }
        return lcs;
    }

    private static Result summaryLevelLcs(List<List<String>> refs, List<List<String>> cans) {
        if (refs.isEmpty() || cans.isEmpty()) {
            return Result.ZERO;
        }
        int m = refs.stream().mapToInt(List::size).sum();
        int n = cans.stream().mapToInt(List::size).sum();
        if (m == 0 || n == 0) {
            return Result.ZERO;
        }
        Map<String, Integer> refCounts = new HashMap<>();
        Map<String, Integer> canCounts = new HashMap<>();
        refs.forEach(s -> s.forEach(w -> refCounts.merge(w, 1, Integer::sum)));
        cans.forEach(s -> s.forEach(w -> canCounts.merge(w, 1, Integer::sum)));
        int hits = 0;
        for (List<String> ref : refs) {
            TreeSet<Integer> union = new TreeSet<>();
            cans.forEach(c -> union.addAll(lcsIndices(ref, c)));
            // Each token counts at most as often as it occurs on both sides, as ROUGE-1.5.5 does.
            for (int index : union) {
                String w = ref.get(index);
                if (canCounts.getOrDefault(w, 0) > 0 && refCounts.getOrDefault(w, 0) > 0) {
                    hits++;
                    canCounts.merge(w, -1, Integer::sum);
                    refCounts.merge(w, -1, Integer::sum);
                }
            }
        }
        return Result.of((double) hits / n, (double) hits / m);
    }
}

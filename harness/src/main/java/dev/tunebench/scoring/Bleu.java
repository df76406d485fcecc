package dev.tunebench.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * sacreBLEU's default BLEU ({@code BLEU()}: the 13a tokeniser, mixed case, 4-grams, {@code exp}
 * smoothing): per row the counts {@code [hyp_len, ref_len, correct_1..4, total_1..4]}, with the
 * closest reference length and n-gram matches clipped by the most frequent reference. See
 * sacrebleu/metrics/bleu.py and tokenizers/tokenizer_13a.py.
 */
public record Bleu() implements CorpusMetric {
    static final String ID = "bleu";
    static final int ORDER = 4;

    private static final Pattern[] PATTERNS = {
            Pattern.compile("([\\{-~\\[-` -&(-+:-@/])"),
            Pattern.compile("([^0-9])([\\.,])"),
            Pattern.compile("([\\.,])([^0-9])"),
            Pattern.compile("([0-9])(-)")};
    private static final String[] REPLACEMENTS = {" $1 ", "$1 $2 ", " $1 $2", "$1 $2 "};

    @Override
    public String id() {
        return ID;
    }

    /** mteval-v13a tokenisation as sacreBLEU's {@code Tokenizer13a} does it. */
    static List<String> tokenize(String line) {
        String text = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (text.contains("&")) {
            text = text.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        text = " " + text + " ";
        for (int i = 0; i < PATTERNS.length; i++) {
            text = PATTERNS[i].matcher(text).replaceAll(REPLACEMENTS[i]);
        }
        return PythonText.split(text);
    }

    @Override
    public long[] statistics(String hypothesis, List<String> references) {
        List<String> hyp = tokenize(hypothesis);
        Map<String, Integer> refMax = new HashMap<>();
        int refLen = -1;
        for (String reference : references) {
            List<String> ref = tokenize(reference);
            ngrams(ref).forEach((g, c) -> refMax.merge(g, c, Math::max));
            // sacreBLEU: the reference length closest to the hypothesis length, the shorter on a tie.
            int distance = Math.abs(ref.size() - hyp.size());
            if (refLen < 0 || distance < Math.abs(refLen - hyp.size())
                    || distance == Math.abs(refLen - hyp.size()) && ref.size() < refLen) {
                refLen = ref.size();
            }
        }
        long[] stats = new long[2 + 2 * ORDER];
        stats[0] = hyp.size();
        stats[1] = Math.max(refLen, 0);
        ngrams(hyp).forEach((g, c) -> {
            int n = order(g);
            stats[2 + ORDER + n - 1] += c;
            stats[2 + n - 1] += Math.min(c, refMax.getOrDefault(g, 0));
        });
        return stats;
    }

    @Override
    public double corpusScore(long[] summed) {
        return score(summed, false);
    }

    @Override
    public double sentenceScore(long[] row) {
        return score(row, true);
    }

    /** {@code BLEU.compute_bleu} with exp smoothing, as a fraction. */
    static double score(long[] s, boolean effectiveOrder) {
        long sysLen = s[0];
        long refLen = s[1];
        double bp = 1.0;
        if (sysLen < refLen) {
            bp = sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0.0;
        }
        boolean anyCorrect = false;
        for (int n = 0; n < ORDER; n++) {
            anyCorrect |= s[2 + n] > 0;
        }
        if (!anyCorrect) {
            return 0.0;
        }
        double[] precisions = new double[ORDER];
        double smooth = 1.0;
        int effOrder = ORDER;
        for (int n = 1; n <= ORDER; n++) {
            long correct = s[2 + n - 1];
            long total = s[2 + ORDER + n - 1];
            if (total == 0) {
                break;
            }
            if (effectiveOrder) {
                effOrder = n;
            }
            if (correct == 0) {
                smooth *= 2;
                precisions[n - 1] = 100.0 / (smooth * total);
            } else {
                precisions[n - 1] = 100.0 * correct / total;
            }
        }
        double logSum = 0;
        for (int n = 0; n < effOrder; n++) {
            // sacreBLEU's my_log: a huge negative number for log(0), so the score is exactly 0.
            logSum += precisions[n] > 0 ? Math.log(precisions[n]) : -9999999999.0;
        }
        return bp * Math.exp(logSum / effOrder) / 100.0;
    }

    private static Map<String, Integer> ngrams(List<String> tokens) {
        Map<String, Integer> counts = new HashMap<>();
        for (int n = 1; n <= ORDER; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                counts.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static int order(String ngram) {
        int n = 1;
        for (int i = 0; i < ngram.length(); i++) {
            if (ngram.charAt(i) == ' ') {
                n++;
            }
        }
        return n;
    }
}

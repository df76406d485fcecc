package dev.tunebench.datacheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Duplicates inside one file and overlap between two, on each example's {@link Example#input()}.
 * <ul>
 *   <li><b>exact</b>: equal after lower-casing and collapsing whitespace;</li>
 *   <li><b>near</b>: Jaccard similarity of the sets of word 3-grams (words are runs of letters and digits,
 *   lower-cased, so punctuation does not count; a text under 3 words is one gram) of at least
 *   {@link #THRESHOLD}. Candidates come from MinHash with {@link #PERMUTATIONS} hash functions in
 *   {@link #BANDS} LSH bands of {@link #ROWS} rows: a pair at similarity 0.7 becomes a candidate with
 *   probability 1 - (1 - 0.7^4)^32 > 0.9998. Every candidate is then scored by its exact Jaccard
 *   similarity, so a listed figure is never an estimate and nothing under the threshold is listed.</li>
 * </ul>
 * Examples with an empty input (only system and assistant turns) are left out.
 */
public final class Overlap {
    public static final double THRESHOLD = 0.7;
    public static final int GRAM_WORDS = 3;
    static final int PERMUTATIONS = 128;
    static final int BANDS = 32;
    static final int ROWS = PERMUTATIONS / BANDS;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final long[] SEEDS = seeds();

    /**
     * One overlapping pair: {@code line} in the checked file, {@code otherLine} in the other file (or later in
     * the same file); {@code similarity} is the exact Jaccard similarity of the word 3-grams (1 for exact).
     */
    public record Pair(int line, int otherLine, double similarity, boolean exact, boolean sameAnswer) {
    }

    private record Indexed(Example example, String normal, Set<String> grams, long[] signature) {
    }

    private Overlap() {
    }

    /** Pairs of examples of one file that repeat each other, each pair once (line before otherLine). */
    public static List<Pair> within(List<Example> examples) {
        List<Indexed> all = index(examples);
        Map<String, List<Integer>> buckets = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            for (int candidate : candidates(all.get(i), buckets, i)) {
                if (seen.add((long) candidate << 32 | i)) {
                    pair(all.get(candidate), all.get(i)).ifPresent(out::add);
                }
            }
        }
        out.sort(Comparator.comparingInt(Pair::line).thenComparingInt(Pair::otherLine));
        return out;
    }

    /** Pairs of an example of {@code checked} and one of {@code other} that repeat each other. */
    public static List<Pair> between(List<Example> checked, List<Example> other) {
        List<Indexed> others = index(other);
        Map<String, List<Integer>> buckets = new HashMap<>();
        for (int j = 0; j < others.size(); j++) {
            candidates(others.get(j), buckets, j);
        }
        List<Pair> out = new ArrayList<>();
        for (Indexed a : index(checked)) {
            Set<Integer> found = new HashSet<>();
            for (int b = 0; b < BANDS; b++) {
                found.addAll(buckets.getOrDefault(bandKey(a.signature(), b), List.of()));
            }
            found.stream().sorted().forEach(j -> pair(a, others.get(j)).ifPresent(out::add));
        }
        out.sort(Comparator.comparingInt(Pair::line).thenComparingInt(Pair::otherLine));
        return out;
    }

    /** Lines of {@code pairs} counted once: how many examples of the checked file are involved. */
    public static long linesInvolved(List<Pair> pairs) {
        return pairs.stream().mapToInt(Pair::line).distinct().count();
    }

    /** The word 3-grams of a text, as the near-duplicate check sees it. */
    public static Set<String> grams(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        Set<String> grams = new HashSet<>();
        if (words.isEmpty()) {
            return grams;
        }
        if (words.size() < GRAM_WORDS) {
            grams.add(String.join(" ", words));
            return grams;
        }
        for (int i = 0; i + GRAM_WORDS <= words.size(); i++) {
            grams.add(String.join(" ", words.subList(i, i + GRAM_WORDS)));
        }
        return grams;
    }

    public static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        int common = 0;
        for (String g : a) {
            common += b.contains(g) ? 1 : 0;
        }
        return common / (double) (a.size() + b.size() - common);
    }

    static String normal(String text) {
        return String.join(" ", text.toLowerCase(Locale.ROOT).trim().split("\\s+"));
    }

    private static List<Indexed> index(List<Example> examples) {
        List<Indexed> out = new ArrayList<>();
        for (Example e : examples) {
            String normal = normal(e.input());
            if (normal.isEmpty()) {
                continue;
            }
            Set<String> grams = grams(e.input());
            out.add(new Indexed(e, normal, grams, signature(grams)));
        }
        return out;
    }

    /** Earlier entries sharing a band with {@code x}; {@code x} is added to the buckets as {@code position}. */
    private static Set<Integer> candidates(Indexed x, Map<String, List<Integer>> buckets, int position) {
        Set<Integer> found = new HashSet<>();
        for (int b = 0; b < BANDS; b++) {
            List<Integer> bucket = buckets.computeIfAbsent(bandKey(x.signature(), b), k -> new ArrayList<>());
            found.addAll(bucket);
            bucket.add(position);
        }
        return found;
    }

    private static java.util.Optional<Pair> pair(Indexed a, Indexed b) {
        boolean exact = a.normal().equals(b.normal());
        double similarity = exact ? 1 : jaccard(a.grams(), b.grams());
        if (!exact && similarity < THRESHOLD) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Pair(a.example().line(), b.example().line(), similarity, exact,
                normal(a.example().answer()).equals(normal(b.example().answer()))));
    }

    private static String bandKey(long[] signature, int band) {
        StringBuilder key = new StringBuilder().append(band);
        for (int r = 0; r < ROWS; r++) {
            key.append(':').append(signature[band * ROWS + r]);
        }
        return key.toString();
    }

    private static long[] signature(Set<String> grams) {
        long[] sig = new long[PERMUTATIONS];
        java.util.Arrays.fill(sig, Long.MAX_VALUE);
        for (String g : grams) {
            long h = fnv1a(g);
            for (int i = 0; i < PERMUTATIONS; i++) {
                sig[i] = Math.min(sig[i], mix(h ^ SEEDS[i]));
            }
        }
        return sig;
    }

    /** 64-bit FNV-1a over the UTF-16 chars: stable across JVMs, unlike nothing-promised String.hashCode. */
    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: one well-mixed hash function per seed. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long[] seeds() {
        long[] s = new long[PERMUTATIONS];
        long x = 0x5DEECE66DL;
        for (int i = 0; i < s.length; i++) {
            x += 0x9e3779b97f4a7c15L;
            s[i] = mix(x);
        }
        return s;
    }
}

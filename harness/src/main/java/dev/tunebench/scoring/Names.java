package dev.tunebench.scoring;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" suggestions for misspelt type and parameter names. */
final class Names {
    private Names() {
    }

    /**
     * The known name closest to {@code given}, if it is close enough to be a plausible typo: within an
     * edit distance of a third of its length (at least 2), or one that contains {@code given}.
     */
    static Optional<String> closest(String given, Collection<String> known) {
        String lower = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(lower, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        if (bestDistance <= Math.max(2, given.length() / 3)) {
            return Optional.of(best);
        }
        // A fragment of a longer name ("schema" for json_schema) is a plausible slip too.
        return known.stream().filter(k -> lower.length() >= 3 && k.contains(lower)).findFirst();
    }

    /** " (did you mean x?)" or nothing, ready to append to a message. */
    static String didYouMean(String given, Collection<String> known) {
        return closest(given, known).map(s -> " (did you mean " + s + "?)").orElse("");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

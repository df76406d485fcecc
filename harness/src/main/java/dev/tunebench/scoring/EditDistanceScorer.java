package dev.tunebench.scoring;

import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * {@code edit_distance}: 1 − Levenshtein distance / the longer text's length, over UTF-16 characters of
 * the stripped texts (1 when both are empty). {@code ignore_case} folds case first.
 */
record EditDistanceScorer(String name, boolean ignoreCase) implements Scorer {
    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

    static EditDistanceScorer from(Params params) {
        return new EditDistanceScorer(params.name(), params.bool("ignore_case", false));
    }

    @Override
    public Score score(String answer, String expected) {
        String a = ignoreCase ? NormalizedScorer.fold(answer.strip()) : answer.strip();
        String b = ignoreCase ? NormalizedScorer.fold(expected.strip()) : expected.strip();
        int longer = Math.max(a.length(), b.length());
        int distance = LEVENSHTEIN.apply(a, b);
        double value = longer == 0 ? 1.0 : 1.0 - (double) distance / longer;
        return new Score(value, String.format(Locale.ROOT, "distance %d of %d", distance, longer), "", null, null);
    }
}

package dev.tunebench.scoring;

/**
 * Passes when the answer contains {@code value} or, without one, the expected answer; {@code ignore_case}
 * compares case-folded texts.
 */
record ContainsScorer(String name, String value, boolean ignoreCase) implements Scorer {

    static ContainsScorer from(Params params) {
        boolean ignoreCase = params.bool("ignore_case", false);
        String value = params.string("value").map(v -> ignoreCase ? NormalizedScorer.fold(v) : v).orElse(null);
        return new ContainsScorer(params.name(), value, ignoreCase);
    }

    @Override
    public Score score(String answer, String expected) {
        String needle = value != null ? value : ignoreCase ? NormalizedScorer.fold(expected.strip()) : expected.strip();
        String haystack = ignoreCase ? NormalizedScorer.fold(answer) : answer;
        return haystack.contains(needle)
                ? Score.pass(needle)
                : Score.fail(needle, "answer does not contain '" + needle + "'");
    }
}

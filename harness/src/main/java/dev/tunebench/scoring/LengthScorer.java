package dev.tunebench.scoring;

import java.util.Set;

/**
 * Passes when the trimmed answer's length is within limits: {@code min_chars}/{@code max_chars} count
 * Unicode code points, {@code min_words}/{@code max_words} whitespace-separated words. The expected answer
 * is not used. Unset limits are open (0 and {@link Integer#MAX_VALUE}).
 */
record LengthScorer(String name, int minChars, int maxChars, int minWords, int maxWords) implements Scorer {

    static LengthScorer from(Params params) {
        Set<String> limits = ScorerType.LENGTH.params();
        if (limits.stream().noneMatch(params::has)) {
            throw params.error("max_chars", "missing; give at least one of min_chars, max_chars, min_words, max_words");
        }
        LengthScorer scorer = new LengthScorer(params.name(),
                params.count("min_chars").orElse(0), params.count("max_chars").orElse(Integer.MAX_VALUE),
                params.count("min_words").orElse(0), params.count("max_words").orElse(Integer.MAX_VALUE));
        if (scorer.minChars > scorer.maxChars) {
            throw params.error("min_chars", "is greater than max_chars (" + scorer.maxChars + ")");
        }
        if (scorer.minWords > scorer.maxWords) {
            throw params.error("min_words", "is greater than max_words (" + scorer.maxWords + ")");
        }
        return scorer;
    }

    @Override
    public Score score(String answer, String expected) {
        String text = answer.strip();
        int chars = text.codePointCount(0, text.length());
        int words = words(text);
        String measured = chars + " chars, " + words + " words";
        if (chars < minChars) {
            return Score.fail(measured, chars + " chars < min_chars " + minChars);
        }
        if (chars > maxChars) {
            return Score.fail(measured, chars + " chars > max_chars " + maxChars);
        }
        if (words < minWords) {
            return Score.fail(measured, words + " words < min_words " + minWords);
        }
        if (words > maxWords) {
            return Score.fail(measured, words + " words > max_words " + maxWords);
        }
        return Score.pass(measured);
    }

    private static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }
}

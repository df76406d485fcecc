package dev.tunebench.scoring;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Passes when answer and expected are equal after normalization: Unicode NFKC (so composed and
 * decomposed accents, full-width letters and ligatures compare equal), case folding, trimming, runs of
 * whitespace collapsed to one space and, with {@code strip_punctuation}, punctuation removed.
 */
record NormalizedScorer(String name, boolean stripPunctuation) implements Scorer {

    static NormalizedScorer from(Params params) {
        return new NormalizedScorer(params.name(), params.bool("strip_punctuation", false));
    }

    @Override
    public Score score(String answer, String expected) {
        String normalized = normalize(answer, stripPunctuation);
        return normalized.equals(normalize(expected, stripPunctuation))
                ? Score.pass(normalized)
                : Score.fail(normalized, "differs from expected after normalization");
    }

    static String normalize(String text, boolean stripPunctuation) {
        String folded = fold(Normalizer.normalize(text, Normalizer.Form.NFKC));
        StringBuilder out = new StringBuilder(folded.length());
        boolean pendingSpace = false;
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = out.length() > 0;
            } else if (!(stripPunctuation && isPunctuation(c))) {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /** Case folding: upper then lower case, so that e.g. 'ß' and "SS" meet at "ss". */
    static String fold(String text) {
        return text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static boolean isPunctuation(int c) {
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}

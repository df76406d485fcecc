package dev.tunebench.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code str.split()} and {@code ''.join(s.split())}, which the reference implementations of
 * BLEU, chrF and ROUGE tokenise with: whitespace is Unicode whitespace including no-break spaces, and
 * characters are code points.
 */
final class PythonText {
    private PythonText() {
    }

    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }

    /** Words separated by runs of whitespace, none empty. */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (isSpace(c)) {
                if (start >= 0) {
                    words.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(c);
        }
        if (start >= 0) {
            words.add(text.substring(start));
        }
        return words;
    }

    /** The text's code points with all whitespace removed. */
    static int[] codePointsWithoutSpace(String text) {
        return text.codePoints().filter(c -> !isSpace(c)).toArray();
    }
}

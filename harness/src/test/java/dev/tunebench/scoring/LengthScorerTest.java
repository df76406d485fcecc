package dev.tunebench.scoring;

import static dev.tunebench.scoring.Specs.WHERE;
import static dev.tunebench.scoring.Specs.rejected;
import static dev.tunebench.scoring.Specs.scorer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LengthScorerTest {

    @Test
    void charsAreCodePointsOfTheTrimmedAnswer() {
        Scorer max = scorer("length", "max_chars", 5);
        assertEquals(Score.pass("5 chars, 1 words"), max.score(" 😀😀😀😀😀\n", "ignored"));
        assertEquals(Score.fail("6 chars, 1 words", "6 chars > max_chars 5"), max.score("refund", ""));
        assertEquals(Score.fail("0 chars, 0 words", "0 chars < min_chars 1"), scorer("length", "min_chars", 1).score("  ", ""));
    }

    @Test
    void wordsAreSeparatedByAnyWhitespace() {
        Scorer words = scorer("length", "min_words", 2, "max_words", 3);
        assertTrue(words.score("one\ttwo\u00a0three", "").passed());
        assertEquals("1 words < min_words 2", words.score("one", "").reason());
        assertEquals("4 words > max_words 3", words.score("a b  c\nd", "").reason());
    }

    @Test
    void limitsCombine() {
        Scorer both = scorer("length", "max_chars", 10, "max_words", 2);
        assertTrue(both.score("ab cd", "").passed());
        assertEquals("3 words > max_words 2", both.score("a b c", "").reason());
    }

    @Test
    void badSpecs() {
        assertEquals(WHERE + ": max_chars: missing; give at least one of min_chars, max_chars, min_words, max_words",
                rejected("length"));
        assertEquals(WHERE + ": min_chars: is greater than max_chars (3)", rejected("length", "min_chars", 4, "max_chars", 3));
        assertEquals(WHERE + ": min_words: is greater than max_words (1)", rejected("length", "min_words", 2, "max_words", 1));
        assertEquals(WHERE + ": max_char: unknown parameter for scorer type length; known parameters: max_chars, max_words,"
                + " min_chars, min_words (did you mean max_chars?)", rejected("length", "max_char", 3));
    }
}

package dev.tunebench.scoring;

import static dev.tunebench.scoring.Specs.scorer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** exact, normalized and contains. */
class TextScorersTest {

    @Test
    void exactIsCharacterForCharacter() {
        Scorer exact = scorer("exact");
        assertEquals(Score.pass("refund"), exact.score("refund", "refund"));
        assertTrue(exact.score("", "").passed());
        assertEquals(Score.fail("refund\n", "differs from expected at character 6"), exact.score("refund\n", "refund"));
        assertFalse(exact.score("Refund", "refund").passed());
        assertFalse(exact.score("e\u0301", "\u00e9").passed(), "decomposed é is not exactly composed é");
    }

    @Test
    void normalizedFoldsCaseWhitespaceAndUnicodeForms() {
        Scorer normalized = scorer("normalized");
        Score score = normalized.score("  The   Refund\t\nPolicy ", "the refund policy");
        assertTrue(score.passed());
        assertEquals("the refund policy", score.extracted());
        assertTrue(normalized.score("caf\u0065\u0301", "CAFÉ").passed(), "decomposed and composed accents");
        assertTrue(normalized.score("STRASSE", "straße").passed(), "full case folding");
        assertTrue(normalized.score("ＲＥＦＵＮＤ", "refund").passed(), "full-width letters (NFKC)");
        assertTrue(normalized.score("a\u00a0b", "a b").passed(), "no-break space is whitespace");
        assertFalse(normalized.score("refund.", "refund").passed(), "punctuation kept by default");
        assertEquals("differs from expected after normalization", normalized.score("refunds", "refund").reason());
    }

    @Test
    void normalizedCanStripPunctuation() {
        Scorer normalized = scorer("normalized", "strip_punctuation", true);
        assertTrue(normalized.score("Refund!", "refund").passed());
        assertTrue(normalized.score("«Hello», world…", "hello world").passed());
        assertTrue(normalized.score("it's  -  fine", "its fine").passed());
        assertFalse(normalized.score("$5", "5").passed(), "symbols are not punctuation");
    }

    @Test
    void containsLooksForTheExpectedAnswer() {
        Scorer contains = scorer("contains");
        assertEquals(Score.pass("refund"), contains.score("The intent is refund.", "refund\n"));
        assertEquals(Score.fail("refund", "answer does not contain 'refund'"), contains.score("REFUND", "refund"));
    }

    @Test
    void containsAGivenValueIgnoringCase() {
        Scorer contains = scorer("contains", "value", "Intent", "ignore_case", true);
        assertTrue(contains.score("{\"INTENT\": 1}", "unused").passed());
        assertTrue(scorer("contains", "value", "STRASSE", "ignore_case", true).score("die Straße", "").passed());
        assertFalse(contains.score("{\"label\": 1}", "intent").passed(), "the value, not the expected answer");
    }
}

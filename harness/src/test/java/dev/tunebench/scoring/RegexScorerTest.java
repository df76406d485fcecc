package dev.tunebench.scoring;

import static dev.tunebench.scoring.Specs.WHERE;
import static dev.tunebench.scoring.Specs.rejected;
import static dev.tunebench.scoring.Specs.scorer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.spi.InputException;
import org.junit.jupiter.api.Test;

class RegexScorerTest {

    @Test
    void extractsGroupOneByDefaultAndComparesWithTheTrimmedExpected() {
        Scorer regex = scorer("regex", "pattern", "answer: *(\\d+)");
        assertEquals(Score.pass("42"), regex.score("Thinking... answer: 42.", "42\n"));
        assertEquals(Score.fail("41", "extracted '41', expected '42'"), regex.score("answer: 41", "42"));
    }

    @Test
    void noMatchIsZeroWithAReason() {
        Score score = scorer("regex", "pattern", "answer: *(\\d+)").score("I don't know", "42");
        assertEquals(0.0, score.value());
        assertEquals("no match for /answer: *(\\d+)/", score.reason());
    }

    @Test
    void wholeMatchWithoutGroups() {
        assertTrue(scorer("regex", "pattern", "\\d+").score("it is 42 or so", "42").passed());
        assertTrue(scorer("regex", "pattern", "(a)(b)", "group", 0).score("xaby", "ab").passed());
        assertTrue(scorer("regex", "pattern", "(a)(b)", "group", 2).score("xaby", "b").passed());
    }

    @Test
    void namedGroupAndUnicode() {
        Scorer regex = scorer("regex", "pattern", "ville: (?<city>\\p{L}+)", "group", "city");
        assertTrue(regex.score("ville: Zürich", "Zürich").passed());
    }

    @Test
    void extractsFromExpectedToo() {
        Scorer regex = scorer("regex", "pattern", "\"intent\": *\"(\\w+)\"", "extract_expected", true);
        assertTrue(regex.score("{\"intent\":\"refund\", \"x\": 1}", "{\"intent\": \"refund\"}").passed());
        assertFalse(regex.score("{\"intent\":\"billing\"}", "{\"intent\": \"refund\"}").passed());
        InputException e = assertThrows(InputException.class, () -> regex.score("{\"intent\":\"refund\"}", "refund"));
        assertTrue(e.getMessage().startsWith(WHERE + ": expected answer 'refund': no match for"), e.getMessage());
    }

    @Test
    void badSpecs() {
        assertEquals(WHERE + ": pattern: missing; give a regex, e.g. '\"intent\": *\"(\\w+)\"'", rejected("regex"));
        assertEquals(WHERE + ": pattern: invalid regex 'answer: (\\d+': Unclosed group at index 12",
                rejected("regex", "pattern", "answer: (\\d+"));
        assertEquals(WHERE + ": group: the pattern has 1 group(s), so there is no group 2; expected 0..1 or a group name",
                rejected("regex", "pattern", "(a)", "group", 2));
        assertEquals(WHERE + ": group: the pattern has no group named 'x'", rejected("regex", "pattern", "(a)", "group", "x"));
        assertEquals(WHERE + ": extract_expected: expected true or false, got 'no'",
                rejected("regex", "pattern", "a", "extract_expected", "no"));
    }
}

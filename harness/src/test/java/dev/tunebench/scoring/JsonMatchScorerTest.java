package dev.tunebench.scoring;

import static dev.tunebench.scoring.Specs.WHERE;
import static dev.tunebench.scoring.Specs.rejected;
import static dev.tunebench.scoring.Specs.scorer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.spi.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonMatchScorerTest {
    private final Scorer whole = scorer("json_match");

    @Test
    void deepEqualityIgnoresKeyOrderAndWhitespace() {
        assertTrue(whole.score("{\"intent\": \"refund\"}", "{\"intent\":\"refund\"}\n").passed());
        assertTrue(whole.score(" {\"b\": [1, {\"c\": null}], \"a\": \"x\"} ", "{\"a\":\"x\",\"b\":[1,{\"c\":null}]}").passed());
        assertTrue(whole.score("{\"name\": \"Zoë\"}", "{\"name\": \"Zo\\u00eb\"}").passed(), "escapes decode to the same text");
    }

    @Test
    void numbersCompareByValue() {
        assertTrue(whole.score("{\"n\": 1.0, \"m\": [2e0]}", "{\"n\": 1, \"m\": [2]}").passed());
        assertFalse(whole.score("{\"n\": 1.5}", "{\"n\": 1}").passed());
        assertFalse(whole.score("{\"n\": \"1\"}", "{\"n\": 1}").passed(), "a string is not a number");
    }

    @Test
    void nestedDifferencesAndExtraFieldsFail() {
        assertFalse(whole.score("{\"a\": {\"b\": [1, 2]}}", "{\"a\": {\"b\": [2, 1]}}").passed(), "array order matters");
        Score extra = whole.score("{\"intent\": \"refund\", \"x\": 1}", "{\"intent\": \"refund\"}");
        assertEquals(Score.fail("{\"intent\": \"refund\", \"x\": 1}", "differs from expected"), extra);
    }

    @Test
    void unparseableAnswerIsZeroWithReason() {
        for (String answer : List.of("not json", "", "   ", "{\"intent\": \"refund\"", "{\"intent\": \"refund\"} and more")) {
            Score score = whole.score(answer, "{\"intent\": \"refund\"}");
            assertEquals(0.0, score.value(), answer);
            assertTrue(score.reason().startsWith("not JSON: "), score.reason());
        }
        assertTrue(whole.score("not json", "{}").reason().startsWith("not JSON: Unrecognized token 'not'"));
    }

    @Test
    void unparseableExpectedIsADataError() {
        InputException e = assertThrows(InputException.class, () -> whole.score("{}", "refund"));
        assertTrue(e.getMessage().startsWith(WHERE + ": expected answer is not JSON ("), e.getMessage());
    }

    @Test
    void subsetOfFieldsAllowsExtraFields() {
        Scorer subset = scorer("json_match", "fields", List.of("intent", "/meta/lang"));
        String expected = "{\"intent\": \"refund\", \"meta\": {\"lang\": \"en\"}, \"confidence\": 0.9}";
        assertTrue(subset.score("{\"meta\": {\"lang\": \"en\", \"x\": 1}, \"intent\": \"refund\", \"y\": 2}", expected).passed());
        assertEquals("field intent is \"billing\", expected \"refund\"",
                subset.score("{\"intent\": \"billing\", \"meta\": {\"lang\": \"en\"}}", expected).reason());
        assertEquals("missing field /meta/lang", subset.score("{\"intent\": \"refund\"}", expected).reason());
        assertEquals("missing field intent", subset.score("[1]", expected).reason());
    }

    @Test
    void fieldMissingFromBothMatches() {
        assertTrue(scorer("json_match", "fields", List.of("a", "b")).score("{\"a\": 1}", "{\"a\": 1.0}").passed());
    }

    @Test
    void badSpecs() {
        assertEquals(WHERE + ": fields: expected a non-empty list of strings, e.g. [a, b], got a list",
                rejected("json_match", "fields", List.of()));
    }
}

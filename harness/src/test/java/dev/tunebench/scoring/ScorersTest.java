package dev.tunebench.scoring;

import static dev.tunebench.scoring.Specs.WHERE;
import static dev.tunebench.scoring.Specs.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.spi.InputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorersTest {

    @Test
    void createsEveryTypeWithItsName() {
        Map<String, Class<?>> types = Map.of(
                "exact", ExactScorer.class, "normalized", NormalizedScorer.class, "contains", ContainsScorer.class,
                "json_match", JsonMatchScorer.class, "length", LengthScorer.class, "label", LabelScorer.class);
        types.forEach((type, cls) -> {
            Scorer scorer = Specs.scorer(type, type.equals("length") ? new Object[] {"max_chars", 3} : new Object[0]);
            assertInstanceOf(cls, scorer);
            assertEquals("s", scorer.name());
        });
        assertInstanceOf(RegexScorer.class, Specs.scorer("regex", "pattern", "x"));
        assertInstanceOf(JsonSchemaScorer.class, Specs.scorer("json_schema", "schema", Map.of("type", "object")));
    }

    @Test
    void unknownTypeSuggestsTheClosest() {
        String message = rejected("jsonmatch");
        assertEquals(WHERE + ": type: unknown scorer type 'jsonmatch'; expected one of exact, normalized, contains,"
                + " regex, json_match, json_schema, label, length, judge, tool_call, rouge, bleu, chrf, edit_distance,"
                + " embedding_similarity (did you mean json_match?)", message);
        assertTrue(rejected("Exact").endsWith("(did you mean exact?)"));
        assertTrue(rejected("schema").endsWith("(did you mean json_schema?)"));
        assertFalse(rejected("meteor").contains("did you mean"));
    }

    @Test
    void missingTypeOrName() {
        assertTrue(rejected(null).startsWith(WHERE + ": type: missing; expected one of exact,"));
        InputException e = assertThrows(InputException.class,
                () -> Scorers.create(new ScorerSpec(" ", "exact", Map.of(), WHERE)));
        assertEquals(WHERE + ": name: missing; give the scorer a unique name", e.getMessage());
    }

    @Test
    void unknownParameterNamesTheKnownOnes() {
        assertEquals(WHERE + ": ignorecase: unknown parameter for scorer type contains; known parameters: ignore_case,"
                + " value (did you mean ignore_case?)", rejected("contains", "ignorecase", true));
        assertEquals(WHERE + ": strip: unknown parameter for scorer type exact; known parameters: none",
                rejected("exact", "strip", true));
    }

    @Test
    void wrongParameterTypes() {
        assertEquals(WHERE + ": ignore_case: expected true or false, got 'yes'", rejected("contains", "ignore_case", "yes"));
        assertEquals(WHERE + ": value: expected a non-empty string, got 7", rejected("contains", "value", 7));
        assertEquals(WHERE + ": value: expected a non-empty string, got ''", rejected("contains", "value", ""));
        assertEquals(WHERE + ": max_chars: expected a whole number ≥ 0, got -1", rejected("length", "max_chars", -1));
        assertEquals(WHERE + ": max_chars: expected a whole number ≥ 0, got 2.5", rejected("length", "max_chars", 2.5));
        assertEquals(WHERE + ": max_chars: expected a whole number ≥ 0, got '10'", rejected("length", "max_chars", "10"));
        assertEquals(WHERE + ": fields: expected a non-empty list of strings, e.g. [a, b], got 'intent'",
                rejected("json_match", "fields", "intent"));
        assertEquals(WHERE + ": fields[1]: expected a non-empty string, got 3",
                rejected("json_match", "fields", List.of("intent", 3)));
        assertEquals(WHERE + ": schema: expected a mapping, got a list", rejected("json_schema", "schema", List.of()));
    }
}

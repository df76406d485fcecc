package dev.tunebench.scoring;

import static dev.tunebench.scoring.Specs.WHERE;
import static dev.tunebench.scoring.Specs.rejected;
import static dev.tunebench.scoring.Specs.scorer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.spi.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelScorerTest {
    private static final List<String> LABELS = List.of("refund", "delivery", "account", "network", "billing", "cancel");

    @Test
    void jsonFieldFromAnswerAndExpected() {
        Scorer label = scorer("label", "field", "intent", "labels", LABELS);
        assertEquals(new Score(1.0, "refund", "", "refund", "refund"),
                label.score("{\"intent\": \"refund\", \"confidence\": 0.9}", "{\"intent\": \"refund\"}"));
        assertEquals(new Score(0.0, "billing", "predicted 'billing', expected 'refund'", "refund", "billing"),
                label.score("{\"intent\":\"billing\"}", "{\"intent\": \"refund\"}"));
    }

    @Test
    void unparseablePredictionHasNoPredictedLabel() {
        Scorer label = scorer("label", "field", "intent");
        Score notJson = label.score("refund", "{\"intent\": \"refund\"}");
        assertEquals("refund", notJson.expectedLabel());
        assertEquals(null, notJson.predictedLabel());
        assertTrue(notJson.reason().startsWith("not JSON: "), notJson.reason());
        assertEquals("no field intent", label.score("{\"label\": \"refund\"}", "{\"intent\": \"refund\"}").reason());
        assertEquals("field intent is not a string, number or boolean",
                label.score("{\"intent\": [\"refund\"]}", "{\"intent\": \"refund\"}").reason());
    }

    @Test
    void labelOutsideTheAllowedSetIsUnparsed() {
        Score score = scorer("label", "field", "intent", "labels", LABELS).score("{\"intent\": \"other\"}", "{\"intent\": \"refund\"}");
        assertEquals(new Score(0.0, "other", "label 'other' is not one of the labels", "refund", null), score);
    }

    @Test
    void labelOutsideTheSetIsKeptWithoutOne() {
        Score score = scorer("label", "field", "intent").score("{\"intent\": \"other\"}", "{\"intent\": \"refund\"}");
        assertEquals("other", score.predictedLabel());
    }

    @Test
    void nestedFieldByPointerAndNumbers() {
        Scorer label = scorer("label", "field", "/result/class");
        assertTrue(label.score("{\"result\": {\"class\": 3}}", "{\"result\": {\"class\": 3}}").passed());
    }

    @Test
    void patternAndWholeAnswer() {
        Scorer byPattern = scorer("label", "pattern", "(?i)label: *(\\w+)");
        assertEquals("cancel", byPattern.score("Label: cancel", "label: cancel").predictedLabel());
        Scorer whole = scorer("label", "ignore_case", true);
        Score score = whole.score("  Réfund \n", "réfund");
        assertEquals(new Score(1.0, "réfund", "", "réfund", "réfund"), score);
        assertEquals(new Score(0.0, null, "no match for /(?i)label: *(\\w+)/", "cancel", null),
                byPattern.score("I think cancel", "label: cancel"));
    }

    @Test
    void expectedWithoutALabelIsADataError() {
        Scorer label = scorer("label", "field", "intent", "labels", LABELS);
        InputException notJson = assertThrows(InputException.class, () -> label.score("{\"intent\": \"refund\"}", "refund"));
        assertTrue(notJson.getMessage().startsWith(WHERE + ": cannot read the expected label from 'refund': not JSON: "));
        InputException unknown = assertThrows(InputException.class, () -> label.score("{}", "{\"intent\": \"other\"}"));
        assertEquals(WHERE + ": expected label 'other' is not among labels [account, billing, cancel, delivery, network,"
                + " refund]; add it to labels or fix the data", unknown.getMessage());
    }

    @Test
    void badSpecs() {
        assertEquals(WHERE + ": pattern: give only one of field, pattern", rejected("label", "field", "intent", "pattern", "(\\w+)"));
        assertEquals(WHERE + ": group: only applies with pattern; add a pattern or remove group", rejected("label", "group", 1));
        assertEquals(WHERE + ": pattern: invalid regex '(': Unclosed group at index 1", rejected("label", "pattern", "("));
        assertEquals(WHERE + ": labels: expected a non-empty list of strings, e.g. [a, b], got 'refund'",
                rejected("label", "labels", "refund"));
        assertEquals(WHERE + ": lables: unknown parameter for scorer type label; known parameters: field, group,"
                + " ignore_case, labels, pattern (did you mean labels?)", rejected("label", "lables", LABELS));
    }
}

package dev.tunebench.scoring;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Tool;
import dev.tunebench.spi.ToolCall;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tunebench.scoring.Specs.rejected;
import static dev.tunebench.scoring.Specs.scorer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToolCallScorerTest {
    private static final Tool WEATHER = new Tool("get_weather", "{\"type\":\"function\",\"function\":{\"name\":"
            + "\"get_weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
            + "\"unit\":{\"enum\":[\"c\",\"f\"]}},\"required\":[\"city\"],\"additionalProperties\":false}}}");
    private static final Tool TIME = new Tool("get_time", "{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}");
    private static final List<ToolCall> PARIS_C = List.of(new ToolCall("call_1", "get_weather", "{\"city\": \"Paris\", \"unit\": \"c\"}"));

    private static Attempt text(String answer, List<ToolCall> expected) {
        return new Attempt(answer, List.of(), "", expected, List.of(WEATHER, TIME));
    }

    private static double value(String check, Attempt a) {
        return scorer("tool_call", "check", check).score(a).value();
    }

    @Test
    void everyAcceptedTextFormReadsAsTheSameCall() {
        Scorer call = scorer("tool_call");
        List<String> forms = List.of(
                "{\"name\": \"get_weather\", \"arguments\": {\"unit\": \"c\", \"city\": \"Paris\"}}",
                "  <tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"c\"}}\n</tool_call>",
                "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"c\"}}",
                "[{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\", \"unit\": \"c\"}}]",
                "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\": \\\"Paris\\\", \\\"unit\\\": \\\"c\\\"}\"}}");
        for (String form : forms) {
            Score s = call.score(text(form, PARIS_C));
            assertEquals(1.0, s.value(), form + " -> " + s.reason());
        }
    }

    @Test
    void checksSeparateNameArgumentsAndFormat() {
        Attempt wrongCity = text("{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Rome\", \"unit\": \"c\"}}", PARIS_C);
        assertEquals(0.0, value("call", wrongCity));
        assertEquals(1.0, value("name", wrongCity));
        assertEquals(0.5, value("arguments", wrongCity), "one of two arguments right");
        assertEquals(1.0, value("schema", wrongCity));

        Attempt extra = text("{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"c\", \"day\": 1}}", PARIS_C);
        assertEquals(2.0 / 3, value("arguments", extra), 1e-12, "an extra argument counts against");
        Score schema = scorer("tool_call", "check", "schema").score(extra);
        assertEquals(0.0, schema.value());
        assertTrue(schema.reason().startsWith("get_weather: "), schema.reason());

        Attempt otherTool = text("{\"name\": \"get_time\", \"arguments\": {}}", PARIS_C);
        assertEquals(0.0, value("name", otherTool));
        assertEquals(0.0, value("arguments", otherTool));
        assertEquals(1.0, value("schema", otherTool), "a tool without parameters takes any arguments object");

        Attempt unknown = text("{\"name\": \"get_wether\", \"arguments\": {\"city\": \"Paris\"}}", PARIS_C);
        Score s = scorer("tool_call", "check", "schema").score(unknown);
        assertEquals(0.0, s.value());
        assertTrue(s.reason().contains("'get_wether', which is not one of the tools [get_weather, get_time]"), s.reason());
    }

    @Test
    void aCallWithoutArgumentsIsJudgedByItsNameAndSchema() {
        Attempt bare = text("<tool_call>{\"name\": \"get_weather\"}", PARIS_C);
        assertEquals(1.0, value("name", bare));
        assertEquals(0.0, value("arguments", bare));
        Score schema = scorer("tool_call", "check", "schema").score(bare);
        assertEquals(0.0, schema.value());
        assertTrue(schema.reason().contains("city"), "the required argument is named: " + schema.reason());
    }

    @Test
    void numbersAndKeyOrderDoNotMatter() {
        List<ToolCall> expected = List.of(new ToolCall(null, "f", "{\"a\": 1, \"b\": [1, 2]}"));
        assertEquals(1.0, value("call", text("{\"name\": \"f\", \"arguments\": {\"b\": [1.0, 2], \"a\": 1e0}}", expected)));
        assertEquals(0.0, value("call", text("{\"name\": \"f\", \"arguments\": {\"b\": [2, 1], \"a\": 1}}", expected)));
    }

    @Test
    void parallelCallsMatchInAnyOrder() {
        List<ToolCall> two = List.of(new ToolCall("1", "get_weather", "{\"city\": \"Paris\"}"),
                new ToolCall("2", "get_time", "{}"));
        String swapped = "<tool_call>{\"name\": \"get_time\", \"arguments\": {}}</tool_call>\n"
                + "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}</tool_call>";
        assertEquals(1.0, value("call", text(swapped, two)));
        assertEquals(1.0, value("name", text(swapped, two)));
        String one = "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}";
        assertEquals(0.0, value("call", text(one, two)));
        assertEquals(0.5, value("arguments", text(one, two)), "the missing call scores 0");
    }

    @Test
    void aServedModelsStructuredCallsAreJudgedInsteadOfItsText() {
        Attempt served = new Attempt("", List.of(new ToolCall("x", "get_weather", "{\"unit\":\"c\",\"city\":\"Paris\"}")),
                "", PARIS_C, List.of(WEATHER));
        assertEquals(1.0, value("call", served));
        Attempt broken = new Attempt("", List.of(new ToolCall("x", "get_weather", "{\"city\": ")), "", PARIS_C, List.of(WEATHER));
        assertEquals(0.0, value("call", broken));
        assertEquals(0.0, value("schema", broken));
    }

    @Test
    void textThatHoldsNoCallFailsWithAReason() {
        for (String answer : List.of("It is sunny.", "", "{\"city\": \"Paris\"}", "<tool_call>{\"name\": \"f\", \"arguments\": 1}</tool_call>",
                "{\"name\": \"get_weather\", \"arguments\": \"city=Paris\"}")) {
            for (String check : List.of("call", "name", "arguments", "schema")) {
                Score s = scorer("tool_call", "check", check).score(text(answer, PARIS_C));
                assertEquals(0.0, s.value(), check + " on " + answer);
                assertTrue(!s.reason().isEmpty(), check + " on " + answer);
            }
        }
    }

    @Test
    void aRowExpectingTextPassesWhenNoToolIsCalled() {
        for (String check : List.of("call", "name", "arguments", "schema")) {
            assertEquals(1.0, value(check, text("It is sunny.", List.of())), check);
            assertEquals(0.0, value(check.equals("schema") ? "call" : check,
                    text("{\"name\": \"get_time\", \"arguments\": {}}", List.of())), check);
        }
    }

    @Test
    void theTextFormScoresAgainstTheExpectedTextOfARow() {
        Scorer call = scorer("tool_call");
        assertEquals(1.0, call.score("{\"name\": \"f\", \"arguments\": {\"a\": 1}}",
                "{\"name\":\"f\",\"arguments\":{\"a\":1}}").value());
    }

    @Test
    void schemaCheckNeedsTheRowsTools() {
        Attempt noTools = new Attempt("{\"name\": \"get_weather\", \"arguments\": {}}", List.of(), "", PARIS_C, List.of());
        String message = assertThrows(InputException.class, () -> scorer("tool_call", "check", "schema").score(noTools))
                .getMessage();
        assertTrue(message.contains("this row has no \"tools\""), message);
    }

    @Test
    void unknownCheckIsRejectedWithASuggestion() {
        assertEquals("suite.yaml: scorers[0]: check: unknown check 'argument'; expected one of call, name, arguments, "
                + "schema (did you mean arguments?)", rejected("tool_call", "check", "argument"));
    }
}

package dev.tunebench.data;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Role;
import dev.tunebench.spi.Tool;
import dev.tunebench.spi.ToolCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tool-calling fields of the OpenAI/Azure chat fine-tuning format, in the shapes their docs show. */
class ToolDataTest {
    @TempDir
    Path dir;

    private static final String TOOLS = "\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", "
            + "\"description\": \"Weather now\", \"parameters\": {\"type\": \"object\", \"properties\": "
            + "{\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]}}}]";
    private static final String CALL = "{\"role\": \"assistant\", \"tool_calls\": [{\"id\": \"call_1\", \"type\": "
            + "\"function\", \"function\": {\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\": \\\"Paris\\\"}\"}}]}";
    private static final String USER = "{\"role\": \"user\", \"content\": \"Weather in Paris?\"}";

    private List<Row> read(String... lines) throws IOException {
        Path f = Files.writeString(dir.resolve("t.jsonl"), String.join("\n", lines) + "\n");
        try (Stream<Row> rows = DatasetReader.open(DataSource.chat(f))) {
            return rows.toList();
        }
    }

    @Test
    void aToolCallAnswerIsReadWithItsToolsAndGivesJsonExpectedText() throws IOException {
        Row row = read("{\"messages\": [" + USER + ", " + CALL + "], " + TOOLS + ", \"parallel_tool_calls\": false}").get(0);
        assertEquals(List.of(new ToolCall("call_1", "get_weather", "{\"city\": \"Paris\"}")), row.expectedToolCalls());
        assertNull(row.conversation().get(1).content(), "content absent in the data stays null");
        assertEquals(1, row.tools().size());
        Tool tool = row.tools().get(0);
        assertEquals("get_weather", tool.name());
        assertTrue(tool.definitionJson().startsWith("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"description\""), "the definition keeps the data's key order: " + tool.definitionJson());
        assertEquals(Boolean.FALSE, row.parallelToolCalls());
        assertEquals("{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}", row.expected());
    }

    @Test
    void aFullToolRoundTripKeepsIdsNamesAndWeights() throws IOException {
        Row row = read("{\"messages\": [" + USER + ", " + CALL.replace("]}", "], \"weight\": 0, \"content\": null}")
                + ", {\"role\": \"tool\", \"tool_call_id\": \"call_1\", \"name\": \"get_weather\", \"content\": \"18C\"}, "
                + "{\"role\": \"assistant\", \"content\": \"It is 18C.\"}], " + TOOLS + "}").get(0);
        List<Message> input = row.input();
        assertEquals(3, input.size());
        Message call = input.get(1);
        assertEquals(Role.ASSISTANT, call.role());
        assertEquals(false, call.weighted());
        assertEquals("", call.text());
        Message result = input.get(2);
        assertEquals(Role.TOOL, result.role());
        assertEquals("call_1", result.toolCallId());
        assertEquals("get_weather", result.name());
        assertEquals("It is 18C.", row.expected());
        assertTrue(row.expectedToolCalls().isEmpty());
    }

    @Test
    void severalCallsGiveAJsonListAsExpectedText() throws IOException {
        String two = CALL.replace("}}]}", "}}, {\"id\": \"call_2\", \"type\": \"function\", \"function\": "
                + "{\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\": \\\"Rome\\\"}\"}}]}");
        Row row = read("{\"messages\": [" + USER + ", " + two + "], " + TOOLS + "}").get(0);
        assertEquals("[{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}},"
                + "{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Rome\"}}]", row.expected());
    }

    @Test
    void malformedToolDataIsALineNumberedInputError() {
        assertError(CALL.replace("\"name\": \"get_weather\", ", ""), "t.jsonl:1: messages[1].tool_calls[0].function.name: missing");
        assertError(CALL.replace("\"arguments\": \"{\\\"city\\\": \\\"Paris\\\"}\"", "\"arguments\": {\"city\": \"Paris\"}"),
                "messages[1].tool_calls[0].function.arguments: not a string");
        assertError(CALL.replace("{\\\"city\\\": \\\"Paris\\\"}", "city=Paris"),
                "messages[1].tool_calls[0].function.arguments: the string is not JSON");
        assertError(CALL.replace("{\\\"city\\\": \\\"Paris\\\"}", "[1]"),
                "function.arguments: expected a JSON object of named arguments");
        assertError(CALL.replace("get_weather", "get_wether"), "'get_wether' is not one of the line's tools [get_weather] "
                + "(did you mean 'get_weather'?)");
        assertError(CALL.replace("\"type\": \"function\", \"function\"", "\"type\": \"code\", \"function\""),
                "messages[1].tool_calls[0].type: expected \"function\"");
        assertError(CALL.replace("\"tool_calls\": [", "\"tool_calls\": [], \"x\": ["), "messages[1].tool_calls: expected a non-empty list");
    }

    @Test
    void toolTurnsMustAnswerAnEarlierCall() {
        String tool = "{\"role\": \"tool\", \"content\": \"18C\"}";
        String answer = "{\"role\": \"assistant\", \"content\": \"ok\"}";
        String noId = lineError("{\"messages\": [" + USER + ", " + CALL + ", " + tool + ", " + answer + "], " + TOOLS + "}");
        assertTrue(noId.contains("t.jsonl:1: messages[2].tool_call_id: missing"), noId);
        String unknown = lineError("{\"messages\": [" + USER + ", " + CALL + ", "
                + tool.replace("{", "{\"tool_call_id\": \"call_9\", ") + ", " + answer + "], " + TOOLS + "}");
        assertTrue(unknown.contains("messages[2].tool_call_id: 'call_9' names no earlier tool call of this line; "
                + "earlier calls: [call_1]"), unknown);
        String first = lineError("{\"messages\": [" + tool.replace("{", "{\"tool_call_id\": \"call_1\", ") + ", " + answer + "]}");
        assertTrue(first.contains("names no earlier tool call of this line (no assistant turn before it calls a tool)"), first);
    }

    @Test
    void toolFieldsInTheWrongPlaceAreRefused() {
        String onUser = lineError("{\"messages\": [" + CALL.replace("assistant", "user") + ", {\"role\": \"assistant\", "
                + "\"content\": \"x\"}]}");
        assertTrue(onUser.contains("messages[0].tool_calls: only an assistant turn may call tools"), onUser);
        String noContent = lineError("{\"messages\": [{\"role\": \"user\"}, {\"role\": \"assistant\", \"content\": \"x\"}]}");
        assertTrue(noContent.contains("messages[0].content: missing"), noContent);
        String tools = lineError("{\"messages\": [" + USER + ", " + CALL + "], \"tools\": {}}");
        assertTrue(tools.contains("t.jsonl:1: tools: expected a list of tools"), tools);
        String parallel = lineError("{\"messages\": [" + USER + ", " + CALL + "], " + TOOLS + ", \"parallel_tool_calls\": \"no\"}");
        assertTrue(parallel.contains("parallel_tool_calls: expected true or false"), parallel);
        String tool = TOOLS.substring(TOOLS.indexOf('[') + 1, TOOLS.length() - 1);
        String dup = lineError("{\"messages\": [" + USER + ", " + CALL + "], \"tools\": [" + tool + ", " + tool + "]}");
        assertTrue(dup.contains("tools[1].function.name: duplicate tool 'get_weather'"), dup);
        String params = lineError("{\"messages\": [" + USER + ", " + CALL + "], "
                + TOOLS.replace("\"parameters\": {", "\"parameters\": \"x\", \"p\": {") + "}");
        assertTrue(params.contains("tools[0].function.parameters: expected a JSON Schema object"), params);
    }

    private void assertError(String callTurn, String expected) {
        String message = lineError("{\"messages\": [" + USER + ", " + callTurn + "], " + TOOLS + "}");
        assertTrue(message.contains(expected), message);
    }

    private String lineError(String line) {
        return assertThrows(InputException.class, () -> read(line)).getMessage();
    }
}

package dev.tunebench.datacheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each format rule on a file built to break it, found on its own line and field. */
class FormatRulesTest {
    static final String GOOD = "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, "
            + "{\"role\": \"assistant\", \"content\": \"hello\"}]}";
    static final String CALL = "{\"role\": \"assistant\", \"tool_calls\": [{\"id\": \"c1\", \"type\": \"function\", "
            + "\"function\": {\"name\": \"lookup\", \"arguments\": \"{}\"}}]}";
    static final String TOOLS = "\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"lookup\", "
            + "\"parameters\": {\"type\": \"object\"}}}]";

    /** Line i+1 of the file breaks the rule named in the comment beside it. */
    static final List<String> LINES = List.of(
            GOOD,                                                                          // 1 fine
            "{\"messages\": [",                                                            // 2 not JSON
            "[1, 2]",                                                                      // 3 not an object
            "{\"conversation\": []}",                                                      // 4 messages missing + unknown key
            "{\"messages\": []}",                                                          // 5 empty
            "{\"messages\": [{\"role\": \"human\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"x\"}]}", // 6 role
            "{\"messages\": [{\"role\": \"user\", \"content\": [\"hi\"]}, {\"role\": \"assistant\", \"content\": \"x\"}]}", // 7 content type
            "{\"messages\": [{\"role\": \"user\"}, {\"role\": \"assistant\", \"content\": \"x\"}]}",             // 8 content missing
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\", \"weight\": 1}, {\"role\": \"assistant\", \"content\": \"x\"}]}", // 9 weight on user
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"x\", \"weight\": 0.5}]}", // 10 weight value
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"x\", \"weight\": 0}]}", // 11 nothing trained
            "{\"messages\": [{\"role\": \"system\", \"content\": \"s\"}, {\"role\": \"user\", \"content\": \"hi\"}]}", // 12 no assistant
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\", \"mood\": \"happy\"}, {\"role\": \"assistant\", \"content\": \"x\"}]}", // 13 unknown message key
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, " + CALL.replace("lookup", "missing") + "], " + TOOLS + "}", // 14 call to an unknown tool
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, " + CALL + ", {\"role\": \"tool\", \"tool_call_id\": \"c9\", \"content\": \"r\"}, {\"role\": \"assistant\", \"content\": \"done\"}], " + TOOLS + "}", // 15 tool_call_id
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"\"}]}", // 16 empty content
            "",                                                                            // 17 blank: skipped
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, " + CALL + ", {\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\": \"r\"}, {\"role\": \"assistant\", \"content\": \"done\"}], " + TOOLS + "}"); // 18 fine

    @Test
    void everyRuleIsFoundOnItsLineAndField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("train.jsonl");
        Files.writeString(file, String.join("\n", LINES) + "\n");
        ChatFile checked = ChatFile.read(file);
        assertTrue(checked.rejected());
        assertEquals(List.of(1, 18), checked.examples().stream().map(Example::line).toList());
        assertFound(checked, 2, "", "not valid JSON");
        assertFound(checked, 3, "", "expected a JSON object");
        assertFound(checked, 4, "conversation", "unknown key");
        assertFound(checked, 4, "messages", "missing");
        assertFound(checked, 5, "messages", "empty");
        assertFound(checked, 6, "messages[0].role", "unknown role 'human'");
        assertFound(checked, 7, "messages[0].content", "expected a string, got array");
        assertFound(checked, 8, "messages[0].content", "missing");
        assertFound(checked, 9, "messages[0].weight", "only assistant turns carry a weight");
        assertFound(checked, 10, "messages[1].weight", "expected 0 or 1, got 0.5");
        assertFound(checked, 11, "messages", "every assistant turn has weight 0");
        assertFound(checked, 12, "messages", "no assistant turn");
        assertFound(checked, 13, "messages[0].mood", "unknown key");
        assertFound(checked, 14, "messages[1].tool_calls[0].function.name", "missing");
        assertFound(checked, 15, "messages[2].tool_call_id", "'c9' names no earlier tool call");
        assertFound(checked, 16, "messages[1].content", "empty");
        assertFalse(checked.findings().stream().anyMatch(f -> f.line() == 1 || f.line() == 17 || f.line() == 18));
    }

    @Test
    void aWellFormedFileIsNotRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ok.jsonl");
        Files.writeString(file, GOOD + "\n\n" + GOOD + "\n");
        ChatFile checked = ChatFile.read(file);
        assertFalse(checked.rejected());
        assertEquals(List.of(1, 3), checked.examples().stream().map(Example::line).toList());
    }

    private static void assertFound(ChatFile file, int line, String field, String text) {
        assertTrue(file.findings().stream().anyMatch(f -> f.line() == line && f.field().equals(field)
                        && f.message().contains(text)),
                "expected line " + line + " field '" + field + "' to say '" + text + "'; found " + file.findings());
    }
}

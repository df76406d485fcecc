package dev.tunebench.runners.replay;

import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.RequestKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both line formats, read as the providers document them (OpenAI's batch request output object; Azure's
 * output example with its content-filter fields), and every bad line an exit-2 error naming file and line.
 */
class ReplayFileTest {
    private static final String ID = CustomId.of(new RequestKey("ft-1", "as-is", "test.jsonl:3", 0));

    private static Path write(Path dir, String... lines) throws IOException {
        Path f = dir.resolve("out.jsonl");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    @Test
    void customIdsRoundTripEvenWithTheSeparatorInANameAndRejectOthers() {
        RequestKey odd = new RequestKey("a|b%7C", "t|1", "x.jsonl:9", 3);
        assertEquals(odd, CustomId.parse(CustomId.of(odd)).orElseThrow());
        assertEquals("tb|ft-1|as-is|test.jsonl:3|0", ID);
        assertTrue(CustomId.parse("request-1").isEmpty());
        assertTrue(CustomId.parse("tb|a|b|c|x").isEmpty());
        assertTrue(CustomId.parse("tb|a%zz|b|c|0").isEmpty());
    }

    @Test
    void aBatchOutputLineGivesTextFinishReasonAndUsageAndNoLatency(@TempDir Path dir) throws IOException {
        // The shape of Azure's documented output line: content filter results, request_id, usage.
        Path f = write(dir, "{\"custom_id\": \"" + ID + "\", \"response\": {\"body\": {\"choices\": [{\"content_filter_results\": "
                + "{\"hate\": {\"filtered\": false, \"severity\": \"safe\"}}, \"finish_reason\": \"length\", \"index\": 0, "
                + "\"logprobs\": null, \"message\": {\"content\": \"{\\\"intent\\\": \\\"refund\\\"}\", \"role\": \"assistant\"}}], "
                + "\"created\": 1722477079, \"id\": \"chatcmpl-1\", \"model\": \"gpt-4o-2024-05-13\", \"object\": \"chat.completion\", "
                + "\"prompt_filter_results\": [], \"system_fingerprint\": \"fp_1\", \"usage\": {\"completion_tokens\": 24, "
                + "\"prompt_tokens\": 27, \"total_tokens\": 51}}, \"request_id\": \"660b\", \"status_code\": 200}, \"error\": null}");
        ReplayFile file = ReplayFile.read(java.util.List.of(f), "ft-1");
        var a = assertInstanceOf(ReplayLine.Answer.class, file.answers().get(new ReplayFile.Key("as-is", "test.jsonl:3", 0)));
        assertEquals("{\"intent\": \"refund\"}", a.text());
        assertEquals(FinishReason.LENGTH, a.finishReason());
        assertEquals(27, a.promptTokens());
        assertEquals(24, a.completionTokens());
        assertNull(a.latencyMs());
        assertEquals(1, a.line());
    }

    @Test
    void failedBatchLinesKeepTheProvidersMessage(@TempDir Path dir) throws IOException {
        String other = CustomId.of(new RequestKey("ft-1", "as-is", "test.jsonl:4", 0));
        // OpenAI's documented error object (code, message), and a non-200 response with an error body.
        Path f = write(dir, "{\"id\": \"batch_req_1\", \"custom_id\": \"" + ID + "\", \"response\": null, \"error\": "
                        + "{\"code\": \"batch_expired\", \"message\": \"This request could not be executed before the completion window expired.\"}}",
                "{\"custom_id\": \"" + other + "\", \"response\": {\"status_code\": 400, \"request_id\": \"r\", \"body\": "
                        + "{\"error\": {\"message\": \"max_tokens is too large\", \"type\": \"invalid_request_error\"}}}, \"error\": null}");
        ReplayFile file = ReplayFile.read(java.util.List.of(f), "ft-1");
        var expired = assertInstanceOf(ReplayLine.Failed.class, file.answers().get(new ReplayFile.Key("as-is", "test.jsonl:3", 0)));
        assertTrue(expired.message().contains("batch_expired: This request could not be executed"), expired.message());
        var rejected = assertInstanceOf(ReplayLine.Failed.class, file.answers().get(new ReplayFile.Key("as-is", "test.jsonl:4", 0)));
        assertEquals("the provider answered HTTP 400: max_tokens is too large", rejected.message());
    }

    @Test
    void replayLinesByRowIdWithOptionalCountsAndLatency(@TempDir Path dir) throws IOException {
        Path f = write(dir, "{\"row_id\": \"test.jsonl:1\", \"technique\": \"as-is\", \"completion\": \"hi\", \"latency_ms\": 12.5,"
                        + " \"prompt_tokens\": 7, \"finish_reason\": \"stop_string\"}",
                "",
                "{\"row_id\": \"test.jsonl:1\", \"technique\": \"as-is\", \"repeat\": 1, \"error\": \"timed out\"}");
        ReplayFile file = ReplayFile.read(java.util.List.of(f), "any-model");
        assertEquals(2, file.lines());
        var a = assertInstanceOf(ReplayLine.Answer.class, file.answers().get(new ReplayFile.Key("as-is", "test.jsonl:1", 0)));
        assertEquals(12.5, a.latencyMs());
        assertEquals(7, a.promptTokens());
        assertNull(a.completionTokens());
        assertEquals(FinishReason.STOP_STRING, a.finishReason());
        var failed = assertInstanceOf(ReplayLine.Failed.class, file.answers().get(new ReplayFile.Key("as-is", "test.jsonl:1", 1)));
        assertEquals(3, failed.line());
    }

    @Test
    void aBatchsOutputAndErrorFilesReadTogetherAndARequestInBothIsADuplicate(@TempDir Path dir) throws IOException {
        String other = CustomId.of(new RequestKey("ft-1", "as-is", "test.jsonl:4", 0));
        Path output = Files.writeString(dir.resolve("output.jsonl"), "{\"custom_id\": \"" + ID + "\", \"response\": "
                + "{\"status_code\": 200, \"body\": {\"choices\": [{\"message\": {\"content\": \"x\"}}]}}, \"error\": null}\n");
        // An error file's line: no response key at all, the error an object.
        Path errors = Files.writeString(dir.resolve("errors.jsonl"), "{\"id\": \"batch_req_2\", \"custom_id\": \"" + other
                + "\", \"error\": {\"code\": \"request_timeout\", \"message\": \"timed out\"}}\n");
        ReplayFile both = ReplayFile.read(java.util.List.of(output, errors), "ft-1");
        assertEquals(2, both.lines());
        var failed = assertInstanceOf(ReplayLine.Failed.class, both.answers().get(new ReplayFile.Key("as-is", "test.jsonl:4", 0)));
        assertEquals("errors.jsonl:1", failed.where());
        Path again = Files.writeString(dir.resolve("again.jsonl"), Files.readString(output));
        String dup = assertThrows(InputException.class, () -> ReplayFile.read(java.util.List.of(output, again), "ft-1")).getMessage();
        assertTrue(dup.startsWith(again + ":1: a second answer for technique as-is, row test.jsonl:3, repeat 0 (the first is at "
                + "output.jsonl:1)"), dup);
    }

    private static String error(Path dir, String... lines) throws IOException {
        Path f = write(dir, lines);
        return assertThrows(InputException.class, () -> ReplayFile.read(java.util.List.of(f), "ft-1")).getMessage();
    }

    @Test
    void badLinesNameFileLineAndFix(@TempDir Path dir) throws IOException {
        String ok = "{\"row_id\": \"test.jsonl:1\", \"technique\": \"as-is\", \"completion\": \"hi\"}";
        String f = dir.resolve("out.jsonl").toString();
        assertTrue(error(dir, ok, "{not json").startsWith(f + ":2: not JSON"));
        assertTrue(error(dir, ok, "[1, 2]").startsWith(f + ":2: expected a JSON object, got array"));
        String dup = error(dir, ok, ok);
        assertTrue(dup.startsWith(f + ":2: a second answer for technique as-is, row test.jsonl:1, repeat 0 (the first is at line 1)"), dup);
        String other = error(dir, "{\"custom_id\": \"" + CustomId.of(new RequestKey("base", "as-is", "test.jsonl:1", 0))
                + "\", \"response\": {\"status_code\": 200, \"body\": {\"choices\": [{\"message\": {\"content\": \"x\"}}]}}}");
        assertTrue(other.startsWith(f + ":1: this line answers model 'base', but the file is replayed for model 'ft-1'"), other);
        assertTrue(other.contains("tunebench batch export --model ft-1"), other);
        String input = error(dir, "{\"custom_id\": \"" + ID + "\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": {}}");
        assertTrue(input.contains(":1: this is a Batch API input (request) line"), input);
        String foreign = error(dir, "{\"custom_id\": \"request-1\", \"response\": {\"status_code\": 200, \"body\": {}}}");
        assertTrue(foreign.contains(":1: custom_id 'request-1' was not written by tunebench batch export"), foreign);
        String typo = error(dir, "{\"row_id\": \"test.jsonl:1\", \"technique\": \"as-is\", \"completon\": \"hi\"}");
        assertTrue(typo.contains(":1: unknown key 'completon'") && typo.contains("completion"), typo);
        assertTrue(error(dir, "{\"technique\": \"as-is\", \"completion\": \"hi\"}").contains(":1: no row_id or custom_id"));
        assertTrue(error(dir, "{\"row_id\": \"test.jsonl:1\", \"technique\": \"as-is\"}").contains(":1: no completion"));
        assertTrue(error(dir, "{\"row_id\": \"t:1\", \"technique\": \"a\", \"completion\": \"x\", \"prompt_tokens\": -1}")
                .contains(":1: prompt_tokens must be a whole number >= 0, got -1"));
        assertTrue(error(dir, "{\"row_id\": \"t:1\", \"technique\": \"a\", \"completion\": \"x\", \"finish_reason\": \"done\"}")
                .contains(":1: finish_reason 'done' is none of"));
        assertTrue(error(dir, "{\"custom_id\": \"" + ID + "\", \"response\": {\"status_code\": 200, \"body\": {\"choices\": []}}}")
                .contains(":1: response.body holds no choices"));
    }
}

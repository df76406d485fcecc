package dev.tunebench.runners.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event-stream framing (the WHATWG rules the API uses) and chunk folding on the API's documented shapes. */
class ServerEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> events(String body, boolean[] done) throws Exception {
        List<String> out = new ArrayList<>();
        done[0] = ServerEvents.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), out::add);
        return out;
    }

    @Test
    void commentsAndFieldsAreSkippedAndDataLinesJoin() throws Exception {
        boolean[] done = new boolean[1];
        List<String> got = events(": keep-alive\nevent: message\nid: 1\ndata: {\"a\":\ndata:1}\n\nretry: 10\ndata: [DONE]\n\n", done);
        assertEquals(List.of("{\"a\":\n1}"), got);
        assertTrue(done[0]);
        assertFalse(events("data: {}\n\n", done).isEmpty() && done[0], "no [DONE]: the stream was cut");
        assertEquals(List.of("{\"x\":2}"), events("data:{\"x\":2}", done), "a last event without its blank line counts");
    }

    @Test
    void theRoleChunkIsNoTokenAndUsageComesLast() throws Exception {
        ChunkCollector c = new ChunkCollector();
        c.add(JSON.readTree("{\"model\":\"gpt-x\",\"system_fingerprint\":\"fp_a\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}"), 10);
        c.add(JSON.readTree("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"thinking\"},\"finish_reason\":null}]}"), 20);
        c.add(JSON.readTree("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}"), 30);
        c.add(JSON.readTree("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}"), 40);
        c.add(JSON.readTree("{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}"), 50);
        Completion done = c.finish(60);
        assertEquals("Hi", done.text(), "reasoning is timed but is not the answer");
        assertArrayEquals(new long[]{20, 30}, done.contentNanos(), "TTFT counts reasoning_content, not the role chunk");
        assertEquals("length", done.finishReason());
        assertEquals(7, done.promptTokens());
        assertEquals(2, done.completionTokens());
        assertEquals("gpt-x", done.model());
        assertEquals("fp_a", done.systemFingerprint());
    }

    @Test
    void aWholeAnswerWithoutUsageLeavesCountsUnknown() throws Exception {
        Completion c = ChunkCollector.whole(JSON.readTree("{\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}"), 5);
        assertEquals("ok", c.text());
        assertNull(c.promptTokens());
        assertArrayEquals(new long[]{5}, c.contentNanos());
    }
}

package dev.tunebench.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request bodies as the OpenAI API documents them (and vLLM's continue_final_message) into prompts and settings. */
class ChatRequestParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGES = "\"messages\": [{\"role\": \"system\", \"content\": \"S\"}, {\"role\": \"user\", \"content\": \"U\"}]";

    private static ChatRequest parse(String json) throws Exception {
        return ChatRequestParser.parse(JSON.readTree(json), 512);
    }

    private static ApiError refused(String json) throws Exception {
        JsonNode body = JSON.readTree(json);
        return assertThrows(ApiError.class, () -> ChatRequestParser.parse(body, 512));
    }

    @Test
    void defaultsAreTheApiDefaults() throws Exception {
        ChatRequest r = parse("{\"model\": \"m\", " + MESSAGES + "}");
        assertEquals("m", r.model());
        assertEquals(Prompt.of(List.of(Message.system("S"), Message.user("U"))), r.prompt());
        // temperature defaults to 1 in the API: sampling, not greedy.
        Decoding.Sampling sampling = assertInstanceOf(Decoding.Sampling.class, r.settings().decoding());
        assertEquals(1.0, sampling.temperature());
        assertEquals(1.0, sampling.topP());
        assertEquals(512, r.settings().maxNewTokens(), "without max_tokens the model's context bounds the answer");
        assertFalse(r.stream());
        assertFalse(r.includeUsage());
    }

    @Test
    void temperatureZeroIsGreedyAndSeedAndTopPReachSampling() throws Exception {
        assertEquals(Decoding.greedy(), parse("{\"model\": \"m\", " + MESSAGES + ", \"temperature\": 0, \"top_p\": 0.5}")
                .settings().decoding());
        assertEquals(new Decoding.Sampling(0.7, 0.9, 0, 42),
                parse("{\"model\": \"m\", " + MESSAGES + ", \"temperature\": 0.7, \"top_p\": 0.9, \"seed\": 42}").settings().decoding());
    }

    @Test
    void maxCompletionTokensWinsOverMaxTokens() throws Exception {
        assertEquals(7, parse("{\"model\": \"m\", " + MESSAGES + ", \"max_tokens\": 9, \"max_completion_tokens\": 7}")
                .settings().maxNewTokens());
        assertEquals(9, parse("{\"model\": \"m\", " + MESSAGES + ", \"max_tokens\": 9}").settings().maxNewTokens());
    }

    @Test
    void continueFinalMessageMakesTheFinalAssistantTurnThePrefix() throws Exception {
        ChatRequest r = parse("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"U\"},"
                + " {\"role\": \"assistant\", \"content\": \"{\\\"intent\\\": \\\"\"}], \"continue_final_message\": true,"
                + " \"add_generation_prompt\": false, \"stop\": \"\\\"}\"}");
        assertEquals(new Prompt(List.of(Message.user("U")), "{\"intent\": \"", List.of("\"}")), r.prompt());
        // Without continue_final_message a final assistant turn is history and a new turn is generated.
        ChatRequest plain = parse("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"U\"},"
                + " {\"role\": \"assistant\", \"content\": \"A\"}]}");
        assertEquals("", plain.prompt().assistantPrefix());
        assertEquals(2, plain.prompt().messages().size());
    }

    @Test
    void continueFinalMessageRefusalsAreVllms() throws Exception {
        assertEquals("Cannot set both `continue_final_message` and `add_generation_prompt` to True.",
                refused("{\"model\": \"m\", \"messages\": [{\"role\": \"assistant\", \"content\": \"A\"}],"
                        + " \"continue_final_message\": true, \"add_generation_prompt\": true}").getMessage());
        assertEquals("Cannot set `continue_final_message` to True when the last message is not from the assistant.",
                refused("{\"model\": \"m\", " + MESSAGES + ", \"continue_final_message\": true}").getMessage());
    }

    @Test
    void contentPartsJoinAndDeveloperIsSystem() throws Exception {
        ChatRequest r = parse("{\"model\": \"m\", \"messages\": [{\"role\": \"developer\", \"content\": \"D\"},"
                + " {\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"a\"}, {\"type\": \"text\", \"text\": \"b\"}]}]}");
        assertEquals(List.of(Message.system("D"), Message.user("ab")), r.prompt().messages());
        assertEquals("messages[0].content[0]", refused("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\":"
                + " [{\"type\": \"image_url\", \"image_url\": {\"url\": \"x\"}}]}]}").param);
    }

    @Test
    void streamOptionsNeedStream() throws Exception {
        assertTrue(parse("{\"model\": \"m\", " + MESSAGES + ", \"stream\": true, \"stream_options\": {\"include_usage\": true}}")
                .includeUsage());
        assertEquals("stream_options", refused("{\"model\": \"m\", " + MESSAGES + ", \"stream_options\": {\"include_usage\": true}}").param);
    }

    @Test
    void eachBadFieldIsNamed() throws Exception {
        String[][] cases = {
                {"{" + MESSAGES + "}", "model"},
                {"{\"model\": 3, " + MESSAGES + "}", "model"},
                {"{\"model\": \"m\"}", "messages"},
                {"{\"model\": \"m\", \"messages\": []}", "messages"},
                {"{\"model\": \"m\", \"messages\": [{\"role\": \"tool\", \"content\": \"x\"}]}", "messages[0].role"},
                {"{\"model\": \"m\", \"messages\": [{\"role\": \"user\"}]}", "messages[0].content"},
                {"{\"model\": \"m\", " + MESSAGES + ", \"temperature\": 2.5}", "temperature"},
                {"{\"model\": \"m\", " + MESSAGES + ", \"top_p\": \"high\"}", "top_p"},
                {"{\"model\": \"m\", " + MESSAGES + ", \"max_tokens\": 0}", "max_tokens"},
                {"{\"model\": \"m\", " + MESSAGES + ", \"max_tokens\": 1.5}", "max_tokens"},
                {"{\"model\": \"m\", " + MESSAGES + ", \"seed\": \"s\"}", "seed"},
                {"{\"model\": \"m\", " + MESSAGES + ", \"stop\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}", "stop"},
                {"{\"model\": \"m\", " + MESSAGES + ", \"stop\": [1]}", "stop"},
                {"{\"model\": \"m\", " + MESSAGES + ", \"n\": 2}", "n"},
                {"{\"model\": \"m\", " + MESSAGES + ", \"stream\": \"yes\"}", "stream"},
                {"{\"model\": \"m\", " + MESSAGES + ", \"tools\": [{\"type\": \"function\"}]}", "tools"},
                {"{\"model\": \"m\", " + MESSAGES + ", \"logprobs\": true}", "logprobs"},
                {"{\"model\": \"m\", " + MESSAGES + ", \"add_generation_prompt\": false}", "add_generation_prompt"},
        };
        for (String[] c : cases) {
            ApiError e = refused(c[0]);
            assertEquals(400, e.status, c[0]);
            assertEquals(c[1], e.param, c[0]);
            assertEquals("invalid_request_error", e.type, c[0]);
        }
    }

    @Test
    void neutralValuesOfUnsupportedFieldsAreAccepted() throws Exception {
        parse("{\"model\": \"m\", " + MESSAGES + ", \"logprobs\": false, \"presence_penalty\": 0, \"tools\": [],"
                + " \"response_format\": {\"type\": \"text\"}, \"user\": \"u1\", \"n\": 1}");
    }
}

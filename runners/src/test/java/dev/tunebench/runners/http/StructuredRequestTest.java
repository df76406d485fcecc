package dev.tunebench.runners.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.tunebench.runners.http.StubEndpoint.streamOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A prompt that asks for structured output goes out with {@code response_format: json_schema} as the API documents it. */
class StructuredRequestTest {
    @Test
    void theSchemaIsSentAsResponseFormat() throws Exception {
        String schema = "{\"type\":\"object\",\"properties\":{\"grade\":{\"type\":\"string\",\"enum\":[\"A\",\"B\"]}},"
                + "\"required\":[\"grade\"],\"additionalProperties\":false}";
        try (StubEndpoint stub = new StubEndpoint(streamOf("judge", "{\\\"grade\\\": \\\"A\\\"}"))) {
            try (HttpRunner r = HttpRunnerTest.runner(HttpRunnerTest.openai(stub.base(), 1, 0), new ArrayList<>())) {
                r.generate(List.of(Prompt.of(List.of(Message.user("grade this"))).withJsonSchema(schema),
                        Prompt.of(List.of(Message.user("free text")))), GenerationSettings.greedy(16));
            }
            JsonNode sent = new ObjectMapper().readTree(stub.seen.stream().filter(s -> s.body().contains("grade this"))
                    .findFirst().orElseThrow().body());
            JsonNode format = sent.get("response_format");
            assertEquals("json_schema", format.get("type").asText());
            assertTrue(format.get("json_schema").get("strict").asBoolean());
            assertEquals(new ObjectMapper().readTree(schema), format.get("json_schema").get("schema"));
            assertTrue(stub.seen.stream().filter(s -> s.body().contains("free text")).noneMatch(s -> s.body().contains("response_format")));
        }
    }
}

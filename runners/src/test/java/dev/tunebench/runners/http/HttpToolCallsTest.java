package dev.tunebench.runners.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Role;
import dev.tunebench.spi.Tool;
import dev.tunebench.spi.ToolCall;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tunebench.runners.http.StubEndpoint.events;
import static dev.tunebench.runners.http.StubEndpoint.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tools go out and tool calls come back in the chat-completions shapes OpenAI documents. */
class HttpToolCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
            + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}";
    private static final Prompt PROMPT = Prompt.of(List.of(Message.user("Weather in Paris?"),
                    new Message(Role.ASSISTANT, null, true, List.of(new ToolCall("call_0", "get_weather", "{\"city\": \"Rome\"}")),
                            null, null),
                    Message.toolResult("call_0", "18C"), Message.user("And Paris?")))
            .withTools(List.of(new Tool("get_weather", TOOL)), false);

    @Test
    void toolsAndToolTurnsAreSentAndAWholeAnswersCallsAreRead() throws Exception {
        String answer = "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                + "\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":"
                + "{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}],"
                + "\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":9,\"total_tokens\":39}}";
        try (StubEndpoint stub = new StubEndpoint(json(200, answer))) {
            EndpointSettings s = HttpRunnerTest.openai(stub.base(), 1, 0);
            EndpointSettings whole = new EndpointSettings(s.api(), s.chatUrl(), s.model(), s.name(), null, null, Map.of(),
                    1, s.timeout(), 0, false, false, "max_tokens", Map.of());
            try (HttpRunner r = HttpRunnerTest.runner(whole, new ArrayList<>())) {
                Generation g = r.generate(List.of(PROMPT), GenerationSettings.greedy(16)).get(0);
                assertEquals(List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), g.toolCalls());
                assertEquals("", g.text());
            }
            JsonNode body = JSON.readTree(stub.seen.get(0).body());
            assertEquals(JSON.readTree("[" + TOOL + "]"), body.get("tools"));
            assertEquals(false, body.get("parallel_tool_calls").asBoolean());
            assertEquals(JSON.readTree("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_0\","
                    + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\": \\\"Rome\\\"}\"}}]}"),
                    body.get("messages").get(1));
            assertEquals(JSON.readTree("{\"role\":\"tool\",\"content\":\"18C\",\"tool_call_id\":\"call_0\"}"),
                    body.get("messages").get(2));
        }
    }

    @Test
    void streamedCallFragmentsAreJoinedByIndex() throws Exception {
        String head = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":";
        try (StubEndpoint stub = new StubEndpoint(events(
                head + "{\"role\":\"assistant\",\"content\":null},\"finish_reason\":null}]}", "",
                head + "{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":"
                        + "\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}", "",
                head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"finish_reason\":null}]}", "",
                head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}", "",
                head + "{\"tool_calls\":[{\"index\":1,\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":"
                        + "\"get_weather\",\"arguments\":\"{}\"}}]},\"finish_reason\":null}]}", "",
                head + "{},\"finish_reason\":\"tool_calls\"}]}", "",
                "data: [DONE]", ""))) {
            try (HttpRunner r = HttpRunnerTest.runner(HttpRunnerTest.openai(stub.base(), 1, 0), new ArrayList<>())) {
                Generation g = r.generate(List.of(PROMPT), GenerationSettings.greedy(16)).get(0);
                assertEquals(List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("call_2", "get_weather", "{}")), g.toolCalls());
            }
        }
    }
}

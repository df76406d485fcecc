package dev.tunebench.runners.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.data.Conversation;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Tool;
import dev.tunebench.spi.ToolCall;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Messages and tools reach a template in transformers' shape; a tool-using template renders them as
 * jinja2 does (expected strings from tool-template/make_expected.py).
 */
class TemplateInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("src/test/resources/tool-template");

    @Test
    void toolCallsBecomeOpenAiMapsWithArgumentsAsAMapping() {
        Message call = new Message(dev.tunebench.spi.Role.ASSISTANT, null, true,
                List.of(new ToolCall("call_1", "get_weather", "{\"city\": \"Paris\", \"days\": 2}")), null, null);
        List<Map<String, Object>> turns = TemplateInput.messages(List.of(Message.user("hi"), call,
                Message.toolResult("call_1", "18C")));
        assertEquals(Map.of("role", "user", "content", "hi"), turns.get(0));
        Map<String, Object> assistant = turns.get(1);
        assertEquals(List.of("role", "content", "tool_calls"), List.copyOf(assistant.keySet()));
        assertNull(assistant.get("content"), "no content reaches the template as none");
        assertEquals(List.of(Map.of("id", "call_1", "type", "function",
                "function", Map.of("name", "get_weather", "arguments", Map.of("city", "Paris", "days", 2)))),
                assistant.get("tool_calls"));
        assertEquals(Map.of("role", "tool", "content", "18C", "tool_call_id", "call_1"), turns.get(2));
    }

    @Test
    void toolsKeepTheirDefinitionAndNoToolsIsNone() {
        String definition = "{\"type\":\"function\",\"function\":{\"name\":\"f\",\"strict\":true,\"description\":\"d\"}}";
        List<Map<String, Object>> tools = TemplateInput.tools(List.of(new Tool("f", definition)));
        assertEquals(definition, JSON.valueToTree(tools.get(0)).toString(), "key order and extra fields kept");
        assertNull(TemplateInput.tools(List.of()));
    }

    @Test
    void aToolUsingTemplateRendersAsJinja2Does() throws IOException {
        JsonNode expected = JSON.readTree(DIR.resolve("expected.json").toFile());
        ChatTemplate template = new ChatTemplate(Files.readString(DIR.resolve("chat_template.jinja")),
                DIR.resolve("chat_template.jinja"), "<|endoftext|>", "<|im_end|>");
        JsonNode cases = JSON.readTree(DIR.resolve("cases.json").toFile());
        assertEquals(expected.size(), cases.size());
        for (JsonNode c : cases) {
            Conversation conversation = Conversation.read(c.get("line"), c.get("name").asText());
            String rendered = template.render(TemplateInput.messages(conversation.messages()),
                    TemplateInput.tools(conversation.tools()), c.get("add_generation_prompt").asBoolean());
            assertEquals(expected.get(c.get("name").asText()).asText(), rendered, c.get("name").asText());
        }
    }
}

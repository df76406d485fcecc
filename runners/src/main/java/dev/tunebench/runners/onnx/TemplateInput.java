package dev.tunebench.runners.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Tool;
import dev.tunebench.spi.ToolCall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages and tools in the shape transformers hands a chat template: OpenAI-style maps,
 * {@code {"role", "content", "tool_calls": [{"id", "type": "function", "function": {"name", "arguments"}}],
 * "tool_call_id", "name"}}, keys only where the turn has them and in insertion order (what {@code tojson}
 * prints). {@code arguments} is a mapping, not the OpenAI JSON string: transformers' tool-use docs pass it
 * so, and templates rely on it (Llama 3.1 prints {@code tool_call.arguments | tojson}; Qwen2.5 prints a
 * string as is and a mapping through {@code tojson}). A tool is its definition as the data gave it.
 */
final class TemplateInput {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private TemplateInput() {
    }

    static List<Map<String, Object>> messages(List<Message> messages) {
        List<Map<String, Object>> turns = new ArrayList<>(messages.size());
        for (Message m : messages) {
            Map<String, Object> turn = new LinkedHashMap<>();
            turn.put("role", m.role().wireName());
            turn.put("content", m.content());
            if (!m.toolCalls().isEmpty()) {
                List<Map<String, Object>> calls = new ArrayList<>(m.toolCalls().size());
                for (ToolCall c : m.toolCalls()) {
                    calls.add(call(c));
                }
                turn.put("tool_calls", calls);
            }
            if (m.toolCallId() != null) {
                turn.put("tool_call_id", m.toolCallId());
            }
            if (m.name() != null) {
                turn.put("name", m.name());
            }
            turns.add(turn);
        }
        return turns;
    }

    /** Null for no tools: transformers then passes {@code tools=None}. */
    static List<Map<String, Object>> tools(List<Tool> tools) {
        if (tools.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>(tools.size());
        for (Tool t : tools) {
            out.add(parse(t.definitionJson()));
        }
        return out;
    }

    private static Map<String, Object> call(ToolCall c) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", c.name());
        function.put("arguments", parse(c.argumentsJson()));
        Map<String, Object> call = new LinkedHashMap<>();
        if (c.id() != null) {
            call.put("id", c.id());
        }
        call.put("type", "function");
        call.put("function", function);
        return call;
    }

    private static Map<String, Object> parse(String json) {
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            // The data reader checked this JSON; text that reaches here unchecked is a bug upstream.
            throw new IllegalArgumentException("not a JSON object: " + json, e);
        }
    }
}

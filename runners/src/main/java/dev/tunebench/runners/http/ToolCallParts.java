package dev.tunebench.runners.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Tool;
import dev.tunebench.spi.ToolCall;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Tool calling on the chat-completions wire: what a request carries ({@code tools},
 * {@code parallel_tool_calls}, assistant turns' {@code tool_calls} with their arguments as a JSON string,
 * {@code tool} turns' {@code tool_call_id}), and the calls of an answer, whole ({@code message.tool_calls})
 * or streamed ({@code delta.tool_calls} fragments joined by {@code index}).
 */
final class ToolCallParts {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Streamed fragments by call index: the id and name arrive once, the arguments in pieces. */
    private final TreeMap<Integer, String[]> calls = new TreeMap<>();

    static void addTools(ObjectNode body, Prompt prompt) {
        if (!prompt.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (Tool t : prompt.tools()) {
                tools.add(parse(t.definitionJson()));
            }
        }
        if (prompt.parallelToolCalls() != null) {
            body.put("parallel_tool_calls", prompt.parallelToolCalls());
        }
    }

    /** One message as the API takes it; content null only for a turn that calls tools. */
    static void addMessage(ArrayNode out, Message m) {
        ObjectNode o = out.addObject().put("role", m.role().wireName()).put("content", m.content());
        if (!m.toolCalls().isEmpty()) {
            ArrayNode calls = o.putArray("tool_calls");
            for (ToolCall c : m.toolCalls()) {
                ObjectNode call = calls.addObject();
                if (c.id() != null) {
                    call.put("id", c.id());
                }
                call.put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
            }
        }
        if (m.toolCallId() != null) {
            o.put("tool_call_id", m.toolCallId());
        }
        if (m.name() != null) {
            o.put("name", m.name());
        }
    }

    /** The calls of a whole answer's message; empty when it has none. */
    static List<ToolCall> whole(JsonNode message) {
        ToolCallParts parts = new ToolCallParts();
        JsonNode calls = message == null ? null : message.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (int i = 0; i < calls.size(); i++) {
                parts.add(i, calls.get(i));
            }
        }
        return parts.calls();
    }

    /** Adds a streamed delta's fragments; true when it carried any (a token arrived). */
    boolean addDelta(JsonNode delta) {
        JsonNode fragments = delta.get("tool_calls");
        if (fragments == null || !fragments.isArray() || fragments.isEmpty()) {
            return false;
        }
        for (int i = 0; i < fragments.size(); i++) {
            JsonNode f = fragments.get(i);
            add(f.path("index").asInt(i), f);
        }
        return true;
    }

    List<ToolCall> calls() {
        List<ToolCall> out = new ArrayList<>(calls.size());
        for (String[] c : calls.values()) {
            if (c[1] != null) {
                out.add(new ToolCall(c[0], c[1], c[2]));
            }
        }
        return List.copyOf(out);
    }

    private void add(int index, JsonNode call) {
        String[] c = calls.computeIfAbsent(index, k -> new String[] {null, null, ""});
        if (call.path("id").isTextual()) {
            c[0] = call.get("id").textValue();
        }
        JsonNode function = call.path("function");
        if (function.path("name").isTextual()) {
            c[1] = function.get("name").textValue();
        }
        JsonNode arguments = function.get("arguments");
        if (arguments != null && arguments.isTextual()) {
            c[2] += arguments.textValue();
        } else if (arguments != null && arguments.isObject()) {
            // Some servers send the object itself; keep its JSON text.
            c[2] += arguments.toString();
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tool definition is not JSON: " + json, e);
        }
    }
}

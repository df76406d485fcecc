package dev.tunebench.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.spi.ToolCall;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tool calls a local model wrote as text. Accepted, after trimming the answer:
 * <ul>
 *   <li>one or more {@code <tool_call>...</tool_call>} blocks (Qwen2.5, Hermes; the closing tag of the
 *       last block may be missing, as when generation stops at it), each holding one call object;</li>
 *   <li>otherwise the whole answer: one call object, or a JSON list of call objects.</li>
 * </ul>
 * A call object is {@code {"name": ..., "arguments": {...}}}; {@code "parameters"} is accepted for
 * {@code "arguments"} (Llama 3.1 writes it), arguments may also be a string holding the JSON object (the
 * OpenAI wire form), absent arguments read as {@code {}}, and the OpenAI envelope
 * {@code {"type": "function", "function": {...}}} is unwrapped.
 */
final class ToolCallText {
    private static final Pattern BLOCK = Pattern.compile("<tool_call>(.*?)(?:</tool_call>|\\z)", Pattern.DOTALL);

    /** The calls, or a reason why the answer holds none a tool could run. */
    record Parsed(List<ToolCall> calls, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    private ToolCallText() {
    }

    static Parsed parse(String answer) {
        String text = answer == null ? "" : answer.strip();
        if (text.contains("<tool_call>")) {
            List<ToolCall> calls = new ArrayList<>();
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                Parsed one = fromJson(m.group(1).strip(), false);
                if (!one.ok()) {
                    return one;
                }
                calls.addAll(one.calls());
            }
            return new Parsed(List.copyOf(calls), null);
        }
        return fromJson(text, true);
    }

    private static Parsed fromJson(String text, boolean listAllowed) {
        if (text.isEmpty()) {
            return problem("no tool call in the answer");
        }
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (JsonProcessingException e) {
            return problem("no tool call in the answer (not JSON: " + Json.problem(e) + ")");
        }
        List<JsonNode> objects = new ArrayList<>();
        if (node.isArray() && listAllowed) {
            node.forEach(objects::add);
        } else {
            objects.add(node);
        }
        List<ToolCall> calls = new ArrayList<>(objects.size());
        for (JsonNode o : objects) {
            JsonNode call = o.path("function").isObject() ? o.get("function") : o;
            JsonNode name = call.get("name");
            if (!call.isObject() || name == null || !name.isTextual()) {
                return problem("JSON without a function \"name\": " + shorten(o.toString()));
            }
            JsonNode args = call.has("arguments") ? call.get("arguments") : call.get("parameters");
            if (args != null && args.isTextual()) {
                try {
                    args = Json.parse(args.asText());
                } catch (JsonProcessingException e) {
                    return problem(name.asText() + ": arguments string is not JSON (" + Json.problem(e) + ")");
                }
            }
            if (args != null && !args.isObject()) {
                return problem(name.asText() + ": arguments are not a JSON object");
            }
            // No arguments is a call without any: the checks then judge the name and the schema the rest.
            calls.add(new ToolCall(null, name.asText(), args == null ? "{}" : args.toString()));
        }
        return new Parsed(List.copyOf(calls), null);
    }

    private static Parsed problem(String reason) {
        return new Parsed(List.of(), reason);
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}

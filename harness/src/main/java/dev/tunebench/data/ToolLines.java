package dev.tunebench.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Tool;
import dev.tunebench.spi.ToolCall;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tool-calling parts of a chat fine-tuning line (OpenAI/Azure format): the top-level {@code tools}
 * list and {@code parallel_tool_calls}, and an assistant turn's {@code tool_calls}. Every problem is an
 * {@link InputException} naming the line and the field.
 */
final class ToolLines {
    static final String TOOL_EXAMPLE = "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", "
            + "\"parameters\": {\"type\": \"object\", \"properties\": {...}}}}";
    static final String CALL_EXAMPLE = "{\"id\": \"call_1\", \"type\": \"function\", \"function\": "
            + "{\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\": \\\"Paris\\\"}\"}}";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ToolLines() {
    }

    static List<Tool> tools(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InputException(where + ": tools: expected a list of tools like [" + TOOL_EXAMPLE + "].");
        }
        List<Tool> tools = new ArrayList<>(node.size());
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = where + ": tools[" + i + "]";
            JsonNode t = node.get(i);
            if (!t.isObject()) {
                throw new InputException(at + ": expected an object like " + TOOL_EXAMPLE + ".");
            }
            checkType(t, at);
            JsonNode function = t.get("function");
            if (function == null || !function.isObject()) {
                throw new InputException(at + ".function: " + (function == null ? "missing" : "not an object")
                        + "; expected " + TOOL_EXAMPLE + ".");
            }
            String name = name(function, at + ".function");
            JsonNode parameters = function.get("parameters");
            if (parameters != null && !parameters.isObject() && !parameters.isBoolean()) {
                throw new InputException(at + ".function.parameters: expected a JSON Schema object like "
                        + "{\"type\": \"object\", \"properties\": {...}}, got " + parameters.getNodeType().name()
                        .toLowerCase(java.util.Locale.ROOT) + ".");
            }
            if (!names.add(name)) {
                throw new InputException(at + ".function.name: duplicate tool '" + name + "'; each tool of a line "
                        + "needs its own name.");
            }
            tools.add(new Tool(name, t.toString()));
        }
        return List.copyOf(tools);
    }

    static Boolean parallel(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InputException(where + ": parallel_tool_calls: expected true or false, got " + node + ".");
        }
        return node.asBoolean();
    }

    /** The calls of one assistant turn; {@code tools} (possibly empty) are the line's tools. */
    static List<ToolCall> calls(JsonNode node, String where, List<Tool> tools) {
        if (!node.isArray() || node.isEmpty()) {
            throw new InputException(where + ": expected a non-empty list of calls like [" + CALL_EXAMPLE + "].");
        }
        List<ToolCall> calls = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String at = where + "[" + i + "]";
            JsonNode c = node.get(i);
            if (!c.isObject()) {
                throw new InputException(at + ": expected an object like " + CALL_EXAMPLE + ".");
            }
            checkType(c, at);
            JsonNode id = c.get("id");
            if (id != null && !id.isNull() && !id.isTextual()) {
                throw new InputException(at + ".id: expected a string like \"call_1\", got " + id + ".");
            }
            JsonNode function = c.get("function");
            if (function == null || !function.isObject()) {
                throw new InputException(at + ".function: " + (function == null ? "missing" : "not an object")
                        + "; expected " + CALL_EXAMPLE + ".");
            }
            String name = name(function, at + ".function");
            if (!tools.isEmpty() && tools.stream().noneMatch(t -> t.name().equals(name))) {
                List<String> known = tools.stream().map(Tool::name).toList();
                throw new InputException(at + ".function.name: '" + name + "' is not one of the line's tools "
                        + known + Suggestions.didYouMean(name, known) + "; call a declared tool or add it to tools.");
            }
            calls.add(new ToolCall(id == null || id.isNull() ? null : id.asText(), name,
                    arguments(function.get("arguments"), at + ".function.arguments")));
        }
        return List.copyOf(calls);
    }

    /** OpenAI sends arguments as a string holding a JSON object; so must the data. */
    private static String arguments(JsonNode node, String where) {
        if (node == null || !node.isTextual()) {
            throw new InputException(where + ": " + (node == null ? "missing" : "not a string (got " + node + ")")
                    + "; arguments are a JSON object written as a string, e.g. \"{\\\"city\\\": \\\"Paris\\\"}\""
                    + (node != null && node.isObject() ? " (quote the object: " + MAPPER.valueToTree(node.toString()) + ")" : "")
                    + ".");
        }
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(node.asText());
        } catch (JsonProcessingException e) {
            throw new InputException(where + ": the string is not JSON (" + e.getOriginalMessage() + "): "
                    + node.asText() + ". Write the arguments object as JSON text, e.g. \"{\\\"city\\\": \\\"Paris\\\"}\".");
        }
        if (parsed == null || !parsed.isObject()) {
            throw new InputException(where + ": expected a JSON object of named arguments, got " + node.asText()
                    + "; use \"{}\" for a call without arguments.");
        }
        return node.asText();
    }

    private static String name(JsonNode function, String where) {
        JsonNode name = function.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new InputException(where + ".name: " + (name == null ? "missing" : "not a non-empty string")
                    + "; every function needs \"name\": \"<function name>\".");
        }
        return name.asText();
    }

    private static void checkType(JsonNode object, String where) {
        JsonNode type = object.get("type");
        if (type != null && !"function".equals(type.asText(null))) {
            throw new InputException(where + ".type: expected \"function\", got " + type
                    + "; only function tools are supported.");
        }
    }
}

package dev.tunebench.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Tool;

import java.util.List;

/**
 * Messages and the tools offered with them, read from JSON with the same checks as a chat data line
 * (tool calls, tool turns and their ids), but without requiring an expected answer at the end.
 */
public record Conversation(List<Message> messages, List<Tool> tools, Boolean parallelToolCalls) {
    public Conversation {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }

    /**
     * Reads a JSON list of messages, or an object in the chat data format
     * ({@code {"messages": [...], "tools": [...], "parallel_tool_calls": ...}}); {@code where} names the
     * source in errors.
     */
    public static Conversation read(JsonNode json, String where) {
        if (json.isArray()) {
            return ChatLines.conversation(JsonNodeFactory.instance.objectNode().set("messages", json), where);
        }
        if (json.isObject()) {
            return ChatLines.conversation(json, where);
        }
        throw new InputException(where + ": expected a list of messages like [{\"role\": \"user\", \"content\": "
                + "\"...\"}] or an object like " + ChatLines.EXAMPLE + ".");
    }

    /** Reads a JSON list of tools, as in a chat data line's {@code tools}. */
    public static List<Tool> readTools(JsonNode json, String where) {
        return ToolLines.tools(json, where);
    }

}

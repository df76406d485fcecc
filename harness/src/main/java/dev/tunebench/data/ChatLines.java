package dev.tunebench.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Role;
import dev.tunebench.spi.Tool;
import dev.tunebench.spi.ToolCall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Parses OpenAI/Azure chat fine-tuning lines: {@code {"messages": [{role, content, weight?, name?}, ...]}},
 * with the tool-calling fields of that format: top-level {@code tools} and {@code parallel_tool_calls},
 * assistant turns with {@code tool_calls} (content then optional), {@code tool} turns answering an earlier
 * call by {@code tool_call_id}.
 */
final class ChatLines implements JsonlRows.LineParser {

    static final String EXAMPLE = "{\"messages\": [{\"role\": \"user\", \"content\": \"...\"}, "
            + "{\"role\": \"assistant\", \"content\": \"...\"}]}";
    private static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::wireName).toList();

    @Override
    public Row parse(JsonNode object, String where, int index, String rowId) {
        Conversation c = conversation(object, where);
        List<Message> turns = c.messages();
        if (turns.isEmpty() || turns.get(turns.size() - 1).role() != Role.ASSISTANT) {
            throw new InputException(where + ": messages: the last turn must be the assistant's expected answer, got "
                    + (turns.isEmpty() ? "no turns" : "a " + turns.get(turns.size() - 1).role().wireName() + " turn")
                    + ". Add {\"role\": \"assistant\", \"content\": \"<expected answer>\"} at the end.");
        }
        return new Row(index, rowId, turns, c.tools(), c.parallelToolCalls());
    }

    /** The messages and tools of one line, checked turn by turn; no rule about which turn comes last. */
    static Conversation conversation(JsonNode object, String where) {
        JsonNode messages = object.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new InputException(where + ": field 'messages' is " + (messages == null ? "missing" : "not a list")
                    + Suggestions.didYouMean(firstField(object), List.of("messages"))
                    + ". Expected " + EXAMPLE + ".");
        }
        List<Tool> tools = ToolLines.tools(object.get("tools"), where);
        Boolean parallel = ToolLines.parallel(object.get("parallel_tool_calls"), where);
        List<Message> turns = new ArrayList<>(messages.size());
        Set<String> callIds = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            Message turn = turn(messages.get(i), where + ": messages[" + i + "]", tools, callIds);
            turn.toolCalls().forEach(c -> callIds.add(c.id()));
            turns.add(turn);
        }
        return new Conversation(turns, tools, parallel);
    }

    private static Message turn(JsonNode m, String where, List<Tool> tools, Set<String> callIds) {
        if (!m.isObject()) {
            throw new InputException(where + ": expected an object like {\"role\": \"user\", \"content\": \"...\"}.");
        }
        JsonNode roleNode = m.get("role");
        if (roleNode == null || !roleNode.isTextual()) {
            throw new InputException(where + ".role: missing or not a string; expected one of " + ROLES + ".");
        }
        Role role = Role.fromWireName(roleNode.asText());
        if (role == null) {
            throw new InputException(where + ".role: unknown role '" + roleNode.asText() + "'"
                    + Suggestions.didYouMean(roleNode.asText(), ROLES) + "; expected one of " + ROLES + ".");
        }
        List<ToolCall> calls = List.of();
        JsonNode callsNode = m.get("tool_calls");
        if (callsNode != null && !callsNode.isNull()) {
            if (role != Role.ASSISTANT) {
                throw new InputException(where + ".tool_calls: only an assistant turn may call tools, this is a "
                        + role.wireName() + " turn.");
            }
            calls = ToolLines.calls(callsNode, where + ".tool_calls", tools);
        }
        JsonNode content = m.get("content");
        boolean noContent = content == null || content.isNull();
        if (noContent ? calls.isEmpty() : !content.isTextual()) {
            throw new InputException(where + ".content: " + (noContent ? "missing" : "not a string")
                    + "; every turn needs \"content\": \"<text>\" (only an assistant turn with tool_calls may "
                    + "leave it out or null).");
        }
        return new Message(role, noContent ? null : content.asText(), weight(m.get("weight"), where), calls,
                toolCallId(m.get("tool_call_id"), role, where, callIds), optionalText(m.get("name"), where + ".name"));
    }

    private static String toolCallId(JsonNode id, Role role, String where, Set<String> callIds) {
        if (role != Role.TOOL) {
            if (id != null && !id.isNull()) {
                throw new InputException(where + ".tool_call_id: only a tool turn answers a call; remove it from this "
                        + role.wireName() + " turn.");
            }
            return null;
        }
        if (id == null || !id.isTextual()) {
            throw new InputException(where + ".tool_call_id: " + (id == null ? "missing" : "not a string")
                    + "; a tool turn names the call it answers: \"tool_call_id\": \"<id of an earlier tool call>\".");
        }
        if (!callIds.contains(id.asText())) {
            List<String> known = callIds.stream().filter(Objects::nonNull).sorted().toList();
            throw new InputException(where + ".tool_call_id: '" + id.asText() + "' names no earlier tool call of this "
                    + "line" + (known.isEmpty() ? " (no assistant turn before it calls a tool)" : "; earlier calls: " + known
                    + Suggestions.didYouMean(id.asText(), known)) + ".");
        }
        return id.asText();
    }

    private static String optionalText(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InputException(where + ": expected a string, got " + shown(node.toString()) + ".");
        }
        return node.asText();
    }

    private static boolean weight(JsonNode w, String where) {
        if (w == null) {
            return true;
        }
        if (w.isNumber() && (w.asDouble() == 0 || w.asDouble() == 1)) {
            return w.asDouble() == 1;
        }
        throw new InputException(where + ".weight: expected 0 or 1, got " + shown(w.toString())
                + "; use 0 to leave the turn out of the loss, 1 (or no weight) to count it.");
    }

    /** A value echoed in a message, cut short: a hostile line may hold a number of thousands of digits. */
    private static String shown(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "… (" + value.length() + " characters)";
    }

    private static String firstField(JsonNode object) {
        return object.fieldNames().hasNext() ? object.fieldNames().next() : "";
    }
}

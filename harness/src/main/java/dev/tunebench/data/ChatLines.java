package dev.tunebench.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Role;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses OpenAI/Azure chat fine-tuning lines: {@code {"messages": [{role, content, weight?}, ...]}}. */
final class ChatLines implements JsonlRows.LineParser {

    static final String EXAMPLE = "{\"messages\": [{\"role\": \"user\", \"content\": \"...\"}, "
            + "{\"role\": \"assistant\", \"content\": \"...\"}]}";
    private static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::wireName).toList();

    @Override
    public Row parse(JsonNode object, String where, int index, String rowId) {
        JsonNode messages = object.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new InputException(where + ": field 'messages' is " + (messages == null ? "missing" : "not a list")
                    + Suggestions.didYouMean(firstField(object), List.of("messages"))
                    + ". Expected " + EXAMPLE + ".");
        }
        List<Message> turns = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            turns.add(turn(messages.get(i), where + ": messages[" + i + "]"));
        }
        if (turns.isEmpty() || turns.get(turns.size() - 1).role() != Role.ASSISTANT) {
            throw new InputException(where + ": messages: the last turn must be the assistant's expected answer, got "
                    + (turns.isEmpty() ? "no turns" : "a " + turns.get(turns.size() - 1).role().wireName() + " turn")
                    + ". Add {\"role\": \"assistant\", \"content\": \"<expected answer>\"} at the end.");
        }
        return new Row(index, rowId, turns);
    }

    private static Message turn(JsonNode m, String where) {
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
        JsonNode content = m.get("content");
        if (content == null || !content.isTextual()) {
            throw new InputException(where + ".content: " + (content == null ? "missing" : "not a string")
                    + "; every turn needs \"content\": \"<text>\".");
        }
        return new Message(role, content.asText(), weight(m.get("weight"), where));
    }

    private static boolean weight(JsonNode w, String where) {
        if (w == null) {
            return true;
        }
        if (w.isNumber() && (w.asDouble() == 0 || w.asDouble() == 1)) {
            return w.asDouble() == 1;
        }
        throw new InputException(where + ".weight: expected 0 or 1, got " + w
                + "; use 0 to leave the turn out of the loss, 1 (or no weight) to count it.");
    }

    private static String firstField(JsonNode object) {
        return object.fieldNames().hasNext() ? object.fieldNames().next() : "";
    }
}

package dev.tunebench.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.data.Conversation;
import dev.tunebench.data.Suggestions;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Role;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The rules a chat fine-tuning service checks on each line before it trains, as OpenAI documents them: the
 * format checks of its cookbook notebook "Data preparation and analysis for chat model fine-tuning"
 * (openai-cookbook, examples/Chat_finetuning_data_prep.ipynb: a line is an object, {@code messages} is a
 * non-empty list, every message has {@code role} and {@code content}, no unrecognised message key, a known
 * role, non-empty string content unless the turn calls a function, at least one assistant message) and the
 * API reference's {@code weight} on an assistant message ("controls whether the assistant message is trained
 * against (0 or 1)"). Beyond the notebook: an example must keep at least one assistant turn that counts for
 * loss (a line whose every assistant turn has weight 0 trains on nothing), and tool calls must be well
 * formed, checked by the same reader {@code run} uses. Every problem of a line is reported, not only the first.
 */
final class FormatRules {
    static final Set<String> LINE_KEYS = Set.of("messages", "tools", "parallel_tool_calls");
    static final Set<String> MESSAGE_KEYS = Set.of("role", "content", "name", "weight", "tool_calls", "tool_call_id");
    private static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::wireName).toList();

    private FormatRules() {
    }

    /** The findings of one parsed line; empty when the line is well formed. */
    static List<Finding> check(JsonNode line, int number, String fileName) {
        List<Finding> out = new ArrayList<>();
        if (!line.isObject()) {
            out.add(new Finding(number, "", "expected a JSON object like {\"messages\": [...]}, got "
                    + line.getNodeType().toString().toLowerCase() + "."));
            return out;
        }
        unknownKeys(line, LINE_KEYS, "", number, out);
        JsonNode messages = line.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            out.add(new Finding(number, "messages", (messages == null ? "missing" : messages.isArray() ? "empty"
                    : "not a list") + "; every line needs \"messages\": [{\"role\": \"user\", ...}, {\"role\": "
                    + "\"assistant\", ...}]."));
            return out;
        }
        boolean anyAssistant = false;
        boolean anyTrained = false;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            if (!m.isObject()) {
                out.add(new Finding(number, where, "expected an object like {\"role\": \"user\", \"content\": \"...\"}."));
                continue;
            }
            unknownKeys(m, MESSAGE_KEYS, where + ".", number, out);
            Role role = role(m, where, number, out);
            boolean calls = m.path("tool_calls").isArray() && !m.get("tool_calls").isEmpty();
            content(m.get("content"), role, calls, where, number, out);
            JsonNode weight = m.get("weight");
            if (weight != null) {
                if (role != Role.ASSISTANT) {
                    out.add(new Finding(number, where + ".weight", "only assistant turns carry a weight; remove it from this "
                            + (role == null ? "" : role.wireName() + " ") + "turn."));
                } else if (!weight.isNumber() || (weight.asDouble() != 0 && weight.asDouble() != 1)) {
                    out.add(new Finding(number, where + ".weight", "expected 0 or 1, got " + weight
                            + "; 0 leaves the turn out of training, 1 (or no weight) trains on it."));
                }
            }
            if (role == Role.ASSISTANT) {
                anyAssistant = true;
                anyTrained |= weight == null || (weight.isNumber() && weight.asDouble() == 1);
            }
        }
        if (!anyAssistant) {
            out.add(new Finding(number, "messages", "no assistant turn; a training example needs at least one "
                    + "{\"role\": \"assistant\", \"content\": \"...\"} to learn from."));
        } else if (!anyTrained) {
            out.add(new Finding(number, "messages", "every assistant turn has weight 0, so the example trains on "
                    + "nothing; give at least one assistant turn weight 1 (or no weight)."));
        }
        if (out.isEmpty()) {
            tools(line, number, fileName, out);
        }
        return out;
    }

    private static Role role(JsonNode m, String where, int number, List<Finding> out) {
        JsonNode r = m.get("role");
        if (r == null || !r.isTextual()) {
            out.add(new Finding(number, where + ".role", (r == null ? "missing" : "not a string") + "; expected one of "
                    + ROLES + "."));
            return null;
        }
        Role role = Role.fromWireName(r.asText());
        if (role == null) {
            out.add(new Finding(number, where + ".role", "unknown role '" + r.asText() + "'"
                    + Suggestions.didYouMean(r.asText(), ROLES) + "; expected one of " + ROLES + "."));
        }
        return role;
    }

    private static void content(JsonNode c, Role role, boolean calls, String where, int number, List<Finding> out) {
        boolean none = c == null || c.isNull();
        if (none && role == Role.ASSISTANT && calls) {
            return;
        }
        if (none) {
            out.add(new Finding(number, where + ".content", "missing; every turn needs \"content\": \"<text>\" (only "
                    + "an assistant turn with tool_calls may leave it out)."));
        } else if (!c.isTextual()) {
            out.add(new Finding(number, where + ".content", "expected a string, got " + c.getNodeType().toString()
                    .toLowerCase() + "; write the turn's text as one string."));
        } else if (c.asText().isEmpty() && !calls) {
            out.add(new Finding(number, where + ".content", "empty; a turn without text teaches nothing, fill it or "
                    + "remove the turn."));
        }
    }

    private static void unknownKeys(JsonNode object, Set<String> known, String prefix, int number, List<Finding> out) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                out.add(new Finding(number, prefix + key, "unknown key" + Suggestions.didYouMean(key, known)
                        + "; a fine-tuning service rejects it. Known keys: " + known.stream().sorted().toList()
                        + (key.equals("functions") || key.equals("function_call")
                        ? " (the legacy functions/function_call are not read: use tools/tool_calls)" : "") + "."));
            }
        }
    }

    /** Tool definitions, calls and tool turns, checked by the data reader {@code run} uses. */
    private static void tools(JsonNode line, int number, String fileName, List<Finding> out) {
        String where = fileName + ":" + number;
        try {
            Conversation.read(line, where);
        } catch (InputException e) {
            String message = e.getMessage().startsWith(where + ": ") ? e.getMessage().substring(where.length() + 2)
                    : e.getMessage();
            int colon = message.indexOf(": ");
            String field = colon > 0 && !message.substring(0, colon).contains(" ") ? message.substring(0, colon) : "";
            out.add(new Finding(number, field, field.isEmpty() ? message : message.substring(colon + 2)));
        }
    }
}

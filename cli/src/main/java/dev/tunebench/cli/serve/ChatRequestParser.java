package dev.tunebench.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads a Chat Completions request body field by field, as the OpenAI API documents it, plus vLLM's
 * {@code continue_final_message} and {@code add_generation_prompt}. Every refusal is an {@link ApiError}
 * naming the field. Fields that would change the output in ways this server cannot honour (tools,
 * logprobs, penalties, n > 1) are refused rather than ignored; purely informational ones are ignored.
 */
final class ChatRequestParser {
    /** The API allows at most this many stop strings. */
    static final int MAX_STOPS = 4;
    /** Sampling fields that are refused when set to anything but their neutral value. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "tools", "tool calling", "functions", "function calling", "logprobs", "log-probabilities",
            "top_logprobs", "log-probabilities", "logit_bias", "logit bias", "presence_penalty", "penalties",
            "frequency_penalty", "penalties", "response_format", "structured output", "audio", "audio output");

    private ChatRequestParser() {
    }

    /** The requested model id, read first so an unknown model is a 404 whatever else is wrong. */
    static String model(JsonNode body) {
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            throw ApiError.invalid("model", "Missing required parameter: 'model'. Set it to a served model id (GET /v1/models).");
        }
        if (!model.isTextual()) {
            throw ApiError.invalid("model", "Invalid type for 'model': expected a string, got " + kind(model) + ".");
        }
        return model.asText();
    }

    /** @param defaultMaxTokens the completion length when the request sets none (the model's context) */
    static ChatRequest parse(JsonNode body, int defaultMaxTokens) {
        String model = model(body);
        refuseUnsupported(body);
        boolean stream = bool(body, "stream", false);
        boolean includeUsage = streamOptions(body, stream);
        int n = integer(body, "n", 1, 1);
        if (n != 1) {
            throw ApiError.invalid("n", "Invalid value for 'n': this server returns one choice per request; set n to 1.");
        }
        Integer maxTokens = optionalInteger(body, "max_completion_tokens", 1);
        if (maxTokens == null) {
            maxTokens = optionalInteger(body, "max_tokens", 1);
        }
        GenerationSettings settings = new GenerationSettings(maxTokens != null ? maxTokens : defaultMaxTokens,
                decoding(body), List.of());
        return new ChatRequest(model, prompt(body), settings, stream, includeUsage);
    }

    private static void refuseUnsupported(JsonNode body) {
        for (Map.Entry<String, String> e : UNSUPPORTED.entrySet()) {
            JsonNode v = body.get(e.getKey());
            boolean neutral = v == null || v.isNull() || (v.isBoolean() && !v.asBoolean())
                    || (v.isNumber() && v.asDouble() == 0) || (v.isContainerNode() && v.isEmpty())
                    || (e.getKey().equals("response_format") && "text".equals(v.path("type").asText()));
            if (!neutral) {
                throw ApiError.invalid(e.getKey(), "Unsupported parameter: '" + e.getKey() + "' (" + e.getValue()
                        + ") is not supported by tunebench serve. Remove it from the request.");
            }
        }
    }

    private static boolean streamOptions(JsonNode body, boolean stream) {
        JsonNode options = body.get("stream_options");
        if (options == null || options.isNull()) {
            return false;
        }
        if (!stream) {
            throw ApiError.invalid("stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        }
        if (!options.isObject()) {
            throw ApiError.invalid("stream_options", "Invalid type for 'stream_options': expected an object, got " + kind(options) + ".");
        }
        return bool(options, "include_usage", false, "stream_options.include_usage");
    }

    private static Decoding decoding(JsonNode body) {
        double temperature = number(body, "temperature", 1.0, 0, 2);
        double topP = number(body, "top_p", 1.0, 0, 1);
        Long seed = optionalLong(body, "seed");
        if (temperature == 0) {
            return Decoding.greedy();
        }
        if (topP == 0) {
            throw ApiError.invalid("top_p", "Invalid value for 'top_p': expected a number in (0, 1] when sampling, got 0.");
        }
        return new Decoding.Sampling(temperature, topP, 0, seed != null ? seed : ThreadLocalRandom.current().nextLong());
    }

    private static Prompt prompt(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw ApiError.invalid("messages", "Missing required parameter: 'messages'.");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiError.invalid("messages", "Invalid value for 'messages': expected a non-empty array of messages.");
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            out.add(message(messages.get(i), "messages[" + i + "]"));
        }
        boolean continueFinal = bool(body, "continue_final_message", false);
        JsonNode addGenerationPrompt = body.get("add_generation_prompt");
        boolean addExplicit = addGenerationPrompt != null && !addGenerationPrompt.isNull();
        boolean add = bool(body, "add_generation_prompt", true);
        if (continueFinal && addExplicit && add) {
            throw ApiError.invalid("continue_final_message",
                    "Cannot set both `continue_final_message` and `add_generation_prompt` to True.");
        }
        if (!continueFinal && !add) {
            throw ApiError.invalid("add_generation_prompt", "add_generation_prompt false is only supported together "
                    + "with continue_final_message true (continuing the final assistant message).");
        }
        List<String> stops = stops(body);
        if (!continueFinal) {
            return new Prompt(out, "", stops);
        }
        Message last = out.get(out.size() - 1);
        if (last.role() != Role.ASSISTANT) {
            throw ApiError.invalid("continue_final_message",
                    "Cannot set `continue_final_message` to True when the last message is not from the assistant.");
        }
        // The runner renders the rest with the generation prompt and appends the prefix: the same text.
        return new Prompt(out.subList(0, out.size() - 1), last.content(), stops);
    }

    private static Message message(JsonNode m, String where) {
        if (!m.isObject()) {
            throw ApiError.invalid(where, "Invalid type for '" + where + "': expected an object, got " + kind(m) + ".");
        }
        JsonNode roleNode = m.get("role");
        if (roleNode == null || !roleNode.isTextual()) {
            throw ApiError.invalid(where + ".role", "Missing required parameter: '" + where + ".role'.");
        }
        String name = roleNode.asText();
        // OpenAI's newer name for the system turn.
        Role role = "developer".equals(name) ? Role.SYSTEM : Role.fromWireName(name);
        // Tool turns need tool calls, which serve does not take: refuse them as before Role had TOOL.
        if (role == null || role == Role.TOOL) {
            throw ApiError.invalid(where + ".role", "Invalid value for '" + where + ".role': '" + name
                    + "'. Supported roles: system, developer, user, assistant.");
        }
        return new Message(role, content(m.get("content"), where + ".content"), true);
    }

    /** A string, or an array of {@code {"type": "text", "text": ...}} parts joined as they are. */
    private static String content(JsonNode c, String where) {
        if (c == null || c.isNull()) {
            throw ApiError.invalid(where, "Missing required parameter: '" + where + "'.");
        }
        if (c.isTextual()) {
            return c.asText();
        }
        if (!c.isArray()) {
            throw ApiError.invalid(where, "Invalid type for '" + where + "': expected a string or an array of text parts, got "
                    + kind(c) + ".");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < c.size(); i++) {
            JsonNode part = c.get(i);
            if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                throw ApiError.invalid(where + "[" + i + "]", "Invalid content part '" + where + "[" + i
                        + "]': only {\"type\": \"text\", \"text\": \"...\"} parts are supported.");
            }
            text.append(part.get("text").asText());
        }
        return text.toString();
    }

    private static List<String> stops(JsonNode body) {
        JsonNode stop = body.get("stop");
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        if (!stop.isArray()) {
            throw ApiError.invalid("stop", "Invalid type for 'stop': expected a string or an array of strings, got " + kind(stop) + ".");
        }
        if (stop.size() > MAX_STOPS) {
            throw ApiError.invalid("stop", "Invalid value for 'stop': at most " + MAX_STOPS + " stop strings, got " + stop.size() + ".");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : stop) {
            if (!s.isTextual()) {
                throw ApiError.invalid("stop", "Invalid type for 'stop': expected strings, got " + kind(s) + ".");
            }
            out.add(s.asText());
        }
        return out;
    }

    private static boolean bool(JsonNode body, String field, boolean fallback) {
        return bool(body, field, fallback, field);
    }

    private static boolean bool(JsonNode body, String field, boolean fallback, String param) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw ApiError.invalid(param, "Invalid type for '" + param + "': expected a boolean, got " + kind(v) + ".");
        }
        return v.asBoolean();
    }

    private static int integer(JsonNode body, String field, int fallback, int min) {
        Integer v = optionalInteger(body, field, min);
        return v != null ? v : fallback;
    }

    private static Integer optionalInteger(JsonNode body, String field, int min) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiError.invalid(field, "Invalid type for '" + field + "': expected an integer, got " + kind(v) + ".");
        }
        if (v.asInt() < min) {
            throw ApiError.invalid(field, "Invalid value for '" + field + "': expected at least " + min + ", got " + v.asInt() + ".");
        }
        return v.asInt();
    }

    private static Long optionalLong(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiError.invalid(field, "Invalid type for '" + field + "': expected an integer, got " + kind(v) + ".");
        }
        return v.asLong();
    }

    private static double number(JsonNode body, String field, double fallback, double min, double max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw ApiError.invalid(field, "Invalid type for '" + field + "': expected a number, got " + kind(v) + ".");
        }
        double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            throw ApiError.invalid(field, "Invalid value for '" + field + "': expected a number from " + min + " to "
                    + max + ", got " + d + ".");
        }
        return d;
    }

    private static String kind(JsonNode v) {
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}

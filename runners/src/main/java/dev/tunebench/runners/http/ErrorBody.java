package dev.tunebench.runners.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAI error object ({@code {"error": {"message", "type", "param", "code"}}}) of a refused request,
 * or the start of whatever else the server sent. The text is the server's, so the key is cut out of it
 * before it can reach a message.
 */
record ErrorBody(String message, String type, String code) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_CHARS = 300;

    static ErrorBody parse(byte[] body, String key) {
        String raw = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode error = MAPPER.readTree(raw).path("error");
            if (error.isObject()) {
                return new ErrorBody(clean(error.path("message").asText(""), key),
                        clean(error.path("type").asText(null), key), clean(error.path("code").asText(null), key));
            }
            if (error.isTextual()) {
                return new ErrorBody(clean(error.textValue(), key), null, null);
            }
        } catch (IOException notJson) {
            // fall back to the raw text
        }
        return new ErrorBody(clean(raw, key), null, null);
    }

    /** Cuts the key out, flattens lines and keeps it short: this text goes into messages. */
    static String clean(String text, String key) {
        if (text == null) {
            return null;
        }
        String s = key == null || key.isEmpty() ? text : text.replace(key, "[key]");
        s = s.replaceAll("\\s+", " ").strip();
        return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) + "..." : s;
    }

    /** For a message: the server's words, or nothing if it gave none. */
    String says() {
        // The message goes before a sentence of ours: its own final period would double ours.
        return message == null || message.isEmpty() ? "" : "; the server says: " + message.strip().replaceFirst("\\.+$", "");
    }
}

package dev.tunebench.scoring;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Comparator;

/** The one JSON parser all scorers share (an ObjectMapper is thread-safe and costly to create). */
final class Json {
    /** Strict: {@code {"a": 1} trailing text} is not JSON, so format adherence cannot be faked. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Numbers equal by value ({@code 1}, {@code 1.0} and {@code 1e0} match); everything else as Jackson does. */
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private static final int MAX_PROBLEM_CHARS = 120;

    private Json() {
    }

    static JsonNode parse(String text) throws JsonProcessingException {
        JsonNode node = MAPPER.readTree(text);
        if (node.isMissingNode()) {
            // readTree gives a MissingNode for empty or blank text instead of failing.
            throw new JsonParseException(null, "no content");
        }
        return node;
    }

    static boolean equalByValue(JsonNode a, JsonNode b) {
        return a.equals(BY_VALUE, b);
    }

    /** Jackson's message without the source location, cut to one short line for a score's reason. */
    static String problem(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() <= MAX_PROBLEM_CHARS ? line : line.substring(0, MAX_PROBLEM_CHARS) + "…";
    }
}

package dev.tunebench.reports;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tolerant readers for run-folder JSON: fields are added over time and optional ones may be absent or
 * {@code null}, so every accessor has an "absent" answer instead of throwing.
 */
public final class Json {
    private Json() {
    }

    /** The text at {@code field}, cleaned for XML/HTML output, or {@code fallback} when absent or null. */
    public static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return fallback;
        }
        return Text.clean(v.isValueNode() ? v.asText() : v.toString());
    }

    /** The number at {@code field}, also when it is a metric object {@code {"value": ...}}; null when absent. */
    public static Double number(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v != null && v.isObject()) {
            v = v.get("value");
        }
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    public static long count(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.asLong() : 0;
    }

    /** The array at {@code field}, or an empty iterable when absent, null or not an array. */
    public static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isArray() ? v : java.util.List.of();
    }

    /** The object at {@code field}, or null when absent or not an object. */
    public static JsonNode object(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isObject() ? v : null;
    }
}

package dev.tunebench.scoring;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** A scalar field of a JSON text, e.g. {@code intent} or a JSON Pointer such as {@code /result/label}. */
record JsonField(String field, JsonPointer pointer) implements Extractor {

    static JsonField of(Params params, String key, String field) {
        return new JsonField(field, pointer(params, key, field));
    }

    /** A plain name is a top-level field; a leading '/' makes it a JSON Pointer into nested objects. */
    static JsonPointer pointer(Params params, String key, String field) {
        if (!field.startsWith("/")) {
            return JsonPointer.compile("/" + field.replace("~", "~0").replace("/", "~1"));
        }
        try {
            return JsonPointer.compile(field);
        } catch (IllegalArgumentException e) {
            throw params.error(key, "invalid JSON Pointer '" + field + "': " + e.getMessage());
        }
    }

    @Override
    public Extraction extract(String text) {
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (JsonProcessingException e) {
            return Extraction.failed("not JSON: " + Json.problem(e));
        }
        JsonNode value = root.at(pointer);
        if (value.isMissingNode() || value.isNull()) {
            return Extraction.failed("no field " + field);
        }
        if (!value.isValueNode()) {
            return Extraction.failed("field " + field + " is not a string, number or boolean");
        }
        return Extraction.of(value.asText());
    }
}

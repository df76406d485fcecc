package dev.tunebench.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Field-mapped JSONL: strings are taken as is, other JSON values as their compact JSON text. */
final class FieldJsonLines implements JsonlRows.LineParser {
    private final FieldRows rows;

    FieldJsonLines(DataSource source) {
        this.rows = new FieldRows(source);
    }

    static String example(DataSource s) {
        return "{\"" + s.inputField() + "\": \"...\", \"" + s.expectedField() + "\": \"...\"}";
    }

    @Override
    public Row parse(JsonNode object, String where, int index, String rowId) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return rows.build(field -> text(object.get(field)), names, where, index, rowId);
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isTextual() ? v.asText() : v.toString();
    }
}

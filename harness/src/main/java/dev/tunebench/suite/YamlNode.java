package dev.tunebench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tunebench.data.Suggestions;
import dev.tunebench.spi.InputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * A position in the suite tree that knows its field path (e.g. {@code techniques[3].transforms[1].few_shot.k})
 * and line, so every read can fail with a message naming file, line, field, expectation and fix.
 */
final class YamlNode {
    private final YamlDocument doc;
    private final String path;
    private final JsonNode node;

    YamlNode(YamlDocument doc, String path, JsonNode node) {
        this.doc = doc;
        this.path = path;
        this.node = node;
    }

    String path() {
        return path;
    }

    JsonNode json() {
        return node;
    }

    /** Present and not {@code null}: an explicit {@code key: ~} counts as absent. */
    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    boolean isObject() {
        return node.isObject();
    }

    boolean isList() {
        return node.isArray();
    }

    boolean isText() {
        return node.isTextual();
    }

    YamlNode get(String key) {
        JsonNode child = node.isObject() && node.has(key) ? node.get(key) : MissingNode.getInstance();
        return new YamlNode(doc, path.isEmpty() ? key : path + "." + key, child);
    }

    /** {@code file:line: path}, e.g. {@code suites/demo/triage.yaml:31: scorers[1]}. */
    String where() {
        int line = doc.line(path);
        return doc.file() + (line > 0 ? ":" + line : "") + (path.isEmpty() ? "" : ": " + path);
    }

    /** {@code file:line: path: problem}: the problem should say what was expected and how to fix it. */
    InputException error(String problem) {
        return new InputException(where() + ": " + problem);
    }

    /** Requires a map whose keys are all in {@code allowed}; an unknown key gets a "did you mean". */
    YamlNode object(String... allowed) {
        if (!node.isObject()) {
            throw error("expected a map of " + String.join(", ", allowed) + ", got " + describe() + ".");
        }
        List<String> known = Arrays.asList(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw get(key).error("unknown key '" + key + "'" + Suggestions.didYouMean(key, known)
                        + "; allowed here: " + String.join(", ", allowed) + ".");
            }
        }
        return this;
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    List<YamlNode> list() {
        if (!node.isArray()) {
            throw error("expected a list (- item per line, or [a, b]), got " + describe() + ".");
        }
        List<YamlNode> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new YamlNode(doc, path + "[" + i + "]", node.get(i)));
        }
        return items;
    }

    /** A list, or an empty one when absent. */
    List<YamlNode> listOrEmpty() {
        return present() ? list() : List.of();
    }

    String text() {
        if (!present()) {
            throw error("missing; expected a text value.");
        }
        if (!node.isValueNode() || node.isBinary()) {
            throw error("expected a text value, got " + describe() + ".");
        }
        return node.asText();
    }

    String textOr(String fallback) {
        return present() ? text() : fallback;
    }

    /** A non-empty name without surrounding spaces (ids, technique and scorer names). */
    String name() {
        String t = text();
        if (t.isBlank() || !t.strip().equals(t)) {
            throw error("expected a non-empty name without leading or trailing spaces, got '" + t + "'.");
        }
        return t;
    }

    int integer(int min) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min) {
            throw error("expected a whole number >= " + min + ", got " + describe() + ".");
        }
        return node.asInt();
    }

    Integer integerOrNull(int min) {
        return present() ? integer(min) : null;
    }

    long longValue() {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error("expected a whole number, got " + describe() + ".");
        }
        return node.asLong();
    }

    double number(double min, double max) {
        if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max || Double.isNaN(node.asDouble())) {
            throw error("expected a number from " + min + " to " + max + ", got " + describe() + ".");
        }
        return node.asDouble();
    }

    /** One of {@code choices} (case-insensitive), with a "did you mean" otherwise; returns its index. */
    int choice(List<String> choices) {
        String t = text();
        int i = choices.indexOf(t.toLowerCase(Locale.ROOT));
        if (i < 0) {
            throw error("unknown value '" + t + "'" + Suggestions.didYouMean(t, choices)
                    + "; expected one of " + String.join(", ", choices) + ".");
        }
        return i;
    }

    String describe() {
        if (node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "\"" + node.asText() + "\"";
        }
        if (node.isObject()) {
            return "a map";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }
}

package dev.tunebench.scoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a judge's grade out of its reply. Judges usually reason first and grade last, so the last match
 * counts. A reply with no grade is unscored (empty), never a failing grade.
 */
sealed interface GradeParser permits GradeParser.Choices, GradeParser.Scale {

    /** The grade as a value in [0, 1] and the text it was read from, or empty when the reply has none. */
    Optional<Grade> parse(String reply);

    /** What the judge is asked for, for messages: e.g. {@code one of A, B}. */
    String expects();

    /** The grade's JSON Schema type, for structured output: {@code {"type": "string", "enum": [...]}} or a number range. */
    String gradeSchema();

    /** The schema a structured judge reply follows: its reasoning first, then the grade. */
    default String replySchema() {
        return "{\"type\":\"object\",\"properties\":{\"reasoning\":{\"type\":\"string\"},\"grade\":" + gradeSchema()
                + "},\"required\":[\"reasoning\",\"grade\"],\"additionalProperties\":false}";
    }

    /**
     * The grade of a structured reply ({@code {"reasoning": ..., "grade": ...}}), or, when the reply is not
     * such an object, of its text as {@link #parse} reads it.
     */
    default Optional<Grade> parseStructured(String reply) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = Json.MAPPER.readTree(reply.strip());
            if (node != null && node.isObject() && node.has("grade") && node.get("grade").isValueNode()) {
                return exact(node.get("grade").asText());
            }
        } catch (java.io.IOException notJson) {
            // a free-text reply: read it as such
        }
        return parse(reply);
    }

    /** The grade when {@code text} is exactly one (a choice's name, a number on the scale). */
    Optional<Grade> exact(String text);

    record Grade(double value, String text) {
    }

    /** One of a few labels, each worth a value in [0, 1], e.g. {@code {A: 1, B: 0}}. */
    record Choices(Map<String, Double> values, Pattern pattern) implements GradeParser {
        public Choices {
            values = new LinkedHashMap<>(values);
        }

        /** The default pattern: any choice as a whole word. */
        static Pattern wordsOf(Map<String, Double> values) {
            return Pattern.compile("(?<![\\p{L}\\p{N}_])(" + values.keySet().stream().map(Pattern::quote)
                    .collect(Collectors.joining("|")) + ")(?![\\p{L}\\p{N}_])");
        }

        @Override
        public Optional<Grade> parse(String reply) {
            String last = null;
            Matcher m = pattern.matcher(reply);
            while (m.find()) {
                String g = m.groupCount() >= 1 ? m.group(1) : m.group();
                if (g != null && values.containsKey(g.strip())) {
                    last = g.strip();
                }
            }
            return last == null ? Optional.empty() : Optional.of(new Grade(values.get(last), last));
        }

        @Override
        public String expects() {
            return "one of " + String.join(", ", values.keySet());
        }

        @Override
        public String gradeSchema() {
            com.fasterxml.jackson.databind.node.ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "string");
            values.keySet().forEach(schema.putArray("enum")::add);
            return schema.toString();
        }

        @Override
        public Optional<Grade> exact(String text) {
            String t = text.strip();
            return values.containsKey(t) ? Optional.of(new Grade(values.get(t), t)) : Optional.empty();
        }
    }

    /** A number on a scale [min, max], mapped linearly onto [0, 1]; a number off the scale is no grade. */
    record Scale(double min, double max, Pattern pattern) implements GradeParser {
        static final Pattern NUMBER = Pattern.compile("(-?\\d+(?:\\.\\d+)?)");

        @Override
        public Optional<Grade> parse(String reply) {
            String last = null;
            Matcher m = pattern.matcher(reply);
            while (m.find()) {
                last = m.groupCount() >= 1 ? m.group(1) : m.group();
            }
            if (last == null) {
                return Optional.empty();
            }
            double x;
            try {
                x = Double.parseDouble(last.strip());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (x < min || x > max) {
                return Optional.empty();
            }
            return Optional.of(new Grade((x - min) / (max - min), last.strip()));
        }

        @Override
        public String expects() {
            return "a number from " + fmt(min) + " to " + fmt(max);
        }

        @Override
        public String gradeSchema() {
            return "{\"type\":\"number\",\"minimum\":" + fmt(min) + ",\"maximum\":" + fmt(max) + "}";
        }

        @Override
        public Optional<Grade> exact(String text) {
            try {
                double x = Double.parseDouble(text.strip());
                return x < min || x > max || Double.isNaN(x) ? Optional.empty()
                        : Optional.of(new Grade((x - min) / (max - min), text.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }
}

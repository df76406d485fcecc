package dev.tunebench.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.data.Utf8Reader;
import dev.tunebench.results.Json;
import dev.tunebench.spi.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A judge's calibration set ({@code labels:} of a judge scorer): answers a person graded, one JSON object a
 * line, {@code {"question": ..., "answer": ..., "expected": ..., "grade": "C"}} (a pairwise judge:
 * {@code "answer_a"} and {@code "answer_b"} for {@code "answer"}); question and expected are optional. The
 * judge grades them too, and how often it agrees with the person says whether to trust it.
 */
final class JudgeLabels {
    /** More labelled answers than anyone grades by hand: a wrong file. */
    private static final int MAX_LINES = 100_000;
    private static final int MAX_LINE_CHARS = 1024 * 1024;

    /** One labelled answer: where it is, what the judge is shown, and the person's grade. */
    record Labelled(String where, String question, String answer, String answerB, String expected, GradeParser.Grade grade) {
    }

    private JudgeLabels() {
    }

    static List<Labelled> read(Path file, GradeParser grade, boolean pairwise, String field) {
        String text;
        try {
            text = Utf8Reader.decode(Files.readAllBytes(file), file.toString(), MAX_LINE_CHARS);
        } catch (IOException e) {
            throw new InputException(field + ": cannot read " + file + " (" + e.getClass().getSimpleName() + "); the path is"
                    + " relative to the suite file's folder.");
        }
        List<Labelled> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        if (lines.length > MAX_LINES) {
            throw new InputException(file + ": " + lines.length + " lines, more than a calibration set has (at most " + MAX_LINES
                    + "); check that " + field + " names the labelled answers, not the data.");
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String where = file.getFileName() + ":" + (i + 1);
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(lines[i]);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new InputException(where + ": not a JSON object (" + e.getOriginalMessage() + "); each line is"
                        + " {\"answer\": ..., \"grade\": ...}.");
            }
            if (node == null || !node.isObject()) {
                throw new InputException(where + ": expected a JSON object like {\"answer\": ..., \"grade\": ...}.");
            }
            String answer = text(node, pairwise ? "answer_a" : "answer", where, true);
            String answerB = pairwise ? text(node, "answer_b", where, true) : null;
            if (!pairwise && node.has("answer_a")) {
                throw new InputException(where + ": answer_a is for a pairwise judge (against:); this judge grades one answer:"
                        + " give \"answer\".");
            }
            JsonNode g = node.get("grade");
            if (g == null || !g.isValueNode() || g.isNull()) {
                throw new InputException(where + ": grade: missing; give the person's grade, " + grade.expects() + ".");
            }
            GradeParser.Grade human = grade.exact(g.asText()).orElseThrow(() -> new InputException(where + ": grade: '"
                    + g.asText() + "' is not a grade this judge gives; expected " + grade.expects() + "."));
            out.add(new Labelled(where, text(node, "question", where, false), answer, answerB,
                    text(node, "expected", where, false), human));
        }
        if (out.isEmpty()) {
            throw new InputException(file + ": no labelled answers; each line is {\"answer\": ..., \"grade\": ...}.");
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode node, String key, String where, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InputException(where + ": " + key + ": missing; the judge grades it.");
            }
            return "";
        }
        if (!v.isTextual()) {
            throw new InputException(where + ": " + key + ": expected text, got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return v.asText();
    }
}

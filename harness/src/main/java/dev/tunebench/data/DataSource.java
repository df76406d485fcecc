package dev.tunebench.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where rows come from. For {@link DataFormat#CHAT_JSONL} only {@code file} matters. For field-mapped
 * formats, {@code inputField} and {@code expectedField} name the columns that become the user turn and the
 * expected assistant answer; {@code systemField} (nullable) names a column for the system turn and
 * {@code systemText} (nullable) is a fixed system turn for every row (a non-empty column value wins).
 * {@code pairField} (nullable) names the second text of a text pair (an NLI hypothesis); it becomes a second
 * user turn after the input.
 */
public record DataSource(Path file, DataFormat format, String inputField, String expectedField,
                         String systemField, String systemText, String pairField) {

    public static final String DEFAULT_INPUT = "input";
    public static final String DEFAULT_EXPECTED = "expected";

    public DataSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        inputField = Objects.requireNonNullElse(inputField, DEFAULT_INPUT);
        expectedField = Objects.requireNonNullElse(expectedField, DEFAULT_EXPECTED);
    }

    public DataSource(Path file, DataFormat format, String inputField, String expectedField, String systemField,
                      String systemText) {
        this(file, format, inputField, expectedField, systemField, systemText, null);
    }

    public static DataSource chat(Path file) {
        return new DataSource(file, DataFormat.CHAT_JSONL, null, null, null, null);
    }

    public static DataSource fields(Path file, DataFormat format, String input, String expected) {
        return new DataSource(file, format, input, expected, null, null);
    }

    public DataSource withSystem(String field, String text) {
        return new DataSource(file, format, inputField, expectedField, field, text, pairField);
    }
}

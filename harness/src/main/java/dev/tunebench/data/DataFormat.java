package dev.tunebench.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a data file is laid out; {@link #suiteName()} is how a suite spells it. */
public enum DataFormat {
    /** OpenAI/Azure chat fine-tuning JSONL: {@code {"messages": [{role, content, weight?}, ...]}}. */
    CHAT_JSONL("chat"),
    /** One JSON object per line; the input, expected and system fields are named in the suite. */
    FIELDS_JSONL("jsonl"),
    /** RFC 4180 CSV with a header row; the input, expected and system columns are named in the suite. */
    CSV("csv");

    private final String suiteName;

    DataFormat(String suiteName) {
        this.suiteName = suiteName;
    }

    public String suiteName() {
        return suiteName;
    }

    /** Parses a suite spelling (case-insensitive); {@code null} when unknown so callers can say where. */
    public static DataFormat fromSuiteName(String name) {
        for (DataFormat f : values()) {
            if (f.suiteName.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }

    public static List<String> suiteNames() {
        return Arrays.stream(values()).map(DataFormat::suiteName).toList();
    }
}

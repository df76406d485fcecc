package dev.tunebench.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.InputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Locale;

/** One JSON object per line; blank lines are skipped but still counted for line numbers. */
final class JsonlRows implements RowSource {

    /** Turns one parsed line into a row; {@code where} is {@code file:line} for messages. */
    interface LineParser {
        Row parse(JsonNode object, String where, int index, String rowId);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BufferedReader reader;
    private final String file;
    private final String fileName;
    private final LineParser parser;
    private final String example;
    private int line;
    private int index;

    JsonlRows(BufferedReader reader, String file, String fileName, LineParser parser, String example) {
        this.reader = reader;
        this.file = file;
        this.fileName = fileName;
        this.parser = parser;
        this.example = example;
    }

    @Override
    public Row next() throws IOException {
        String text;
        while ((text = reader.readLine()) != null) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (!text.isBlank()) {
                return parse(text);
            }
        }
        return null;
    }

    private Row parse(String text) {
        String where = file + ":" + line;
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new InputException(where + ": the JSON is beyond tunebench's limits for a data row ("
                    + e.getOriginalMessage() + "); no real row nests this deep or has a number or text this long. "
                    + "Fix or remove the line.", e);
        } catch (JsonProcessingException e) {
            String column = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new InputException(where + ": not valid JSON (" + e.getOriginalMessage() + column
                    + "). Expected one JSON object per line, like " + example + "; fix or remove the line.", e);
        }
        if (!node.isObject()) {
            throw new InputException(where + ": expected a JSON object like " + example + ", got a JSON "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT) + "; fix or remove the line.");
        }
        String broken = unpairedSurrogate(node, "");
        if (broken != null) {
            throw new InputException(where + ": " + (broken.isEmpty() ? "a key" : broken) + " holds a lone UTF-16 "
                    + "surrogate escape (like \\ud800 without its pair), which is not text; fix or remove the line.");
        }
        return parser.parse(node, where, index++, fileName + ":" + line);
    }

    /** The path of the first string (or key) with a half of a surrogate pair, or null; JSON allows them, UTF-8 cannot hold them. */
    private static String unpairedSurrogate(JsonNode node, String path) {
        if (node.isTextual()) {
            return unpaired(node.textValue()) ? path : null;
        }
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                if (unpaired(f.getKey())) {
                    return "";
                }
                String found = unpairedSurrogate(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = unpairedSurrogate(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean unpaired(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

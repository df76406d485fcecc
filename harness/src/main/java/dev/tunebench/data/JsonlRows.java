package dev.tunebench.data;

import com.fasterxml.jackson.core.JsonProcessingException;
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
        } catch (JsonProcessingException e) {
            throw new InputException(where + ": not valid JSON (" + e.getOriginalMessage()
                    + " at column " + e.getLocation().getColumnNr() + "). Expected one JSON object per line, like "
                    + example + "; fix or remove the line.", e);
        }
        if (!node.isObject()) {
            throw new InputException(where + ": expected a JSON object like " + example + ", got a JSON "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT) + "; fix or remove the line.");
        }
        return parser.parse(node, where, index++, fileName + ":" + line);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

package dev.tunebench.data;

import dev.tunebench.spi.InputException;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records read one at a time: comma-separated, fields optionally in double quotes, a quote inside
 * quotes doubled, commas and line breaks (LF, CRLF or CR) allowed inside quotes. A quote inside an unquoted
 * field is kept as a character, as spreadsheets export it.
 */
public final class CsvRecords {
    private final Reader in;
    private final String file;
    private int line = 1;
    private int recordLine;
    private int pending = -2;

    public CsvRecords(Reader in, String file) {
        this.in = in;
        this.file = file;
    }

    /** The 1-based line where the last record returned by {@link #next()} started. */
    public int recordLine() {
        return recordLine;
    }

    /** The next record's fields, or {@code null} at the end; blank lines are skipped. */
    public List<String> next() throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\n' || c == '\r') {
                endOfLine(c);
                continue;
            }
            unread(c);
            return record();
        }
    }

    private List<String> record() throws IOException {
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == -1) {
                    throw new InputException(file + ":" + recordLine + ": a quoted field is never closed; "
                            + "close it with \" and write a quote inside a field as \"\".");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        unread(n);
                    }
                } else {
                    if (c == '\n' || c == '\r') {
                        c = endOfLine(c);
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
            } else if (c == -1 || c == '\n' || c == '\r') {
                if (c != -1) {
                    endOfLine(c);
                }
                fields.add(field.toString());
                return fields;
            } else {
                field.append((char) c);
                fieldStart = false;
            }
        }
    }

    /** Consumes a line break starting with {@code c} (CRLF counts once) and returns it as {@code '\n'}. */
    private int endOfLine(int c) throws IOException {
        if (c == '\r') {
            int n = read();
            if (n != '\n') {
                unread(n);
            }
        }
        line++;
        return '\n';
    }

    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pending = c;
    }
}

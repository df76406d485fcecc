package dev.tunebench.data;

import dev.tunebench.spi.InputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Field-mapped CSV: the first record is the header naming the columns. */
final class CsvRows implements RowSource {
    private final BufferedReader reader;
    private final CsvRecords records;
    private final FieldRows rows;
    private final String file;
    private final String fileName;
    private List<String> header;
    private Map<String, Integer> columns;
    private int index;

    CsvRows(BufferedReader reader, DataSource source, String file, String fileName) throws IOException {
        this.reader = reader;
        this.file = file;
        this.fileName = fileName;
        this.rows = new FieldRows(source);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        this.records = new CsvRecords(reader, file);
    }

    @Override
    public Row next() throws IOException {
        if (header == null) {
            header = records.next();
            if (header == null) {
                return null;
            }
            columns = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                columns.putIfAbsent(header.get(i), i);
            }
        }
        List<String> fields = records.next();
        if (fields == null) {
            return null;
        }
        String where = file + ":" + records.recordLine();
        if (fields.size() != header.size()) {
            throw new InputException(where + ": the record has " + fields.size() + " fields but the header has "
                    + header.size() + " " + header + ". Quote fields that contain commas or line breaks: \"a, b\".");
        }
        return rows.build(name -> {
            Integer i = columns.get(name);
            return i == null ? null : fields.get(i);
        }, header, where, index++, fileName + ":" + records.recordLine());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

package dev.tunebench.data;

import dev.tunebench.spi.InputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the rows of a data file one at a time, so a data set of any size runs in bounded memory.
 * Bad input surfaces as {@link InputException} naming {@code file:line} when the stream reaches it.
 */
public final class DatasetReader {
    private DatasetReader() {
    }

    /**
     * Opens the file; close the stream (try-with-resources) to release it. Reaching the end of a file
     * with no rows at all throws, since evaluating nothing is always a mistake.
     */
    public static Stream<Row> open(DataSource source) {
        RowSource rows = rowSource(source);
        Iterator<Row> it = new RowIterator(rows, source);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        rows.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** Number of rows, reading (and so validating) every one without keeping any. */
    public static long count(DataSource source) {
        try (Stream<Row> rows = open(source)) {
            return rows.count();
        }
    }

    private static RowSource rowSource(DataSource source) {
        String file = source.file().toString();
        String fileName = source.file().getFileName().toString();
        if (!Files.isRegularFile(source.file())) {
            throw new InputException(file + ": data file not found; check the path (relative paths are "
                    + "resolved against the suite file's folder).");
        }
        try {
            BufferedReader reader = new BufferedReader(new Utf8Reader(Files.newInputStream(source.file()), file,
                    Utf8Reader.MAX_DATA_LINE));
            return switch (source.format()) {
                case CHAT_JSONL -> new JsonlRows(reader, file, fileName, new ChatLines(), ChatLines.EXAMPLE);
                case FIELDS_JSONL -> new JsonlRows(reader, file, fileName, new FieldJsonLines(source),
                        FieldJsonLines.example(source));
                case CSV -> new CsvRows(reader, source, file, fileName);
            };
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the data file (" + e.getMessage() + ").", e);
        }
    }

    private static final class RowIterator implements Iterator<Row> {
        private final RowSource rows;
        private final DataSource source;
        private Row next;
        private boolean done;
        private long seen;

        RowIterator(RowSource rows, DataSource source) {
            this.rows = rows;
            this.source = source;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                try {
                    next = rows.next();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                done = next == null;
                if (done && seen == 0) {
                    throw new InputException(source.file() + ": the data set is empty (no rows). Expected at least one "
                            + (source.format() == DataFormat.CSV ? "record after the header" : "JSON line")
                            + "; add rows or point the suite at the right file.");
                }
            }
            return next != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row r = next;
            next = null;
            seen++;
            return r;
        }
    }
}

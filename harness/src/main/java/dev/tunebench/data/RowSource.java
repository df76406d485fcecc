package dev.tunebench.data;

import java.io.Closeable;
import java.io.IOException;

/** Reads rows one at a time from an open file, so memory stays bounded whatever the file's size. */
interface RowSource extends Closeable {

    /** The next row, or {@code null} at the end of the file. */
    Row next() throws IOException;
}

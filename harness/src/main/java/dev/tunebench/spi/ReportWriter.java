package dev.tunebench.spi;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a finished (or interrupted) run folder into one human or machine view; found with
 * {@link java.util.ServiceLoader}, identified by {@link #id()}. A writer reads only the run folder, so a
 * report can be rebuilt later, on another machine, from the folder alone.
 */
public interface ReportWriter {

    /** Unique id, e.g. {@code html}, {@code markdown}, {@code junit}. */
    String id();

    /** The file name this view takes inside the run folder, e.g. {@code report.html}. */
    String fileName();

    /**
     * Reads the run folder {@code runDir} and writes the view to {@code out}. A folder that cannot be read
     * (missing or malformed summary) is reported as {@link InputException} naming the file and the fix.
     */
    void write(Path runDir, Path out) throws IOException;
}

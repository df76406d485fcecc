package dev.tunebench.results;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends samples to samples.jsonl, one flushed line each, so a crash or Ctrl-C loses nothing that
 * was scored. Thread-safe.
 */
public final class SampleSink implements Closeable {
    public static final String FILE_NAME = "samples.jsonl";

    private final BufferedWriter out;

    public SampleSink(Path runDir) {
        this(runDir, FILE_NAME);
    }

    /** Appends to another file of the run folder (e.g. while rewriting samples.jsonl). */
    public SampleSink(Path runDir, String fileName) {
        try {
            dropTornLine(runDir.resolve(fileName));
            this.out = Files.newBufferedWriter(runDir.resolve(fileName), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + runDir.resolve(fileName) + " for writing", e);
        }
    }

    /**
     * A process killed mid-write leaves a last line without its newline; the sample is incomplete (a resume
     * runs it again), and appending after it would join two lines into one unreadable line.
     */
    private static void dropTornLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long end = ch.size();
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            long keep = end;
            while (keep > 0) {
                one.clear();
                ch.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < end) {
                ch.truncate(keep);
            }
        }
    }

    public synchronized void write(Sample sample) {
        try {
            out.write(Json.MAPPER.writeValueAsString(sample));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + FILE_NAME, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

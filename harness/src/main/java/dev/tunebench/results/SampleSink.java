package dev.tunebench.results;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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

    private final Path file;
    private final OutputStream raw;
    private final BufferedWriter out;
    private boolean broken;

    public SampleSink(Path runDir) {
        this(runDir, FILE_NAME);
    }

    /** Appends to another file of the run folder (e.g. while rewriting samples.jsonl). */
    public SampleSink(Path runDir, String fileName) {
        this.file = runDir.resolve(fileName);
        try {
            // An encoder that replaces rather than fails: a lone surrogate in a served model's answer must not
            // cost the sample.
            this.raw = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            this.out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw WriteFailed.of(file, e);
        }
    }

    public synchronized void write(Sample sample) {
        try {
            out.write(Json.MAPPER.writeValueAsString(sample));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            broken = true;
            throw WriteFailed.of(file, e);
        }
    }

    /**
     * Cuts a torn last line (the process was killed or the disk filled mid-write) so that lines appended on
     * resume start on a line of their own; returns whether anything was cut. Call before reading what is done.
     */
    public static boolean dropTornTail(Path runDir) {
        Path path = runDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long end = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                ch.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end == size) {
                return false;
            }
            ch.truncate(end);
            return true;
        } catch (IOException e) {
            throw WriteFailed.of(path, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (broken) {
                // Never retry the half-written line: a second attempt could land after its torn first half.
                raw.close();
            } else {
                out.close();
            }
        } catch (IOException e) {
            throw WriteFailed.of(file, e);
        }
    }
}

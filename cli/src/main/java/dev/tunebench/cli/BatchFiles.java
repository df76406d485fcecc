package dev.tunebench.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Batch API input lines, starting a new file before one would pass a limit of the API. One file keeps
 * the name asked for; when more are needed they are {@code NAME-001.jsonl}, {@code NAME-002.jsonl}, ... (each
 * is one batch to submit).
 */
final class BatchFiles implements AutoCloseable {
    private final Path out;
    private final int maxRequests;
    private final long maxBytes;
    private final List<Path> parts = new ArrayList<>();
    private final List<Integer> counts = new ArrayList<>();
    private BufferedWriter writer;
    private int requests;
    private long bytes;

    BatchFiles(Path out, int maxRequests, long maxBytes) {
        this.out = out;
        this.maxRequests = maxRequests;
        this.maxBytes = maxBytes;
    }

    void write(String line) {
        byte[] utf8 = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (utf8.length > maxBytes) {
            throw new dev.tunebench.spi.InputException("one request is " + utf8.length + " bytes, more than a batch file "
                    + "may hold (" + maxBytes + "); shorten the technique's prompt or the data row.");
        }
        try {
            if (writer == null || requests == maxRequests || bytes + utf8.length > maxBytes) {
                next();
            }
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + parts.get(parts.size() - 1), e);
        }
        requests++;
        bytes += utf8.length;
    }

    private void next() throws IOException {
        finishPart();
        Path part = partName(parts.size() + 1);
        parts.add(part);
        writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
        requests = 0;
        bytes = 0;
    }

    private void finishPart() throws IOException {
        if (writer != null) {
            writer.close();
            counts.add(requests);
        }
    }

    private Path partName(int n) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".jsonl";
        return out.resolveSibling(String.format("%s-%03d%s", stem, n, ext));
    }

    /** The files written and the requests in each; a single file is renamed to the name asked for. */
    List<Part> finish() {
        try {
            finishPart();
            writer = null;
            if (parts.size() == 1) {
                Files.move(parts.get(0), out, StandardCopyOption.REPLACE_EXISTING);
                parts.set(0, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        List<Part> result = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            result.add(new Part(parts.get(i), counts.get(i)));
        }
        return result;
    }

    record Part(Path file, int requests) {
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
        }
    }
}

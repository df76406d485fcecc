package dev.tunebench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tunebench.spi.InputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Streams samples.jsonl; a torn last line (the process died mid-write) is skipped, not fatal. */
public final class SampleReader {
    private SampleReader() {
    }

    public static void forEach(Path runDir, Consumer<Sample> consumer) {
        Path file = runDir.resolve(SampleSink.FILE_NAME);
        if (!Files.exists(file)) {
            return;
        }
        // Replacing, not failing, on bad bytes: a line torn mid-character is then just a torn line.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            String pendingBad = null;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (pendingBad != null) {
                    throw new InputException(pendingBad);
                }
                try {
                    consumer.accept(Json.MAPPER.readValue(line, Sample.class));
                } catch (JsonProcessingException e) {
                    pendingBad = file + ":" + lineNo + ": not a sample line (" + e.getOriginalMessage()
                            + "). The run folder is damaged; re-run or delete that line.";
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

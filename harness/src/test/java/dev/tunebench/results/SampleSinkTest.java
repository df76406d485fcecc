package dev.tunebench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SampleSinkTest {

    @Test
    void aTornLastLineIsDroppedBeforeAppending(@TempDir Path run) throws Exception {
        Path file = run.resolve(SampleSink.FILE_NAME);
        Files.writeString(file, "{\"whole\":1}\n{\"whole\":2}\n{\"torn\":");
        new SampleSink(run).close();
        assertEquals("{\"whole\":1}\n{\"whole\":2}\n", Files.readString(file));
    }

    @Test
    void completeLinesAreLeftAsTheyAre(@TempDir Path run) throws Exception {
        Path file = run.resolve(SampleSink.FILE_NAME);
        Files.writeString(file, "{\"whole\":1}\n");
        new SampleSink(run).close();
        assertEquals("{\"whole\":1}\n", Files.readString(file));
    }
}

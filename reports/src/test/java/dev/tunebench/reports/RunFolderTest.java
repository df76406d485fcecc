package dev.tunebench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.spi.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    @TempDir
    Path tmp;

    @Test
    void aLastLineCutByACrashIsSkipped() throws Exception {
        Path run = new SyntheticRun(5, "").write(tmp.resolve("run"));
        Files.writeString(run.resolve("samples.jsonl"), "{\"model\": \"base\", \"row\"", StandardOpenOption.APPEND);
        AtomicInteger n = new AtomicInteger();
        RunFolder.open(run).forEachSample(s -> n.incrementAndGet());
        assertEquals(40, n.get());
    }

    @Test
    void aMalformedLineInTheMiddleNamesFileAndLine() throws Exception {
        Path run = new SyntheticRun(5, "").write(tmp.resolve("run"));
        Files.writeString(run.resolve("samples.jsonl"), "oops\n{\"model\": \"base\"}\n", StandardOpenOption.APPEND);
        InputException e = assertThrows(InputException.class, () -> RunFolder.open(run).forEachSample(s -> { }));
        assertTrue(e.getMessage().contains("samples.jsonl:41"), e.getMessage());
    }

    @Test
    void unknownFieldsAndNullsAreTolerated() throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("summary.json"), "{\"suite\": \"s\", \"future_field\": [1], \"comparisons\": null,"
                + " \"results\": [{\"model\": \"m\", \"technique\": \"t\", \"metrics\": {\"accuracy\": {\"value\": null, \"n\": 0}}}]}");
        RunFolder folder = RunFolder.open(run);
        assertEquals(1, folder.summary().cells().size());
        assertEquals(null, folder.summary().cells().get(0).value("accuracy"));
        assertTrue(folder.summary().comparisons().isEmpty());
    }
}

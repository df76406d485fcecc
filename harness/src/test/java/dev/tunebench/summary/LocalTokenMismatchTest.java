package dev.tunebench.summary;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.results.RunManifest;
import dev.tunebench.results.Sample;
import dev.tunebench.results.SampleSink;
import dev.tunebench.run.RunOptions;
import dev.tunebench.run.Shard;
import dev.tunebench.run.SuitePlanner;
import dev.tunebench.suite.SuiteLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Local token counts more than 5% off the server's usage are flagged in the cell and listed in the summary's warnings. */
class LocalTokenMismatchTest {
    private static final Path ROOT = Path.of(System.getProperty("tunebench.root", "..")).toAbsolutePath().normalize();

    private static JsonNode summary(Path run, int localPrompt) {
        try (SampleSink sink = new SampleSink(run)) {
            for (int row = 0; row < 4; row++) {
                sink.write(new Sample("base", "as-is", row, "t:" + row, 0, "p", "", "a", "a", "a", Map.of(), null, null, null, null,
                        100, 10, "eos", 1.0, 2.0, 0.5, null, null, localPrompt, 10, null, null));
            }
        }
        RunManifest m = SuitePlanner.manifest(SuiteLoader.load(ROOT.resolve("suites/demo/triage.yaml")),
                new RunOptions(List.of("base"), List.of("as-is"), 4, Shard.ALL, false), "test", "test", Instant.EPOCH);
        return SummaryBuilder.build(run, m.finished(Instant.EPOCH.toString(), true, List.of(), m.runner(), m.models()));
    }

    @Test
    void countsFivePercentApartOrLessAreNoWarning(@TempDir Path run) {
        JsonNode s = summary(run, 105);
        assertFalse(s.at("/results/0/local_tokens/mismatch").asBoolean());
        assertEquals(0, s.get("warnings").size());
    }

    @Test
    void countsFurtherApartAreFlaggedAndListed(@TempDir Path run) {
        JsonNode s = summary(run, 112);
        assertTrue(s.at("/results/0/local_tokens/mismatch").asBoolean());
        assertEquals("base / as-is: local token counts differ from the server's usage by 12.0% (prompt) and 0.0% (completion),"
                + " over the 5% threshold: the tokenizer: folder or its chat template does not match the served model",
                s.get("warnings").get(0).asText());
    }
}

package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `--resume` continues a run folder: done samples are kept and skipped, the rest are added once. */
class ResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void resumedRunAddsOnlyTheMissingSamples(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        String suite = Cli.demo().resolve("triage.yaml").toString();
        Cli first = Cli.run("run", suite, "--out", run.toString(), "--no-report", "--models", "ckpt-epoch-4",
                "--techniques", "as-is", "--limit", "4");
        assertEquals(0, first.exitCode(), first.err());
        Cli second = Cli.run("run", suite, "--out", run.toString(), "--no-report", "--models", "ckpt-epoch-4",
                "--techniques", "as-is", "--limit", "10", "--resume");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.err().contains("6 samples to run"), second.err());
        assertEquals(1, Files.readAllLines(run.resolve("validation.jsonl")).size(),
                "the validation loss the first run computed is not computed again");
        List<String> lines = Files.readAllLines(run.resolve("samples.jsonl"));
        Set<Integer> rows = new HashSet<>();
        for (String line : lines) {
            rows.add(JSON.readTree(line).get("row").asInt());
        }
        assertEquals(10, lines.size());
        assertEquals(10, rows.size(), "no row twice");
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertEquals(10, summary.get("results").get(0).get("n").asInt());
    }
}

package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing a run reports depends on its number of workers: the demo suite with one worker and with three
 * gives the same samples in the same order, the same quality figures and validation losses; a parallel
 * run killed with SIGKILL and resumed ends with each sample once and the same figures.
 */
class WorkersEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields measured with a clock: they differ between any two runs. */
    private static final List<String> TIMED = List.of("latency", "ttft", "tpot", "throughput", "per_s");

    @TempDir
    static Path tmp;
    static Path suite;
    static Path reference;

    @BeforeAll
    static void runWithOneWorker() throws IOException {
        suite = Cli.demo().resolve("triage.yaml");
        reference = tmp.resolve("one-worker");
        Cli r = run(reference, "--workers", "1");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void threeWorkersGiveTheSameSamplesAndFiguresAsOne() throws IOException {
        Path parallel = tmp.resolve("three-workers");
        Cli r = run(parallel, "--workers", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("3 workers share its runner"), r.err());

        assertEquals(untimedLines(reference), untimedLines(parallel), "samples.jsonl, line by line");
        assertEquals(quality(reference), quality(parallel));
        assertEquals(Files.readAllLines(reference.resolve("validation.jsonl")),
                Files.readAllLines(parallel.resolve("validation.jsonl")), "validation losses to the last digit");
        JsonNode models = JSON.readTree(parallel.resolve("manifest.json").toFile()).get("models");
        models.forEach(m -> assertEquals(3, m.get("workers").asInt(), m.toString()));
    }

    @Test
    void aKilledParallelRunResumedEqualsAnUninterruptedOne() throws Exception {
        Path killed = tmp.resolve("killed");
        List<String> args = new ArrayList<>(List.of("run", suite.toString(), "--out", killed.toString()));
        args.addAll(narrowing());
        args.addAll(List.of("--workers", "2", "--no-report"));
        JavaProcess child = JavaProcess.start(tmp.resolve("child"), Map.of(), args.toArray(String[]::new));
        Path samples = killed.resolve("samples.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lineCount(samples) < 200 && child.process().isAlive() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        child.process().destroyForcibly().waitFor();
        int before = lineCount(samples);
        int total = untimedLines(reference).size();
        assertTrue(before < total, "the kill came before the end (" + before + " of " + total + " samples)");

        Cli resumed = run(killed, "--workers", "2", "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(new TreeMap<>(keyed(reference)), new TreeMap<>(keyed(killed)), "every sample once, as uninterrupted");
        assertEquals(quality(reference), quality(killed));
    }

    private static Cli run(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", suite.toString(), "--out", out.toString(), "--no-report"));
        args.addAll(narrowing());
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static List<String> narrowing() {
        return List.of("--models", "base,ckpt-epoch-4", "--limit", "120", "--no-perf");
    }

    private static int lineCount(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var lines = Files.lines(file)) {
            return (int) lines.count();
        }
    }

    private static List<JsonNode> untimedLines(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("samples.jsonl"))) {
            out.add(untimed(JSON.readTree(line)));
        }
        return out;
    }

    private static Map<String, JsonNode> keyed(Path run) throws IOException {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode s : untimedLines(run)) {
            String key = s.get("model").asText() + "/" + s.get("technique").asText() + "/" + s.get("row").asInt();
            assertTrue(out.put(key, s) == null, "sample " + key + " twice");
        }
        return out;
    }

    /** summary.json without the clock's figures; comparisons of timed metrics and their Holm family left out. */
    private static JsonNode quality(Path run) throws IOException {
        ObjectNode summary = (ObjectNode) JSON.readTree(run.resolve("summary.json").toFile());
        ArrayNode comparisons = JSON.createArrayNode();
        for (JsonNode c : summary.get("comparisons")) {
            if (!timed(c.get("metric").asText())) {
                ObjectNode kept = c.deepCopy();
                kept.remove("p_adjusted");
                comparisons.add(kept);
            }
        }
        summary.set("comparisons", comparisons);
        assertTrue(comparisons.size() > 0);
        return untimed(summary);
    }

    private static JsonNode untimed(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = node.deepCopy();
            for (Iterator<String> it = copy.fieldNames(); it.hasNext(); ) {
                if (timed(it.next())) {
                    it.remove();
                }
            }
            copy.fieldNames().forEachRemaining(f -> copy.set(f, untimed(copy.get(f))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(n -> copy.add(untimed(n)));
            return copy;
        }
        return node;
    }

    private static boolean timed(String name) {
        return TIMED.stream().anyMatch(name::contains);
    }
}

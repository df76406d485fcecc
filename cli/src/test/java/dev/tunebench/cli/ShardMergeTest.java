package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `run --shard i/3` three times, then `merge`, gives the unsharded run's summary; bad shard sets are refused. */
class ShardMergeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SUBSET = {"--limit", "40", "--models", "base,ckpt-epoch-4", "--no-report"};

    @TempDir
    static Path tmp;

    @BeforeAll
    static void runWholeAndShards() {
        run(tmp.resolve("whole"));
        for (int i = 1; i <= 3; i++) {
            run(tmp.resolve("shard-" + i), "--shard", i + "/3");
        }
    }

    private static void run(Path out, String... more) {
        String[] args = Stream.of(new String[]{"run", Cli.demo().resolve("triage.yaml").toString(), "--out", out.toString()},
                SUBSET, more).flatMap(Stream::of).toArray(String[]::new);
        Cli result = Cli.run(args);
        assertEquals(0, result.exitCode(), result.err());
    }

    private static String shard(int i) {
        return tmp.resolve("shard-" + i).toString();
    }

    @Test
    void mergedShardsEqualTheUnshardedRun() throws Exception {
        long whole = Files.lines(tmp.resolve("whole/samples.jsonl")).count();
        long sum = 0;
        for (int i = 1; i <= 3; i++) {
            long n = Files.lines(tmp.resolve("shard-" + i + "/samples.jsonl")).count();
            assertTrue(n > 0 && n < whole, "shard " + i + " does part of the work: " + n);
            sum += n;
        }
        assertEquals(whole, sum);
        Path merged = tmp.resolve("merged");
        Cli result = Cli.run("merge", shard(2), shard(3), shard(1), "--out", merged.toString());
        assertEquals(0, result.exitCode(), result.err());
        List<String> differences = new ArrayList<>();
        diff(quality(tmp.resolve("whole/summary.json")), quality(merged.resolve("summary.json")), "", differences);
        assertEquals(List.of(), differences);
        JsonNode manifest = JSON.readTree(merged.resolve("manifest.json").toFile());
        assertEquals("1/1", manifest.path("settings").path("shard").asText());
        assertTrue(manifest.path("complete").asBoolean());
    }

    /**
     * summary.json without timings: latency, ttft, tpot, throughput and perf differ between any two runs;
     * Holm's adjusted p-values and verdicts depend on every p-value of the run, the latency ones included.
     */
    private static JsonNode quality(Path summary) throws Exception {
        ObjectNode s = (ObjectNode) JSON.readTree(summary.toFile());
        for (JsonNode r : s.get("results")) {
            Iterator<String> names = r.get("metrics").fieldNames();
            List<String> timing = Stream.iterate(names, Iterator::hasNext, it -> it).map(Iterator::next)
                    .filter(m -> m.startsWith("latency") || m.startsWith("ttft") || m.startsWith("tpot") || m.endsWith("_per_s"))
                    .toList();
            ((ObjectNode) r.get("metrics")).remove(timing);
        }
        ArrayNode comparisons = JSON.createArrayNode();
        for (JsonNode c : s.get("comparisons")) {
            if (!c.get("metric").asText().startsWith("latency")) {
                comparisons.add(((ObjectNode) c.deepCopy()).without(List.of("p_adjusted", "verdict")));
            }
        }
        s.set("comparisons", comparisons);
        s.remove("perf");
        for (JsonNode c : s.path("economics").path("cells")) {
            ((ObjectNode) c).remove(List.of("latency_ms_p50_saved", "latency_ms_p95_saved"));
        }
        assertTrue(s.has("data_overlap") && s.has("jobs") && s.has("economics"), "the fine-tune blocks survive a merge");
        assertTrue(comparisons.size() > 0 && s.get("results").size() == 12 && s.get("checkpoints").size() == 2, s.toString());
        return s;
    }

    /** The JSON paths where two trees differ, with both values, so a failure names what differs. */
    private static void diff(JsonNode a, JsonNode b, String path, List<String> out) {
        if (a.isContainerNode() && b.isContainerNode() && a.size() == b.size() && a.isArray() == b.isArray()) {
            if (a.isArray()) {
                for (int i = 0; i < a.size(); i++) {
                    diff(a.get(i), b.get(i), path + "[" + i + "]", out);
                }
            } else {
                a.fieldNames().forEachRemaining(f -> diff(a.get(f), b.path(f), path + "." + f, out));
            }
        } else if (!a.equals(b)) {
            out.add(path + ": " + a + " vs " + b);
        }
    }

    @Test
    void aMissingShardIsAnError() {
        Cli result = Cli.run("merge", shard(1), shard(3), "--out", tmp.resolve("m-missing").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("missing shard 2/3"), result.err());
    }

    @Test
    void aShardGivenTwiceIsAnError() {
        Cli result = Cli.run("merge", shard(1), shard(2), shard(2), shard(3), "--out", tmp.resolve("m-twice").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("shard 2/3 given twice"), result.err());
    }

    @Test
    void overlappingSamplesAreAnError() throws Exception {
        Path copy = copyOf(shard(2), "shard-2-overlap");
        String stolen = Files.readAllLines(Path.of(shard(1), "samples.jsonl")).get(0);
        Files.writeString(copy.resolve("samples.jsonl"), stolen + "\n", StandardOpenOption.APPEND);
        Cli result = Cli.run("merge", shard(1), copy.toString(), shard(3), "--out", tmp.resolve("m-overlap").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("overlapping shards"), result.err());
    }

    @Test
    void shardsOfDifferentRunsAreAnError() throws Exception {
        Path copy = copyOf(shard(3), "shard-3-other");
        Path manifest = copy.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"limit\" : 40", "\"limit\" : 41"));
        Cli result = Cli.run("merge", shard(1), shard(2), copy.toString(), "--out", tmp.resolve("m-other").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("shards of different runs: --limit differ"), result.err());
    }

    private static Path copyOf(String dir, String name) throws Exception {
        Path copy = Files.createDirectories(tmp.resolve(name));
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }
}

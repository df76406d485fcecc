package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.results.Json;
import dev.tunebench.results.Sample;
import dev.tunebench.results.SampleReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store through the real CLI on the demo models: a second run served from the completion cache, the
 * history, the trend section, {@code gate --baseline last-go}, the cache commands, a damaged store file and
 * two runs writing one store at once. Every store is a file in a temporary folder.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreEndToEndTest {
    private static final String LIMIT = "4";
    @TempDir
    static Path tmp;
    static Path suite;
    static Path blessedSuite;
    static Path db;

    /** The demo suite without its perf section, with a gate that passes, beside the demo data and two of its models. */
    @BeforeAll
    static void suites() throws Exception {
        Path dir = tmp.resolve("suite");
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve("data"), Cli.demo().resolve("data"));
        Files.createSymbolicLink(dir.resolve("jobs"), Cli.demo().resolve("jobs"));
        for (String model : List.of("base", "ckpt-epoch-4")) {
            Path to = Files.createDirectories(dir.resolve("models").resolve(model));
            try (var files = Files.list(Cli.demo().resolve("models").resolve(model))) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        String triage = Files.readString(Cli.demo().resolve("triage.yaml"));
        String head = triage.substring(0, triage.indexOf("\ngates:"));
        suite = dir.resolve("nightly.yaml");
        Files.writeString(suite, head + "\ngates:\n  - \"ckpt-epoch-4/as-is prompt_tokens_mean >= 1\"\n");
        blessedSuite = dir.resolve("nightly-blessed.yaml");
        Files.writeString(blessedSuite, head + "\ngates:\n  - {model: ckpt-epoch-4, technique: as-is, metric: accuracy,"
                + " against: blessed, test: no_regression, on_inconclusive: pass}\n");
        db = tmp.resolve("store/tunebench.db");
    }

    private static Cli run(String out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", suite.toString(), "--out", tmp.resolve(out).toString(),
                "--models", "base,ckpt-epoch-4", "--techniques", "as-is", "--limit", LIMIT, "--no-report"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static List<Sample> samples(String out) {
        List<Sample> samples = new ArrayList<>();
        SampleReader.forEach(tmp.resolve(out), samples::add);
        return samples;
    }

    private static JsonNode summary(String out) throws Exception {
        return Json.MAPPER.readTree(tmp.resolve(out).resolve("summary.json").toFile());
    }

    @Test
    @Order(1)
    void theSecondRunTakesEveryCompletionFromTheCacheAndLeavesItOutOfLatency() throws Exception {
        Cli first = run("r1", "--store", db.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(samples("r1").stream().noneMatch(Sample::fromCache));
        assertFalse(Files.exists(tmp.resolve("r1/trend.json")), "no earlier run: no trend");

        Cli second = Cli.run("run", suite.toString(), "--out", tmp.resolve("r2").toString(), "--models",
                "base,ckpt-epoch-4", "--techniques", "as-is", "--limit", LIMIT, "--store", db.toString());
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.err().contains("8 samples from the completion cache"), second.err());
        List<Sample> a = samples("r1");
        List<Sample> b = samples("r2");
        assertEquals(8, b.size());
        assertTrue(b.stream().allMatch(Sample::fromCache));
        for (Sample s : b) {
            Sample original = a.stream().filter(x -> x.key().equals(s.key())).findFirst().orElseThrow();
            assertEquals(original.completion(), s.completion());
            assertEquals(original.prompt(), s.prompt());
            assertEquals(original.accuracy(), s.accuracy());
            assertEquals(original.latencyMs(), s.latencyMs(), "the timings of the request that made it");
        }
        for (JsonNode r : summary("r2").get("results")) {
            assertEquals(4, r.get("cached").asInt());
            assertTrue(r.get("metrics").path("latency_ms_mean").isMissingNode(), "cached samples are not latency samples");
            assertTrue(r.get("metrics").path("output_tokens_per_s").isMissingNode(), "no throughput without timed samples");
            assertEquals(0.0, r.get("metrics").get("spend").get("value").asDouble(), "a cached answer costs nothing this time");
            assertFalse(r.get("metrics").get("accuracy").get("value").isNull());
        }
        for (JsonNode r : summary("r1").get("results")) {
            assertNull(r.get("cached"));
            assertTrue(r.get("metrics").get("latency_ms_mean").get("value").isNumber());
            assertTrue(r.get("metrics").get("spend").get("value").asDouble() > 0, "the first run paid for its answers");
        }
        JsonNode trend = Json.MAPPER.readTree(tmp.resolve("r2/trend.json").toFile());
        assertEquals(2, trend.get("runs").size());
        assertTrue(trend.get("runs").get(1).get("current").asBoolean());
        String report = Files.readString(tmp.resolve("r2/report.html"));
        assertTrue(report.contains("id=\"trend\""), "the report has a trend section");
    }

    @Test
    @Order(2)
    void historyShowsEachCellAcrossRunsWithAPairedTest() throws Exception {
        Cli table = Cli.run("history", "triage", "--store", db.toString());
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("ckpt-epoch-4"), table.out());
        assertTrue(table.out().contains("mcnemar-exact"), table.out());

        Cli json = Cli.run("history", "triage", "--store", db.toString(), "--model", "ckpt-epoch-4", "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode rows = Json.MAPPER.readTree(json.out()).get("rows");
        assertEquals(2, rows.size());
        assertTrue(rows.get(0).get("change").isNull());
        assertEquals(0.0, rows.get(1).get("change").asDouble(), 1e-12);
        assertEquals("mcnemar-exact", rows.get(1).get("test").asText());
        assertEquals(1.0, rows.get(1).get("p").asDouble(), 1e-12, "identical rows: nothing discordant");
        assertFalse(rows.get(1).get("significant").asBoolean());

        Cli last = Cli.run("history", "triage", "--store", db.toString(), "--last", "1", "--json");
        assertEquals(2, Json.MAPPER.readTree(last.out()).get("rows").size(), "one run, two models");

        Cli unknown = Cli.run("history", "no-such-suite", "--store", db.toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no run of a suite named 'no-such-suite'"), unknown.err());
        Cli badMetric = Cli.run("history", "triage", "--store", db.toString(), "--metric", "acuracy");
        assertEquals(2, badMetric.exitCode());
        assertTrue(badMetric.err().contains("acuracy"), badMetric.err());
        Cli off = Cli.run("history", "triage", "--no-store");
        assertEquals(2, off.exitCode());
        assertTrue(off.err().contains("--store PATH"), off.err());
    }

    @Test
    @Order(3)
    void gateComparesWithTheLastGreenRunFromTheStore() throws Exception {
        Cli none = Cli.run("gate", tmp.resolve("r2").toString(), "--suite", blessedSuite.toString(), "--baseline",
                "last-go", "--store", db.toString());
        assertEquals(2, none.exitCode(), none.out() + none.err());
        assertTrue(none.err().contains("passed its gate"), none.err());

        Cli green = Cli.run("gate", tmp.resolve("r1").toString(), "--suite", suite.toString(), "--store", db.toString());
        assertEquals(0, green.exitCode(), green.out() + green.err());

        Cli lastGo = Cli.run("gate", tmp.resolve("r2").toString(), "--suite", blessedSuite.toString(), "--baseline",
                "last-go", "--store", db.toString());
        assertEquals(0, lastGo.exitCode(), lastGo.out() + lastGo.err());
        assertTrue(lastGo.err().contains(tmp.resolve("r1").toString()), lastGo.err());
        JsonNode gate = Json.MAPPER.readTree(tmp.resolve("r2/gate.json").toFile());
        assertTrue(gate.toString().contains("last-go"), gate.toString());

        Cli history = Cli.run("history", "triage", "--store", db.toString(), "--json");
        JsonNode rows = Json.MAPPER.readTree(history.out()).get("rows");
        assertEquals("go", rows.get(0).get("gate").asText());
        assertEquals("go", rows.get(3).get("gate").asText());
    }

    @Test
    @Order(4)
    void cacheFlagsAndCommands() throws Exception {
        Cli noCache = run("r3", "--store", db.toString(), "--no-cache");
        assertEquals(0, noCache.exitCode(), noCache.err());
        assertTrue(samples("r3").stream().noneMatch(Sample::fromCache));
        Cli refresh = run("r4", "--store", db.toString(), "--refresh-cache");
        assertEquals(0, refresh.exitCode(), refresh.err());
        assertTrue(samples("r4").stream().noneMatch(Sample::fromCache));
        Cli both = run("r5", "--store", db.toString(), "--refresh-cache", "--no-cache");
        assertEquals(2, both.exitCode());
        Cli contradict = run("r6", "--store", db.toString(), "--no-store");
        assertEquals(2, contradict.exitCode());

        Cli stats = Cli.run("cache", "stats", "--store", db.toString());
        assertEquals(0, stats.exitCode(), stats.err());
        assertTrue(stats.out().contains("completions:  8 "), stats.out());
        Cli prune = Cli.run("cache", "prune", "--older-than", "30d", "--store", db.toString());
        assertEquals(0, prune.exitCode(), prune.err());
        assertTrue(prune.out().contains("removed 0 completions"), prune.out());
        Cli badAge = Cli.run("cache", "prune", "--older-than", "30 days", "--store", db.toString());
        assertEquals(2, badAge.exitCode());
        assertTrue(badAge.err().contains("e.g. 30d"), badAge.err());
        Cli clear = Cli.run("cache", "clear", "--store", db.toString());
        assertEquals(0, clear.exitCode(), clear.err());
        assertTrue(clear.out().contains("removed 8 completions"), clear.out());
        Cli afterClear = Cli.run("history", "triage", "--store", db.toString(), "--json");
        assertEquals(0, afterClear.exitCode(), "clearing the cache keeps the history");
    }

    @Test
    @Order(5)
    void aDamagedStoreIsSetAsideAndTheRunGoesOn() throws Exception {
        Path bad = tmp.resolve("bad/tunebench.db");
        Files.createDirectories(bad.getParent());
        Files.write(bad, new byte[8192]);
        Files.writeString(bad, "garbage where a database was; ".repeat(200));
        Cli r = run("r7", "--store", bad.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("damaged or not a SQLite database"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        try (var files = Files.list(bad.getParent())) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("tunebench.db.corrupt-")));
        }
        assertEquals(8, samples("r7").size());

        Path notAFolder = tmp.resolve("bad/file");
        Files.writeString(notAFolder, "");
        Cli unusable = run("r8", "--store", notAFolder.resolve("tunebench.db").toString());
        assertEquals(0, unusable.exitCode(), unusable.err());
        assertTrue(unusable.err().contains("goes on without the store"), unusable.err());
    }

    @Test
    @Order(6)
    void twoRunsWriteOneStoreAtOnce() throws Exception {
        Path shared = tmp.resolve("shared/tunebench.db");
        List<JavaProcess> runs = new ArrayList<>();
        for (String out : List.of("p1", "p2")) {
            runs.add(JavaProcess.start(tmp.resolve("logs"), Map.of(), "run", suite.toString(), "--out",
                    tmp.resolve(out).toString(), "--models", "base,ckpt-epoch-4", "--techniques", "as-is", "--limit", LIMIT,
                    "--no-report", "--store", shared.toString()));
        }
        for (JavaProcess p : runs) {
            assertEquals(0, p.waitFor(300), p.stderr());
            assertFalse(p.stderr().contains("WARNING"), p.stderr());
        }
        Cli history = Cli.run("history", "triage", "--store", shared.toString(), "--json");
        assertEquals(4, Json.MAPPER.readTree(history.out()).get("rows").size(), history.err());
        Cli stats = Cli.run("cache", "stats", "--store", shared.toString());
        assertTrue(stats.out().contains("completions:  8 "), stats.out());
    }

    @Test
    @Order(7)
    void aDryRunTakesCompletionLengthsFromTheSuitesLatestRunInTheStore() {
        List<String> common = List.of("run", suite.toString(), "--models", "base,ckpt-epoch-4", "--techniques", "as-is",
                "--limit", LIMIT, "--dry-run");
        List<String> fromStore = new ArrayList<>(common);
        fromStore.addAll(List.of("--store", db.toString()));
        Cli remembered = Cli.run(fromStore.toArray(String[]::new));
        assertEquals(0, remembered.exitCode(), remembered.err());
        assertTrue(remembered.out().contains("(mean) completion tokens are the mean each model produced in the latest run of"
                + " suite triage in the store ("), remembered.out());
        List<String> fromRun = new ArrayList<>(common);
        fromRun.addAll(List.of("--from", tmp.resolve("r1").toString(), "--no-store"));
        Cli folder = Cli.run(fromRun.toArray(String[]::new));
        assertEquals(0, folder.exitCode(), folder.err());
        // Greedy answers: every run of these cells produced the same completions, so the figures agree line by line.
        assertEquals(modelLines(folder.out()), modelLines(remembered.out()));
        assertTrue(modelLines(remembered.out()).stream().allMatch(l -> l.contains("(mean)")), remembered.out());

        List<String> none = new ArrayList<>(common);
        none.add("--no-store");
        Cli most = Cli.run(none.toArray(String[]::new));
        assertTrue(modelLines(most.out()).stream().allMatch(l -> l.contains("(max)")), most.out());
    }

    private static List<String> modelLines(String out) {
        return out.lines().filter(l -> l.startsWith("base ") || l.startsWith("ckpt-epoch-4 ")).toList();
    }
}

package dev.tunebench.store;

import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.LocalCounts;
import dev.tunebench.spi.Timings;
import dev.tunebench.spi.ToolCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store on a real SQLite file in a temporary folder. */
class SqliteStoreTest {

    static Generation generation(String text) {
        return new Generation("<prompt>", text, new int[]{5, 6}, 12, 2, FinishReason.EOS,
                new Timings(1_000_000, new long[]{3_000_000, 4_000_000}, 5_000_000),
                List.of(new ToolCall(null, "lookup", "{\"id\":1}")), new LocalCounts(11, 3));
    }

    @Test
    void aCompletionComesBackWithItsTimingsAndCounts(@TempDir Path dir) {
        List<String> warnings = new ArrayList<>();
        try (SqliteStore store = SqliteStore.open(dir.resolve("a/b/tunebench.db"), warnings::add)) {
            CompletionCache cache = store.completions();
            assertTrue(cache.find("k").isEmpty());
            cache.put("k", "base", generation("hello"));
            Generation g = cache.find("k").orElseThrow();
            assertEquals("hello", g.text());
            assertEquals("<prompt>", g.renderedPrompt());
            assertArrayEquals(new int[]{5, 6}, g.completionIds());
            assertEquals(12, g.promptTokens());
            assertEquals(2, g.completionTokens());
            assertEquals(FinishReason.EOS, g.finishReason());
            assertEquals(2.0, g.timings().ttftMs(), 1e-9);
            assertEquals(4.0, g.timings().latencyMs(), 1e-9);
            assertEquals(1.0, g.timings().tpotMs(), 1e-9);
            assertEquals(List.of(new ToolCall(null, "lookup", "{\"id\":1}")), g.toolCalls());
            assertEquals(new LocalCounts(11, 3), g.localCounts());
            assertTrue(cache.refreshing().find("k").isEmpty(), "--refresh-cache finds nothing");
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFileThatIsNotADatabaseIsSetAsideAndANewStoreStarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tunebench.db");
        Files.writeString(file, "this is not a SQLite database, but something a broken disk left behind ".repeat(100));
        List<String> warnings = new ArrayList<>();
        try (SqliteStore store = SqliteStore.open(file, warnings::add)) {
            store.completions().put("k", "m", generation("x"));
            assertEquals("x", store.completions().find("k").orElseThrow().text());
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("damaged or not a SQLite database"), warnings.get(0));
        try (var files = Files.list(dir)) {
            List<Path> aside = files.filter(p -> p.getFileName().toString().startsWith("tunebench.db.corrupt-")).toList();
            assertEquals(1, aside.size());
            assertTrue(Files.readString(aside.get(0)).startsWith("this is not a SQLite database"), "kept for inspection");
        }
    }

    @Test
    void aStoreWrittenByANewerVersionIsLeftAloneWithAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tunebench.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(file, w -> { }));
        assertTrue(e.getMessage().contains("newer tunebench"), e.getMessage());
        assertTrue(e.getMessage().contains("--no-store"), e.getMessage());
    }

    @Test
    void aStoreInAFolderThatCannotBeCreatedIsAnInputError(@TempDir Path dir) throws Exception {
        Path notAFolder = dir.resolve("file");
        Files.writeString(notAFolder, "");
        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(notAFolder.resolve("tunebench.db"), w -> { }));
        assertTrue(e.getMessage().contains("--store PATH"), e.getMessage());
    }

    @Test
    void twoWritersOnOneFileBothSucceed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tunebench.db");
        int perWriter = 300;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<Void>> writers = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                writers.add(pool.submit((Callable<Void>) () -> {
                    // Each writer its own connection, as two tunebench processes have.
                    try (SqliteStore store = SqliteStore.open(file, warnings::add)) {
                        start.await();
                        for (int i = 0; i < perWriter; i++) {
                            store.completions().put(name + i, name, generation(name + i));
                            if (i % 50 == 0) {
                                assertTrue(store.index(new RunRecord("/runs/" + name, "t" + i, "e", "suite", null, null,
                                        null, null, List.of(new CellFigure("m", "t", "accuracy", 0.5, 0.4, 0.6, 10)), null)));
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<Void> w : writers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), warnings);
        try (SqliteStore store = SqliteStore.open(file, warnings::add)) {
            assertEquals(2L * perWriter, store.cacheStats().entries());
            assertEquals(12, store.runs("suite").size());
            for (int i = 0; i < perWriter; i++) {
                assertEquals("a" + i, store.completions().find("a" + i).orElseThrow().text());
                assertEquals("b" + i, store.completions().find("b" + i).orElseThrow().text());
            }
        }
    }

    @Test
    void pruneRemovesEntriesNotUsedSinceTheCutoffAndClearRemovesAll(@TempDir Path dir) {
        Path file = dir.resolve("tunebench.db");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (SqliteStore old = SqliteStore.open(file, w -> { }, Clock.fixed(t0, ZoneOffset.UTC))) {
            old.completions().put("old", "m", generation("o"));
            old.completions().put("reused", "m", generation("r"));
        }
        Instant t1 = t0.plus(Duration.ofDays(40));
        try (SqliteStore later = SqliteStore.open(file, w -> { }, Clock.fixed(t1, ZoneOffset.UTC))) {
            later.completions().find("reused").orElseThrow();
            later.completions().put("new", "n", generation("n"));
            CacheStats stats = later.cacheStats();
            assertEquals(3, stats.entries());
            assertEquals(2L, stats.byRunner().get("m"));
            assertEquals(t0.toEpochMilli(), stats.oldestUseMs());
            assertEquals(1, later.pruneCache(t1.minus(Duration.ofDays(30))));
            assertTrue(later.completions().find("old").isEmpty());
            assertTrue(later.completions().find("reused").isPresent(), "used 0 days ago");
            assertEquals(2, later.clearCache());
            assertEquals(0, later.cacheStats().entries());
            assertNull(later.cacheStats().oldestUseMs());
        }
    }

    @Test
    void runsAreIndexedOncePerFolderAndStartAndTheLastGoIsFound(@TempDir Path dir) {
        try (SqliteStore store = SqliteStore.open(dir.resolve("tunebench.db"), w -> { })) {
            List<CellFigure> cells = List.of(new CellFigure("m", "t", "accuracy", 0.5, 0.4, 0.6, 10),
                    new CellFigure("m", "t", "latency_ms_mean", 3.0, null, null, 10));
            byte[] rows = {1, 2, 3};
            store.index(new RunRecord("/r/nightly", "2026-01-01T00:00:00Z", "e", "s", "h", "d", null, null, cells, rows));
            store.index(new RunRecord("/r/nightly", "2026-01-02T00:00:00Z", "e", "s", "h", "d", "abc", null, cells, rows));
            // Indexed again (a resumed run): replaces its figures, keeps one entry.
            store.index(new RunRecord("/r/nightly", "2026-01-02T00:00:00Z", "e2", "s", "h", "d", "abc", null,
                    cells.subList(0, 1), rows));
            List<RunRecord> runs = store.runs("s");
            assertEquals(2, runs.size());
            assertEquals(2, runs.get(0).cells().size());
            assertEquals(List.of(cells.get(0)), runs.get(1).cells());
            assertEquals("e2", runs.get(1).endedAt());
            assertEquals(List.of(), store.runs("other"));

            assertTrue(store.lastGo("s", "/r/nightly", "2026-01-02T00:00:00Z").isEmpty());
            assertTrue(store.recordGate("/r/nightly", "2026-01-01T00:00:00Z", "go"));
            assertTrue(store.recordGate("/r/nightly", "2026-01-02T00:00:00Z", "no-go"));
            assertFalse(store.recordGate("/r/other", "2026-01-02T00:00:00Z", "go"));
            RunRecord go = store.lastGo("s", "/r/x", "2026-01-03T00:00:00Z").orElseThrow();
            assertEquals("2026-01-01T00:00:00Z", go.startedAt());
            assertArrayEquals(rows, go.rows());
            // Indexing again keeps the gate decision.
            store.index(new RunRecord("/r/nightly", "2026-01-01T00:00:00Z", "e", "s", "h", "d", null, null, cells, rows));
            assertEquals("go", store.runs("s").get(0).gate());
        }
    }

    @Test
    void aNewStoreOpenedByFourRunsAtOnceOpensForEachOfThem(@TempDir Path dir) throws Exception {
        // Runs that open a new store at the same moment race to set it up; SQLite answers the loser SQLITE_BUSY at
        // once (no busy wait), which failed about one round in a hundred here before open tried again.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                Path file = dir.resolve("store-" + round + ".db");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Void>> opens = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    opens.add(pool.submit((Callable<Void>) () -> {
                        go.await();
                        try (SqliteStore store = SqliteStore.open(file, w -> { })) {
                            assertTrue(store.completions().find("none").isEmpty());
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<Void> open : opens) {
                    open.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

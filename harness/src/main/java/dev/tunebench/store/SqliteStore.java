package dev.tunebench.store;

import dev.tunebench.spi.Generation;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The store on one SQLite file in WAL mode. Several processes may use one file at once: each write is one
 * short transaction and a writer waits up to {@link #BUSY_TIMEOUT_MS} for another. A file that is not a
 * SQLite database (or is damaged) is moved aside with a warning and a new store is started; a failure in
 * the middle of a run turns the cache off with a warning, never failing the run.
 */
public final class SqliteStore implements AutoCloseable {
    static final int BUSY_TIMEOUT_MS = 30_000;
    private static final DateTimeFormatter ASIDE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path file;
    private final Connection db;
    private final Consumer<String> warn;
    private final Clock clock;
    private boolean broken;

    private SqliteStore(Path file, Connection db, Consumer<String> warn, Clock clock) {
        this.file = file;
        this.db = db;
        this.warn = warn;
        this.clock = clock;
    }

    public static SqliteStore open(Path file, Consumer<String> warn) {
        return open(file, warn, Clock.systemUTC());
    }

    /**
     * Opens (or creates) the store in {@code file}. A damaged file is set aside beside it and reported through
     * {@code warn}; anything else that stops the store from opening is a {@link StoreException} saying what to do.
     */
    public static SqliteStore open(Path file, Consumer<String> warn, Clock clock) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            Path dir = abs.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw unavailable(abs, "cannot create its folder: " + e, e);
        }
        try {
            return connectWhenFree(abs, warn, clock);
        } catch (SQLException e) {
            if (!damaged(e)) {
                throw unavailable(abs, e.getMessage(), e);
            }
            Path aside = abs.resolveSibling(abs.getFileName() + ".corrupt-" + ASIDE.format(clock.instant()));
            try {
                Files.move(abs, aside, StandardCopyOption.REPLACE_EXISTING);
                for (String suffix : List.of("-wal", "-shm")) {
                    Files.deleteIfExists(abs.resolveSibling(abs.getFileName() + suffix));
                }
            } catch (IOException io) {
                throw unavailable(abs, "it is damaged (" + e.getMessage() + ") and cannot be moved aside: " + io, io);
            }
            warn.accept("the store " + abs + " is damaged or not a SQLite database (" + e.getMessage()
                    + "); moved it to " + aside + " and started a new one. Cache and history start empty; run folders "
                    + "keep every result.");
            try {
                return connect(abs, warn, clock);
            } catch (SQLException again) {
                throw unavailable(abs, again.getMessage(), again);
            }
        }
    }

    /**
     * Connects, trying again while another process holds the file locked as it opens it: two runs that open a
     * new store at the same moment race to switch it to WAL and create its tables, and SQLite answers the loser
     * SQLITE_BUSY at once, without waiting in the busy handler. Gives up after {@link #BUSY_TIMEOUT_MS}.
     */
    private static SqliteStore connectWhenFree(Path file, Consumer<String> warn, Clock clock) throws SQLException {
        long deadline = System.nanoTime() + BUSY_TIMEOUT_MS * 1_000_000L;
        for (int attempt = 1; ; attempt++) {
            try {
                return connect(file, warn, clock);
            } catch (SQLException e) {
                if ((e.getErrorCode() & 0xff) != SQLiteErrorCode.SQLITE_BUSY.code || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(Math.min(200, 10L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static StoreException unavailable(Path file, String why, Throwable cause) {
        return new StoreException("cannot use the store " + file + ": " + why + ". Give another file with --store PATH "
                + "(or TUNEBENCH_STORE), or run without it with --no-store.", cause);
    }

    private static boolean damaged(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == SQLiteErrorCode.SQLITE_NOTADB.code || code == SQLiteErrorCode.SQLITE_CORRUPT.code;
    }

    private static SqliteStore connect(Path file, Consumer<String> warn, Clock clock) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        // Writers take the lock when they begin: in WAL mode a reader that later writes could not wait for it.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection c = config.createConnection("jdbc:sqlite:" + file);
        try {
            migrate(c, file);
            return new SqliteStore(file, c, warn, clock);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static void migrate(Connection c, Path file) throws SQLException {
        if (userVersion(c) == Schema.version()) {
            return;
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // Read again inside the write transaction: another process may have migrated meanwhile.
            int at = userVersion(c);
            if (at > Schema.version()) {
                throw new StoreException("the store " + file + " was written by a newer tunebench (schema " + at
                        + ", this one knows " + Schema.version() + "). Update tunebench, or give another file with "
                        + "--store PATH, or run with --no-store.", null);
            }
            for (int v = at; v < Schema.version(); v++) {
                for (String sql : Schema.MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
            }
            s.execute("PRAGMA user_version = " + Schema.version());
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    public Path file() {
        return file;
    }

    /** The completion cache on this store; it turns itself off with a warning if the store fails mid-run. */
    public CompletionCache completions() {
        return new CompletionCache() {
            @Override
            public Optional<Generation> find(String key) {
                return lookUp(key);
            }

            @Override
            public void put(String key, String runner, Generation generation) {
                store(key, runner, generation);
            }
        };
    }

    private synchronized Optional<Generation> lookUp(String key) {
        if (broken) {
            return Optional.empty();
        }
        try {
            String value;
            try (PreparedStatement q = db.prepareStatement("SELECT value FROM completions WHERE key = ?")) {
                q.setString(1, key);
                try (ResultSet r = q.executeQuery()) {
                    value = r.next() ? r.getString(1) : null;
                }
            }
            Generation g = value == null ? null : GenerationCodec.decode(value);
            if (g != null) {
                try (PreparedStatement u = db.prepareStatement("UPDATE completions SET used_ms = ? WHERE key = ?")) {
                    u.setLong(1, clock.millis());
                    u.setString(2, key);
                    u.executeUpdate();
                }
            }
            return Optional.ofNullable(g);
        } catch (SQLException e) {
            failed(e);
            return Optional.empty();
        }
    }

    private synchronized void store(String key, String runner, Generation generation) {
        if (broken) {
            return;
        }
        try (PreparedStatement p = db.prepareStatement("INSERT INTO completions (key, runner, value, created_ms, used_ms)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET runner = excluded.runner,"
                + " value = excluded.value, created_ms = excluded.created_ms, used_ms = excluded.used_ms")) {
            long now = clock.millis();
            p.setString(1, key);
            p.setString(2, runner);
            p.setString(3, GenerationCodec.encode(generation));
            p.setLong(4, now);
            p.setLong(5, now);
            p.executeUpdate();
        } catch (SQLException e) {
            failed(e);
        }
    }

    private void failed(SQLException e) {
        broken = true;
        warn.accept("the store " + file + " failed (" + e.getMessage() + "); the run goes on without the cache. "
                + "Check the disk, or give another file with --store PATH.");
    }

    public synchronized CacheStats cacheStats() {
        try {
            long entries = 0;
            long bytes = 0;
            Long oldest = null;
            Long newest = null;
            try (Statement s = db.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*), coalesce(sum(length(value)), 0), min(used_ms), max(used_ms)"
                         + " FROM completions")) {
                if (r.next()) {
                    entries = r.getLong(1);
                    bytes = r.getLong(2);
                    oldest = nullableLong(r, 3);
                    newest = nullableLong(r, 4);
                }
            }
            Map<String, Long> byRunner = new LinkedHashMap<>();
            try (Statement s = db.createStatement();
                 ResultSet r = s.executeQuery("SELECT runner, count(*) FROM completions GROUP BY runner ORDER BY 2 DESC, 1")) {
                while (r.next()) {
                    byRunner.put(r.getString(1), r.getLong(2));
                }
            }
            int runs;
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM runs")) {
                runs = r.next() ? r.getInt(1) : 0;
            }
            return new CacheStats(file.toString(), fileBytes(), entries, bytes, byRunner,
                    entries == 0 ? null : oldest, entries == 0 ? null : newest, runs);
        } catch (SQLException e) {
            throw unavailable(file, e.getMessage(), e);
        }
    }

    private long fileBytes() {
        long total = 0;
        for (String suffix : List.of("", "-wal")) {
            Path p = file.resolveSibling(file.getFileName() + suffix);
            try {
                total += Files.exists(p) ? Files.size(p) : 0;
            } catch (IOException e) {
                // a size we cannot read is left out of an informational figure
            }
        }
        return total;
    }

    /** Removes completions not used since {@code before}; returns how many. */
    public synchronized int pruneCache(Instant before) {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM completions WHERE used_ms < ?")) {
            p.setLong(1, before.toEpochMilli());
            return p.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(file, e.getMessage(), e);
        }
    }

    /** Removes every completion (the run history stays); returns how many. */
    public synchronized int clearCache() {
        try (Statement s = db.createStatement()) {
            int n = s.executeUpdate("DELETE FROM completions");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            s.execute("VACUUM");
            return n;
        } catch (SQLException e) {
            throw unavailable(file, e.getMessage(), e);
        }
    }

    /**
     * Indexes a run (again: a resumed run replaces its figures, and keeps its gate unless {@code run} has one).
     * Returns false, with a warning, when the store failed.
     */
    public synchronized boolean index(RunRecord run) {
        if (broken) {
            return false;
        }
        try {
            db.setAutoCommit(false);
            try {
                Long id = runId(run.runDir(), run.startedAt());
                if (id == null) {
                    try (PreparedStatement p = db.prepareStatement("INSERT INTO runs (run_dir, started_at, suite, indexed_ms)"
                            + " VALUES (?, ?, ?, ?)")) {
                        p.setString(1, run.runDir());
                        p.setString(2, run.startedAt());
                        p.setString(3, run.suite());
                        p.setLong(4, clock.millis());
                        p.executeUpdate();
                    }
                    id = runId(run.runDir(), run.startedAt());
                }
                try (PreparedStatement p = db.prepareStatement("UPDATE runs SET ended_at = ?, suite = ?, suite_sha256 = ?,"
                        + " data_sha256 = ?, git_commit = ?, gate = coalesce(?, gate), rows = ?, indexed_ms = ? WHERE id = ?")) {
                    p.setString(1, run.endedAt());
                    p.setString(2, run.suite());
                    p.setString(3, run.suiteSha256());
                    p.setString(4, run.dataSha256());
                    p.setString(5, run.gitCommit());
                    p.setString(6, run.gate());
                    p.setBytes(7, run.rows());
                    p.setLong(8, clock.millis());
                    p.setLong(9, id);
                    p.executeUpdate();
                }
                try (PreparedStatement d = db.prepareStatement("DELETE FROM cells WHERE run_id = ?")) {
                    d.setLong(1, id);
                    d.executeUpdate();
                }
                try (PreparedStatement p = db.prepareStatement("INSERT INTO cells (run_id, model, technique, metric, value,"
                        + " ci_low, ci_high, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (CellFigure c : run.cells()) {
                        p.setLong(1, id);
                        p.setString(2, c.model());
                        p.setString(3, c.technique());
                        p.setString(4, c.metric());
                        setDouble(p, 5, c.value());
                        setDouble(p, 6, c.ciLow());
                        setDouble(p, 7, c.ciHigh());
                        if (c.n() == null) {
                            p.setNull(8, Types.INTEGER);
                        } else {
                            p.setInt(8, c.n());
                        }
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
            return true;
        } catch (SQLException e) {
            broken = true;
            warn.accept("the store " + file + " failed (" + e.getMessage() + "); this run is not in the history. "
                    + "Its folder keeps every result.");
            return false;
        }
    }

    private static void setDouble(PreparedStatement p, int at, Double v) throws SQLException {
        if (v == null || !Double.isFinite(v)) {
            p.setNull(at, Types.REAL);
        } else {
            p.setDouble(at, v);
        }
    }

    private static Long nullableLong(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    private static Double nullableDouble(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? null : v;
    }

    private Long runId(String runDir, String startedAt) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT id FROM runs WHERE run_dir = ? AND started_at = ?")) {
            q.setString(1, runDir);
            q.setString(2, startedAt);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }

    /** Records the gate decision of an indexed run; false when the store holds no such run. */
    public synchronized boolean recordGate(String runDir, String startedAt, String gate) {
        try (PreparedStatement p = db.prepareStatement("UPDATE runs SET gate = ? WHERE run_dir = ? AND started_at = ?")) {
            p.setString(1, gate);
            p.setString(2, runDir);
            p.setString(3, startedAt);
            return p.executeUpdate() > 0;
        } catch (SQLException e) {
            throw unavailable(file, e.getMessage(), e);
        }
    }

    /** Every indexed run of a suite, oldest first, with its figures but without its rows. */
    public synchronized List<RunRecord> runs(String suite) {
        try {
            List<RunRecord> out = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement q = db.prepareStatement("SELECT id, run_dir, started_at, ended_at, suite, suite_sha256,"
                    + " data_sha256, git_commit, gate FROM runs WHERE suite = ? ORDER BY started_at, id")) {
                q.setString(1, suite);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                        out.add(new RunRecord(r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                                r.getString(6), r.getString(7), r.getString(8), r.getString(9), List.of(), null));
                    }
                }
            }
            for (int i = 0; i < out.size(); i++) {
                out.set(i, withCells(out.get(i), ids.get(i)));
            }
            return out;
        } catch (SQLException e) {
            throw unavailable(file, e.getMessage(), e);
        }
    }

    private RunRecord withCells(RunRecord run, long id) throws SQLException {
        List<CellFigure> cells = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT model, technique, metric, value, ci_low, ci_high, n"
                + " FROM cells WHERE run_id = ? ORDER BY rowid")) {
            q.setLong(1, id);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    Long n = nullableLong(r, 7);
                    cells.add(new CellFigure(r.getString(1), r.getString(2), r.getString(3), nullableDouble(r, 4),
                            nullableDouble(r, 5), nullableDouble(r, 6), n == null ? null : n.intValue()));
                }
            }
        }
        return new RunRecord(run.runDir(), run.startedAt(), run.endedAt(), run.suite(), run.suiteSha256(),
                run.dataSha256(), run.gitCommit(), run.gate(), cells, run.rows());
    }

    /** The per-row outcomes stored with a run, or null. */
    public synchronized byte[] rows(String runDir, String startedAt) {
        try (PreparedStatement q = db.prepareStatement("SELECT rows FROM runs WHERE run_dir = ? AND started_at = ?")) {
            q.setString(1, runDir);
            q.setString(2, startedAt);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw unavailable(file, e.getMessage(), e);
        }
    }

    /** The latest run of {@code suite} that passed its gate, other than the given one, with its rows. */
    public synchronized Optional<RunRecord> lastGo(String suite, String exceptRunDir, String exceptStartedAt) {
        try (PreparedStatement q = db.prepareStatement("SELECT run_dir, started_at FROM runs WHERE suite = ? AND gate = 'go'"
                + " AND NOT (run_dir = ? AND started_at = ?) ORDER BY started_at DESC, id DESC LIMIT 1")) {
            q.setString(1, suite);
            q.setString(2, exceptRunDir);
            q.setString(3, exceptStartedAt);
            String dir;
            String started;
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                dir = r.getString(1);
                started = r.getString(2);
            }
            return runs(suite).stream().filter(x -> x.runDir().equals(dir) && x.startedAt().equals(started)).findFirst()
                    .map(x -> x.withRows(rows(dir, started)));
        } catch (SQLException e) {
            throw unavailable(file, e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            warn.accept("closing the store " + file + " failed: " + e.getMessage());
        }
    }
}

package dev.tunebench.store;

import java.util.List;

/**
 * The store's schema, one migration per version ({@code PRAGMA user_version} says which ran). Migrations are
 * only ever appended: a store written by this version is read by every later one.
 */
final class Schema {
    private Schema() {
    }

    static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    "CREATE TABLE completions (key TEXT PRIMARY KEY, runner TEXT NOT NULL, value TEXT NOT NULL,"
                            + " created_ms INTEGER NOT NULL, used_ms INTEGER NOT NULL)",
                    "CREATE INDEX completions_used ON completions (used_ms)",
                    "CREATE TABLE runs (id INTEGER PRIMARY KEY, run_dir TEXT NOT NULL, started_at TEXT NOT NULL,"
                            + " ended_at TEXT, suite TEXT NOT NULL, suite_sha256 TEXT, data_sha256 TEXT, git_commit TEXT,"
                            + " gate TEXT, rows BLOB, indexed_ms INTEGER NOT NULL, UNIQUE (run_dir, started_at))",
                    "CREATE INDEX runs_suite ON runs (suite, started_at)",
                    "CREATE TABLE cells (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
                            + " model TEXT NOT NULL, technique TEXT NOT NULL, metric TEXT NOT NULL, value REAL,"
                            + " ci_low REAL, ci_high REAL, n INTEGER, PRIMARY KEY (run_id, model, technique, metric))"));

    static int version() {
        return MIGRATIONS.size();
    }
}

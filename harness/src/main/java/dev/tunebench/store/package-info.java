/**
 * The store: one SQLite file (default {@code ~/.cache/tunebench/tunebench.db}) that holds the completion
 * cache and the run history. It is an index and a cache, never the source of truth: a run folder holds
 * everything about its run, so losing the store loses only speed and history. The engine sees the cache
 * through {@link dev.tunebench.store.CompletionCache} alone and no SQL leaves {@link dev.tunebench.store.SqliteStore}.
 */
package dev.tunebench.store;

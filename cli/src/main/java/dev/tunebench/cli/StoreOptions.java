package dev.tunebench.cli;

import dev.tunebench.spi.InputException;
import dev.tunebench.store.SqliteStore;
import dev.tunebench.store.StoreException;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the store is: {@code --store PATH}, else {@code TUNEBENCH_STORE} ({@code off} for none), else
 * {@code ~/.cache/tunebench/tunebench.db}; {@code --no-store} for none.
 */
final class StoreOptions {
    static final String ENV = "TUNEBENCH_STORE";
    static final String OFF = "off";

    @Option(names = "--store", paramLabel = "PATH",
            description = "The store (completion cache and run history). Default: $TUNEBENCH_STORE, else ~/.cache/tunebench/tunebench.db.")
    Path store;
    @Option(names = "--no-store", description = "Use no store: no cache, nothing added to the history.")
    boolean noStore;

    /** Replaced by tests; the process environment otherwise. */
    Map<String, String> env = System.getenv();

    /** The store file, or null when the run goes without one. */
    Path location() {
        if (noStore && store != null) {
            throw new InputException("--store and --no-store contradict each other; give one.");
        }
        if (noStore) {
            return null;
        }
        if (store != null) {
            return store;
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim().equalsIgnoreCase(OFF) ? null : Path.of(fromEnv.trim());
        }
        return Path.of(System.getProperty("user.home"), ".cache", "tunebench", "tunebench.db");
    }

    /** The store for a run: any problem is a warning and the run goes on without it. Null when there is none. */
    SqliteStore openForRun(PrintWriter err) {
        Path file = location();
        if (file == null) {
            return null;
        }
        try {
            return SqliteStore.open(file, w -> err.println("tunebench: WARNING: " + w));
        } catch (StoreException e) {
            err.println("tunebench: WARNING: " + e.getMessage() + " This run goes on without the store.");
            return null;
        }
    }

    /** The store for a command that needs one ({@code cache}, {@code history}): its absence is an input error. */
    SqliteStore openRequired(PrintWriter err, String what) {
        Path file = location();
        if (file == null) {
            throw new InputException(what + " needs the store, but it is off (--no-store or " + ENV + "=" + OFF
                    + "). Give it with --store PATH.");
        }
        return SqliteStore.open(file, w -> err.println("tunebench: WARNING: " + w));
    }
}

package dev.tunebench.cli;

import dev.tunebench.spi.InputException;
import dev.tunebench.store.CacheStats;
import dev.tunebench.store.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The completion cache in the store: what it holds, dropping old entries, emptying it. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        header = "Inspect and trim the completion cache in the store (see `tunebench run --no-cache/--refresh-cache`).",
        subcommands = {CacheCommand.Stats.class, CacheCommand.Prune.class, CacheCommand.Clear.class,
                picocli.CommandLine.HelpCommand.class})
final class CacheCommand {

    @Command(name = "stats", mixinStandardHelpOptions = true, header = "Print what the completion cache holds.")
    static final class Stats implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Mixin
        StoreOptions storeOptions;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (SqliteStore store = storeOptions.openRequired(spec.commandLine().getErr(), "tunebench cache stats")) {
                CacheStats s = store.cacheStats();
                out.println("store:        " + s.file() + " (" + megabytes(s.fileBytes()) + ")");
                out.println("completions:  " + s.entries() + " (" + megabytes(s.valueBytes()) + " of completions)");
                if (s.oldestUseMs() != null) {
                    out.println("last used:    oldest " + Instant.ofEpochMilli(s.oldestUseMs()) + ", newest "
                            + Instant.ofEpochMilli(s.newestUseMs()));
                }
                for (Map.Entry<String, Long> e : s.byRunner().entrySet()) {
                    out.println("  " + e.getValue() + "\t" + e.getKey());
                }
                out.println("runs in history: " + s.runs());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            header = "Remove completions not used for a while (the run history stays).")
    static final class Prune implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Mixin
        StoreOptions storeOptions;
        @Option(names = "--older-than", required = true, paramLabel = "AGE",
                description = "Remove completions last used longer ago than this: N followed by d (days), h (hours) or w (weeks), e.g. 30d.")
        String olderThan;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            Duration age = parseAge(olderThan);
            try (SqliteStore store = storeOptions.openRequired(spec.commandLine().getErr(), "tunebench cache prune")) {
                int n = store.pruneCache(clock.instant().minus(age));
                spec.commandLine().getOut().println("removed " + n + " completions not used in the last " + olderThan
                        + " from " + store.file());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, header = "Remove every completion (the run history stays).")
    static final class Clear implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Mixin
        StoreOptions storeOptions;

        @Override
        public Integer call() {
            try (SqliteStore store = storeOptions.openRequired(spec.commandLine().getErr(), "tunebench cache clear")) {
                int n = store.clearCache();
                spec.commandLine().getOut().println("removed " + n + " completions from " + store.file());
            }
            return ExitCodes.OK;
        }
    }

    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([hdw])");

    static Duration parseAge(String text) {
        Matcher m = AGE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InputException("--older-than '" + text + "': expected a number and a unit, d (days), h (hours) "
                    + "or w (weeks), e.g. 30d.");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}

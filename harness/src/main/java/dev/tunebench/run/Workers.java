package dev.tunebench.run;

import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.RunnerSettings;

/**
 * How many workers of a suite run share one model's runner. Set ({@code workers:} or {@code --workers}),
 * that many; otherwise the cores left to each worker's intra-op threads: tiny models gain most from
 * several workers, large ones from threads, so a suite that asks for threads gets fewer workers. A kind
 * whose runner cannot be shared (a served endpoint, which has its own concurrency) gets one.
 */
public final class Workers {
    private Workers() {
    }

    public static int resolve(RunnerSettings settings, RunnerFactory factory, int cores) {
        if (!factory.sharedByWorkers()) {
            return 1;
        }
        if (settings.workers() > 0) {
            return settings.workers();
        }
        int threads = settings.intraOpThreads() == 0 ? cores : settings.intraOpThreads();
        return Math.max(1, cores / threads);
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}

package dev.tunebench.spi;

import java.util.Objects;

/**
 * How a runner executes: device ({@code cpu}, {@code cuda} or {@code cuda:N}), intra-op threads
 * (0 = the runtime's default), the largest batch it is handed, the options of its own kind
 * (an endpoint, a model file choice...), which the runner parses and checks itself, and how many
 * workers of a suite run share it (0 = chosen from the machine, see {@code run.Workers}).
 */
public record RunnerSettings(String device, int intraOpThreads, int batchSize, RunnerOptions options, int workers) {
    public RunnerSettings {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(options, "options");
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + intraOpThreads);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0, got " + workers);
        }
    }

    public RunnerSettings(String device, int intraOpThreads, int batchSize, RunnerOptions options) {
        this(device, intraOpThreads, batchSize, options, 0);
    }

    public RunnerSettings(String device, int intraOpThreads, int batchSize) {
        this(device, intraOpThreads, batchSize, RunnerOptions.NONE);
    }

    public RunnerSettings withOptions(RunnerOptions newOptions) {
        return new RunnerSettings(device, intraOpThreads, batchSize, newOptions, workers);
    }

    public RunnerSettings withWorkers(int newWorkers) {
        return new RunnerSettings(device, intraOpThreads, batchSize, options, newWorkers);
    }

    public RunnerSettings withBatchSize(int newBatchSize) {
        return new RunnerSettings(device, intraOpThreads, newBatchSize, options, workers);
    }

    public static RunnerSettings cpu() {
        return new RunnerSettings("cpu", 1, 1);
    }
}

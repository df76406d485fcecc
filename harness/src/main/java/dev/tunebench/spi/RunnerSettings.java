package dev.tunebench.spi;

import java.util.Objects;

/**
 * How a runner executes: device ({@code cpu}, {@code cuda} or {@code cuda:N}), intra-op threads
 * (0 = the runtime's default), the largest batch it is handed, and the options of its own kind
 * (an endpoint, a model file choice...), which the runner parses and checks itself.
 */
public record RunnerSettings(String device, int intraOpThreads, int batchSize, RunnerOptions options) {
    public RunnerSettings {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(options, "options");
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + intraOpThreads);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
    }

    public RunnerSettings(String device, int intraOpThreads, int batchSize) {
        this(device, intraOpThreads, batchSize, RunnerOptions.NONE);
    }

    public RunnerSettings withOptions(RunnerOptions newOptions) {
        return new RunnerSettings(device, intraOpThreads, batchSize, newOptions);
    }

    public static RunnerSettings cpu() {
        return new RunnerSettings("cpu", 1, 1);
    }
}

package dev.tunebench.spi;

import java.util.Objects;

/**
 * How a runner executes: device ({@code cpu}, {@code cuda} or {@code cuda:N}), intra-op threads
 * (0 = the runtime's default) and the largest batch it is handed.
 */
public record RunnerSettings(String device, int intraOpThreads, int batchSize) {
    public RunnerSettings {
        Objects.requireNonNull(device, "device");
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + intraOpThreads);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
    }

    public static RunnerSettings cpu() {
        return new RunnerSettings("cpu", 1, 1);
    }
}

package dev.tunebench.suite;

import dev.tunebench.spi.RunnerSettings;

import java.util.Objects;

/**
 * Runner choice and settings as one layer gives them (suite, model or command line); {@code null}
 * means "not set here".
 */
public record RunnerOverrides(String type, String device, Integer threads, Integer batchSize) {

    public static final RunnerOverrides NONE = new RunnerOverrides(null, null, null, null);

    /** This layer on top of {@code lower}: each field set here wins. */
    public RunnerOverrides over(RunnerOverrides lower) {
        return new RunnerOverrides(
                type != null ? type : lower.type,
                device != null ? device : lower.device,
                threads != null ? threads : lower.threads,
                batchSize != null ? batchSize : lower.batchSize);
    }

    public String resolveType() {
        return Objects.requireNonNullElse(type, Defaults.RUNNER_TYPE);
    }

    /** The settings, with {@link Defaults} for whatever no layer set. */
    public RunnerSettings resolveSettings() {
        return new RunnerSettings(
                Objects.requireNonNullElse(device, Defaults.DEVICE),
                Objects.requireNonNullElse(threads, Defaults.THREADS),
                Objects.requireNonNullElse(batchSize, Defaults.BATCH_SIZE));
    }

    static RunnerOverrides of(String type, RunnerSettings resolved) {
        return new RunnerOverrides(type, resolved.device(), resolved.intraOpThreads(), resolved.batchSize());
    }
}

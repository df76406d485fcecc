package dev.tunebench.suite;

import dev.tunebench.spi.RunnerOptions;
import dev.tunebench.spi.RunnerSettings;

import java.util.Objects;

/**
 * Runner choice and settings as one layer gives them (suite, model or command line); {@code null}
 * means "not set here". {@code options} are the runner kind's own keys, merged key by key.
 */
public record RunnerOverrides(String type, String device, Integer threads, Integer batchSize, RunnerOptions options,
                              Integer workers) {

    public static final RunnerOverrides NONE = new RunnerOverrides(null, null, null, null, RunnerOptions.NONE, null);

    public RunnerOverrides {
        Objects.requireNonNull(options, "options");
    }

    public RunnerOverrides(String type, String device, Integer threads, Integer batchSize, RunnerOptions options) {
        this(type, device, threads, batchSize, options, null);
    }

    public RunnerOverrides(String type, String device, Integer threads, Integer batchSize) {
        this(type, device, threads, batchSize, RunnerOptions.NONE);
    }

    /** This layer on top of {@code lower}: each field set here wins. */
    public RunnerOverrides over(RunnerOverrides lower) {
        return new RunnerOverrides(
                type != null ? type : lower.type,
                device != null ? device : lower.device,
                threads != null ? threads : lower.threads,
                batchSize != null ? batchSize : lower.batchSize,
                lower.options.under(options),
                workers != null ? workers : lower.workers);
    }

    public String resolveType() {
        return Objects.requireNonNullElse(type, Defaults.RUNNER_TYPE);
    }

    /** The settings, with {@link Defaults} for whatever no layer set. */
    public RunnerSettings resolveSettings() {
        return new RunnerSettings(
                Objects.requireNonNullElse(device, Defaults.DEVICE),
                Objects.requireNonNullElse(threads, Defaults.THREADS),
                Objects.requireNonNullElse(batchSize, Defaults.BATCH_SIZE),
                options,
                Objects.requireNonNullElse(workers, 0));
    }

    static RunnerOverrides of(String type, RunnerSettings resolved) {
        return new RunnerOverrides(type, resolved.device(), resolved.intraOpThreads(), resolved.batchSize(), resolved.options(),
                resolved.workers() == 0 ? null : resolved.workers());
    }
}

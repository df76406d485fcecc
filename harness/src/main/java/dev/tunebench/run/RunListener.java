package dev.tunebench.run;

/** Live events of a run (progress bars, logs); files are written elsewhere. Every method defaults to a no-op. */
public interface RunListener {

    default void runStarted(long totalSamples) {
    }

    default void modelStarted(String modelId) {
    }

    default void samplesDone(int count) {
    }

    default void modelFailed(String modelId, String reason) {
    }

    default void validationDone(String modelId, RunOutcome.ValidationLoss loss) {
    }

    /** A model's runner is open: its provenance (versions, file hashes) for the manifest. */
    default void runnerOpened(String modelId, dev.tunebench.spi.RunnerInfo info) {
    }

    /** How many workers share the model's runner (see {@link Workers}). */
    default void workersChosen(String modelId, int workers) {
    }

    /**
     * The model's runner is about to close; {@code info} may hold what only the answers told (a served
     * model's reported name and fingerprint). Comes after {@link #runnerOpened} for the same model.
     */
    default void runnerClosing(String modelId, dev.tunebench.spi.RunnerInfo info) {
    }

    /** The runner cannot compute validation loss (a served chat API), so the model has none. */
    default void validationUnavailable(String modelId) {
    }

    /** What a model's runner is waiting for now (retries in back-off, a rate limit), for the progress line. */
    default void runnerWaiting(String modelId, String status) {
    }

    default void runFinished(boolean complete) {
    }

    RunListener NONE = new RunListener() {
    };
}

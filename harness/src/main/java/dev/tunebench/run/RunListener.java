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

    default void runFinished(boolean complete) {
    }

    RunListener NONE = new RunListener() {
    };
}

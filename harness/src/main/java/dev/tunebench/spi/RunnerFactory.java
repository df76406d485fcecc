package dev.tunebench.spi;

import java.nio.file.Path;

/** Opens runners of one kind; found with {@link java.util.ServiceLoader}, identified by {@link #id()}. */
public interface RunnerFactory {

    /** Unique id, e.g. {@code onnx}. */
    String id();

    /**
     * Whether models of this kind are folders ({@code path:} or {@code glob:} in a suite). A served model
     * has none; its runner reads what it needs (an endpoint, a model name) from {@link RunnerSettings#options()}.
     */
    default boolean needsModelFolder() {
        return true;
    }

    /**
     * Whether one open runner of this kind may be called from several threads at once, so that a suite
     * run's workers share it (weights loaded once). A kind that runs requests concurrently itself (a served
     * endpoint) or keeps per-call state says no and gets one worker.
     */
    default boolean sharedByWorkers() {
        return false;
    }

    /**
     * Whether its runners generate: false for a kind that only looks answers up (a replay of outputs made
     * elsewhere), which a perf section cannot time.
     */
    default boolean generates() {
        return true;
    }

    /**
     * Checks the settings of this kind without opening anything, so a bad key or value fails before a run
     * starts ({@code validate}, and every run). {@code modelDir} is null for a model given without a folder.
     * The default accepts no options of its own.
     */
    default void check(Path modelDir, RunnerSettings settings) {
        settings.options().allowOnly(id());
        if (modelDir == null && needsModelFolder()) {
            throw new InputException("runner type " + id() + " evaluates a model folder; give the model a path: "
                    + "(or a glob: of checkpoint folders).");
        }
    }

    /**
     * Checks what one technique asks of this kind of model, on the prompt it makes of a data row, before a
     * run starts: a limit of the API that no row can meet (e.g. more stop strings than it takes) is an input
     * error naming the technique, not a cell of failures. The default has no such limits.
     */
    default void checkPrompt(String technique, Prompt prompt, GenerationSettings generation) {
    }

    /**
     * Checks what depends on the model's id in the suite, before a run starts (e.g. a file of outputs whose
     * keys name another model). The default has nothing to check.
     */
    default void checkModel(String modelId, Path modelDir, RunnerSettings settings) {
    }

    /**
     * Opens the model in {@code modelDir} (null for a model without a folder). Problems with the folder or the settings are reported as
     * {@link InputException} naming the file and the fix.
     */
    Runner open(Path modelDir, RunnerSettings settings);
}

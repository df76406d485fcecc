package dev.tunebench.spi;

import java.nio.file.Path;

/** Opens runners of one kind; found with {@link java.util.ServiceLoader}, identified by {@link #id()}. */
public interface RunnerFactory {

    /** Unique id, e.g. {@code onnx}. */
    String id();

    /**
     * Opens the model in {@code modelDir}. Problems with the folder or the settings are reported as
     * {@link InputException} naming the file and the fix.
     */
    Runner open(Path modelDir, RunnerSettings settings);
}

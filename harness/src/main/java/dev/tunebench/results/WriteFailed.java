package dev.tunebench.results;

import dev.tunebench.spi.InputException;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A run folder that cannot be written (a full disk, a read-only or vanished folder). Not a model's fault,
 * so the engine stops the whole run instead of failing every model in turn; every line written before stays,
 * and {@code --resume} finishes the run once the folder is writable again. Exit code 2, like other problems
 * with what the user gave.
 */
public final class WriteFailed extends InputException {
    private WriteFailed(String message, Throwable cause) {
        super(message, cause);
    }

    public static WriteFailed of(Path file, IOException e) {
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        Path dir = file.toAbsolutePath().getParent();
        return new WriteFailed("cannot write " + file + " (" + reason + "). What was written before is kept: free "
                + "space or make " + dir + " writable, then finish the run with `tunebench run SUITE --out " + dir
                + " --resume`.", e);
    }
}

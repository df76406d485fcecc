package dev.tunebench.spi;

import java.nio.file.Path;
import java.util.ServiceLoader;

/** Opens sentence-embedding model folders with the {@link Factory} found on the class path. */
public final class TextEmbedders {
    private TextEmbedders() {
    }

    /** Opens embedding models of one folder layout; found with {@link ServiceLoader}. */
    public interface Factory {
        /**
         * Opens the model in {@code folder}, or throws {@link InputException} naming the folder, the missing or
         * malformed file and how to fix it.
         */
        TextEmbedder open(Path folder);
    }

    public static TextEmbedder open(Path folder) {
        for (Factory factory : ServiceLoader.load(Factory.class)) {
            return factory.open(folder);
        }
        throw new InputException("no sentence-embedding runtime on the class path to open " + folder
                + "; run through the tunebench CLI, which includes it.");
    }
}

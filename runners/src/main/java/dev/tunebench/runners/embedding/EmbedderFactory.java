package dev.tunebench.runners.embedding;

import dev.tunebench.spi.TextEmbedder;
import dev.tunebench.spi.TextEmbedders;
import java.nio.file.Path;

/** Opens sentence-transformers ONNX folders for {@code embedding_similarity} scorers. */
public final class EmbedderFactory implements TextEmbedders.Factory {
    @Override
    public TextEmbedder open(Path folder) {
        return SentenceEmbedder.open(folder);
    }
}

package dev.tunebench.spi;

import java.util.List;

/**
 * A sentence-embedding model: one vector per text. Safe to share across threads; lives as long as the
 * process (a scorer holds it for the whole run).
 */
public interface TextEmbedder {

    /** One embedding per text, in order, each of the model's dimension. */
    List<float[]> embed(List<String> texts);
}

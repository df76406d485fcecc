package dev.tunebench.benchmarks;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Encodes rendered prompt text the way the runner does (DJL, no truncation, no padding, no added
 * special tokens: the template already wrote them), for benchmarks that need the ids themselves.
 */
final class PromptIds implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;

    PromptIds(Path modelDir) throws IOException {
        tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(modelDir.resolve("tokenizer.json"))
                .optTruncation(false)
                .optPadding(false)
                .optAddSpecialTokens(false)
                .build();
    }

    long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}

package dev.tunebench.runners.classifier;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.tunebench.runners.onnx.Offline;
import dev.tunebench.spi.InputException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The folder's tokenizer.json through DJL, encoding a text or a text pair the way the model was trained: with
 * the tokenizer's own special tokens and pair template (e.g. BERT's [CLS] a [SEP] b [SEP]) and its type ids.
 * No truncation (DJL otherwise cuts at 512 tokens with only a log line) and no padding (the batch pads).
 */
final class PairTokenizer implements AutoCloseable {
    static {
        // Before HuggingFaceTokenizer initialises: it reads the switches once.
        Offline.ensure();
    }

    /** Token ids and type ids (0 for the first text, 1 for the pair) of one input. */
    record Encoded(long[] ids, long[] typeIds) {
    }

    private final HuggingFaceTokenizer tokenizer;

    private PairTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    static PairTokenizer open(Path tokenizerJson) {
        try {
            return new PairTokenizer(HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optTruncation(false)
                    .optPadding(false)
                    .optAddSpecialTokens(true)
                    .build());
        } catch (IOException | RuntimeException e) {
            throw new InputException("Cannot load tokenizer " + tokenizerJson + " (" + e.getMessage() + "). It "
                    + "must be a Hugging Face tokenizers file; re-save it with a recent transformers version "
                    + "(AutoTokenizer.from_pretrained(...).save_pretrained(<folder>)).", e);
        }
    }

    Encoded encode(TextInput input) {
        Encoding e = input.pair() == null ? tokenizer.encode(input.text()) : tokenizer.encode(input.text(), input.pair());
        return new Encoded(e.getIds(), e.getTypeIds());
    }

    /** The encoded text as the model sees it, special tokens included. */
    String decode(long[] ids) {
        return tokenizer.decode(ids, false);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}

package dev.tunebench.runners.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.spi.InputException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A Hugging Face fast tokenizer (tokenizer.json) through DJL, set up the way a prompt must be encoded:
 * no truncation (DJL otherwise cuts at 512 tokens with only a log line), no padding, and no special
 * tokens added (the chat template already wrote them as text).
 */
final class TextTokenizer implements AutoCloseable {
    static {
        // Before HuggingFaceTokenizer initialises: it reads the switches once.
        Offline.ensure();
    }

    private final Path file;
    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Integer> vocab;
    private final int vocabSize;

    /**
     * Token ids with the UTF-16 span {@code [starts[i], ends[i])} of the encoded text each token came
     * from (usable with {@link String#substring}); a token made of no text has an empty span.
     */
    record Encoded(long[] ids, int[] starts, int[] ends) {
        int length() {
            return ids.length;
        }
    }

    private TextTokenizer(Path file, HuggingFaceTokenizer tokenizer, Map<String, Integer> vocab, int vocabSize) {
        this.file = file;
        this.tokenizer = tokenizer;
        this.vocab = vocab;
        this.vocabSize = vocabSize;
    }

    static TextTokenizer open(Path tokenizerJson) {
        JsonNode json = ModelFolder.readJson(tokenizerJson);
        if (json.isMissingNode()) {
            throw new InputException("No tokenizer file " + tokenizerJson + ". Save the model's fast tokenizer "
                    + "there with AutoTokenizer.from_pretrained(\"<model id>\").save_pretrained(<folder>).");
        }
        Map<String, Integer> vocab = readVocab(json);
        int size = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optTruncation(false)
                    .optPadding(false)
                    .optAddSpecialTokens(false)
                    .build();
            return new TextTokenizer(tokenizerJson, t, vocab, size);
        } catch (IOException | RuntimeException e) {
            throw new InputException("Cannot load tokenizer " + tokenizerJson + " (" + e.getMessage() + "). It "
                    + "must be a Hugging Face tokenizers file; re-save it with a recent transformers version "
                    + "(AutoTokenizer.from_pretrained(...).save_pretrained(<folder>)).", e);
        }
    }

    long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    Encoded encodeWithSpans(String text) {
        Encoding e = tokenizer.encode(text, false, false);
        CharSpan[] spans = e.getCharTokenSpans();
        long[] ids = e.getIds();
        int[] starts = new int[ids.length];
        int[] ends = new int[ids.length];
        CodePointIndex index = new CodePointIndex(text);
        for (int i = 0; i < ids.length; i++) {
            CharSpan s = spans[i];
            // The tokenizer counts Unicode code points; Java strings count UTF-16 units.
            starts[i] = s == null ? 0 : index.utf16(s.getStart());
            ends[i] = s == null ? 0 : index.utf16(s.getEnd());
        }
        return new Encoded(ids, starts, ends);
    }

    /** Text of the ids, special tokens included: what a caller needs to see a stop token. */
    String decode(int[] ids) {
        return decode(ids, false);
    }

    String decode(int[] ids, boolean skipSpecialTokens) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        return tokenizer.decode(longs, skipSpecialTokens);
    }

    /** The id of a vocabulary entry or added token spelled exactly {@code token}, or null. */
    Integer tokenId(String token) {
        return vocab.get(token);
    }

    /** One more than the largest id the tokenizer can produce. */
    int vocabSize() {
        return vocabSize;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /**
     * DJL exposes no token-to-id lookup, so read it from tokenizer.json: added tokens, then the model's
     * vocab (an object for BPE/WordPiece/WordLevel, a list of [piece, score] for Unigram).
     */
    private static Map<String, Integer> readVocab(JsonNode json) {
        Map<String, Integer> vocab = new HashMap<>();
        JsonNode modelVocab = json.path("model").path("vocab");
        if (modelVocab.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = modelVocab.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                vocab.put(e.getKey(), e.getValue().asInt());
            }
        } else if (modelVocab.isArray()) {
            for (int i = 0; i < modelVocab.size(); i++) {
                vocab.put(modelVocab.get(i).path(0).asText(), i);
            }
        }
        for (JsonNode added : json.path("added_tokens")) {
            vocab.put(added.path("content").asText(), added.path("id").asInt());
        }
        return vocab;
    }

    /** Maps code-point offsets to UTF-16 offsets; the identity when the text has no surrogate pairs. */
    private static final class CodePointIndex {
        private final String text;
        private final boolean identity;

        CodePointIndex(String text) {
            this.text = text;
            this.identity = text.codePointCount(0, text.length()) == text.length();
        }

        int utf16(int codePoints) {
            if (identity) {
                return codePoints;
            }
            return text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
        }
    }
}

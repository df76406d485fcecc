package dev.tunebench.spi;

import java.util.List;

/**
 * A rendered prompt as the model receives it: the exact text, its token ids (bos included where the
 * tokenizer adds it) and, per id, the piece of text it stands for (a word can be several tokens; a token
 * the text does not contain, like a prepended bos, shows as the token's own spelling).
 */
public record PromptTokens(String text, int[] ids, List<String> pieces) {
    public PromptTokens {
        ids = ids.clone();
        pieces = List.copyOf(pieces);
        if (ids.length != pieces.size()) {
            throw new IllegalArgumentException(ids.length + " ids but " + pieces.size() + " pieces");
        }
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }
}

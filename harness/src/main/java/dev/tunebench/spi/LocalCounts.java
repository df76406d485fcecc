package dev.tunebench.spi;

/**
 * Token counts of a served model's request made here, with a tokenizer folder the suite named, beside the
 * counts the server reported ({@link Generation#promptTokens()}): the two differ when the server's tokenizer
 * or template differs from the folder's.
 */
public record LocalCounts(int promptTokens, int completionTokens) {
}

package dev.tunebench.spi;

/**
 * Receives the output of one {@link Runner#generate(java.util.List, GenerationSettings, TokenListener)} call
 * while it is decoded, so a server can stream it. {@code index} is the prompt's position in the call. For
 * each prompt, the {@link #onText} pieces joined are its {@link Generation#text()}: a runner never sends
 * text that a stop string later cuts, nor half a character. Called on the generating thread, so
 * implementations must return quickly (hand the piece to another thread, never write to a network).
 */
public interface TokenListener {

    /** More completion text of prompt {@code index}; never empty. */
    void onText(int index, String delta);

    /** Prompt {@code index} is complete, possibly before other prompts of the same call. Called once. */
    void onDone(int index, Generation generation);
}

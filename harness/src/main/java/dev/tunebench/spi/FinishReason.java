package dev.tunebench.spi;

/** Why generation ended. */
public enum FinishReason {
    /** The model produced one of its eos ids (not counted as a completion token). */
    EOS,
    /** A stop string appeared; it and anything after it are cut from the text. */
    STOP_STRING,
    /** {@code max_new_tokens} was reached. */
    LENGTH
}

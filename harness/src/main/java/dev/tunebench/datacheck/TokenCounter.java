package dev.tunebench.datacheck;

import dev.tunebench.spi.Message;

import java.util.List;

/** Counts a conversation's tokens as a model's own tokenizer and chat template make them. */
public interface TokenCounter {

    /** All tokens of the rendered conversation, and those that count for loss (weighted assistant turns). */
    record Counts(int total, int loss) {
    }

    Counts count(List<Message> conversation);

    /** Positions the model accepts; 0 when its config does not say. */
    int contextLength();
}

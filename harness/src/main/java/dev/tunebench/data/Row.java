package dev.tunebench.data;

import dev.tunebench.spi.Message;
import dev.tunebench.spi.Role;

import java.util.List;

/**
 * One evaluation item. {@code conversation} is the whole conversation as in the data, including the
 * final assistant turn that holds the expected answer; {@link #input()} is what a model may see.
 *
 * @param index  0-based position in its file
 * @param rowId  {@code <file name>:<line>} (1-based line), stable across runs
 */
public record Row(int index, String rowId, List<Message> conversation) {
    public Row {
        conversation = List.copyOf(conversation);
        if (conversation.isEmpty() || conversation.get(conversation.size() - 1).role() != Role.ASSISTANT) {
            throw new IllegalArgumentException(rowId + ": the last turn must be the assistant's expected answer");
        }
    }

    /** Every turn but the final assistant answer: the model never sees the expected answer. */
    public List<Message> input() {
        return conversation.subList(0, conversation.size() - 1);
    }

    /** The expected answer: content of the last assistant turn. */
    public String expected() {
        return conversation.get(conversation.size() - 1).content();
    }
}

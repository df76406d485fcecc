package dev.tunebench.datacheck;

import dev.tunebench.spi.Message;

import java.util.List;

/**
 * One well-formed line of a chat fine-tuning file. {@code input} is the text that identifies the example for
 * duplicate checks: every turn but system turns and the last assistant turn (a system prompt shared by every
 * line would make all lines look alike); {@code answer} is the last assistant turn as text.
 */
public record Example(int line, List<Message> messages, String input, String answer) {
    public Example {
        messages = List.copyOf(messages);
    }
}

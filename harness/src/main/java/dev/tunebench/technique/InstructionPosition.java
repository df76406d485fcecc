package dev.tunebench.technique;

import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Moves the system instruction into the last user turn, {@code BEFORE} or {@code AFTER} the content,
 * joined by {@code separator}; the system turn is removed. For models whose template ignores or
 * weakly weighs system turns. Prompts without a system or user turn are left unchanged.
 */
public record InstructionPosition(Position position, String separator) implements Transform {

    public static final String DEFAULT_SEPARATOR = "\n\n";

    public enum Position { BEFORE, AFTER }

    public InstructionPosition {
        Objects.requireNonNull(position, "position");
        separator = Objects.requireNonNullElse(separator, DEFAULT_SEPARATOR);
    }

    @Override
    public Prompt apply(Prompt prompt) {
        List<Message> messages = prompt.messages();
        int s = Messages.system(messages);
        int u = Messages.lastUser(messages);
        if (s < 0 || u < 0) {
            return prompt;
        }
        String instruction = messages.get(s).content();
        String content = messages.get(u).content();
        String merged = position == Position.BEFORE ? instruction + separator + content : content + separator + instruction;
        List<Message> out = new ArrayList<>(Messages.replace(messages, u, messages.get(u).withContent(merged)));
        out.remove(s);
        return prompt.withMessages(out);
    }
}

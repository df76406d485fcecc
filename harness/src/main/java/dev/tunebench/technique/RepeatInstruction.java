package dev.tunebench.technique;

import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;

import java.util.List;
import java.util.Objects;

/**
 * Repeats the instruction after the content: the last user turn becomes
 * {@code content + separator + instruction}. The instruction is {@code text}, or when that is null the
 * current system text (prompts without either are left unchanged). Small models attend most to what
 * comes last, so restating the task there often helps.
 */
public record RepeatInstruction(String text, String separator) implements Transform {

    public static final String DEFAULT_SEPARATOR = "\n---\n";

    public RepeatInstruction {
        separator = Objects.requireNonNullElse(separator, DEFAULT_SEPARATOR);
    }

    @Override
    public Prompt apply(Prompt prompt) {
        List<Message> messages = prompt.messages();
        int u = Messages.lastUser(messages);
        int s = Messages.system(messages);
        String instruction = text != null ? text : s >= 0 ? messages.get(s).content() : null;
        if (u < 0 || instruction == null) {
            return prompt;
        }
        Message user = messages.get(u);
        return prompt.withMessages(Messages.replace(messages, u,
                user.withContent(user.content() + separator + instruction)));
    }
}

package dev.tunebench.spi;

import java.util.Objects;

/**
 * One chat turn. {@code weighted} is the fine-tuning {@code weight}: only weighted assistant turns count
 * for loss (absent in data means weighted). It is ignored for system and user turns.
 */
public record Message(Role role, String content, boolean weighted) {
    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static Message system(String content) {
        return new Message(Role.SYSTEM, content, true);
    }

    public static Message user(String content) {
        return new Message(Role.USER, content, true);
    }

    public static Message assistant(String content) {
        return new Message(Role.ASSISTANT, content, true);
    }

    public Message withContent(String newContent) {
        return new Message(role, newContent, weighted);
    }
}

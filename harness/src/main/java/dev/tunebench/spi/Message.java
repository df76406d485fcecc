package dev.tunebench.spi;

import java.util.List;
import java.util.Objects;

/**
 * One chat turn. {@code weighted} is the fine-tuning {@code weight}: only weighted assistant turns count
 * for loss (absent in data means weighted). It is ignored for system and user turns.
 * <p>
 * Tool calling (OpenAI chat format): an assistant turn may carry {@code toolCalls}, and then its
 * {@code content} may be null (the data said null or nothing); a {@link Role#TOOL} turn answers the
 * call named by {@code toolCallId}. {@code name} is the optional {@code name} of a turn. Content is never
 * null otherwise.
 */
public record Message(Role role, String content, boolean weighted, List<ToolCall> toolCalls, String toolCallId,
                      String name) {
    public Message {
        Objects.requireNonNull(role, "role");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (content == null && toolCalls.isEmpty()) {
            throw new NullPointerException("content (only an assistant turn with tool calls may have none)");
        }
    }

    public Message(Role role, String content, boolean weighted) {
        this(role, content, weighted, List.of(), null, null);
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

    /** An assistant turn that calls tools; {@code content} may be null. */
    public static Message toolCalls(String content, List<ToolCall> calls) {
        return new Message(Role.ASSISTANT, content, true, calls, null, null);
    }

    /** A tool's result for the call {@code toolCallId}. */
    public static Message toolResult(String toolCallId, String content) {
        return new Message(Role.TOOL, content, true, List.of(), toolCallId, null);
    }

    public Message withContent(String newContent) {
        return new Message(role, newContent, weighted, toolCalls, toolCallId, name);
    }

    /** The content, or "" for a tool-calling turn without any: for code that only needs the text. */
    public String text() {
        return content == null ? "" : content;
    }
}

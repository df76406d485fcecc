package dev.tunebench.technique;

import dev.tunebench.spi.Message;
import dev.tunebench.spi.Role;

import java.util.ArrayList;
import java.util.List;

/** Small edits on message lists shared by several transforms; every method returns a new list. */
final class Messages {
    private Messages() {
    }

    /** Index of the first system turn, or -1. */
    static int system(List<Message> messages) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).role() == Role.SYSTEM) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the last user turn (the content the model is asked about), or -1. */
    static int lastUser(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.USER) {
                return i;
            }
        }
        return -1;
    }

    /** Index just after the leading system turns: where examples and conversation begin. */
    static int afterSystem(List<Message> messages) {
        int i = 0;
        while (i < messages.size() && messages.get(i).role() == Role.SYSTEM) {
            i++;
        }
        return i;
    }

    static List<Message> replace(List<Message> messages, int index, Message m) {
        List<Message> out = new ArrayList<>(messages);
        out.set(index, m);
        return out;
    }

    static List<Message> insert(List<Message> messages, int index, List<Message> inserted) {
        List<Message> out = new ArrayList<>(messages.size() + inserted.size());
        out.addAll(messages.subList(0, index));
        out.addAll(inserted);
        out.addAll(messages.subList(index, messages.size()));
        return out;
    }

    /** Appends {@code text} to the system instruction after {@code separator}, adding one when absent. */
    static List<Message> appendToSystem(List<Message> messages, String text, String separator) {
        int s = system(messages);
        if (s < 0) {
            return insert(messages, 0, List.of(Message.system(text)));
        }
        Message sys = messages.get(s);
        String joined = sys.content().isEmpty() ? text : sys.content() + separator + text;
        return replace(messages, s, sys.withContent(joined));
    }
}

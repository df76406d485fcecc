package dev.tunebench.runners.classifier;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Role;

import java.util.List;

/**
 * What a classifier reads from a prompt: one text, or a text pair (premise and hypothesis) given as two user
 * turns by a data source with {@code input:} and {@code pair:}. A classifier has no chat template, so a system
 * turn, an assistant prefix or a longer conversation would be silently dropped: they are input errors instead.
 *
 * @param pair the second text, or null for a single text
 */
record TextInput(String text, String pair) {

    static TextInput of(Prompt prompt) {
        List<Message> messages = prompt.messages();
        if (!prompt.assistantPrefix().isEmpty()) {
            throw new InputException("a classifier reads text only, but the prompt primes an assistant answer; "
                    + "remove the prime: transform from this model's techniques.");
        }
        if (messages.isEmpty() || messages.size() > 2 || messages.stream().anyMatch(m -> m.role() != Role.USER)) {
            throw new InputException("a classifier reads one text or a text pair, but the prompt has "
                    + messages.stream().map(m -> m.role().wireName()).toList()
                    + " turns; give field-mapped data (format: jsonl or csv) with input: and, for pairs, pair:, "
                    + "and no system: or transforms that add turns.");
        }
        return new TextInput(messages.get(0).content(), messages.size() == 2 ? messages.get(1).content() : null);
    }
}

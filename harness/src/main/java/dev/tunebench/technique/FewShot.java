package dev.tunebench.technique;

import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Inserts worked examples as user/assistant pairs right after the system turns (before the row's own
 * conversation). The examples are chosen from the few-shot pool when the suite loads (see
 * {@link FewShotExamples}), so applying this is a pure list edit.
 */
public record FewShot(List<Example> examples) implements Transform {

    /** One worked example; {@code rowId} says which pool row it came from. */
    public record Example(String user, String assistant, String rowId) {
        public Example {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(assistant, "assistant");
        }
    }

    public FewShot {
        examples = List.copyOf(examples);
    }

    @Override
    public Prompt apply(Prompt prompt) {
        List<Message> pairs = new ArrayList<>(examples.size() * 2);
        for (Example e : examples) {
            pairs.add(Message.user(e.user()));
            pairs.add(Message.assistant(e.assistant()));
        }
        List<Message> messages = prompt.messages();
        return prompt.withMessages(Messages.insert(messages, Messages.afterSystem(messages), pairs));
    }
}

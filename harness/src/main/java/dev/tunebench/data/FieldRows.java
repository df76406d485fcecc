package dev.tunebench.data;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** Builds a system?/user/assistant row from the named fields of a field-mapped source. */
final class FieldRows {
    private final DataSource source;

    FieldRows(DataSource source) {
        this.source = source;
    }

    /**
     * @param value the field's text, or {@code null} when the record has no such field
     * @param names the record's field names, for "did you mean"
     */
    Row build(Function<String, String> value, Collection<String> names, String where, int index, String rowId) {
        List<Message> turns = new ArrayList<>(3);
        String system = source.systemField() == null ? null : value.apply(source.systemField());
        if (system != null && !system.isEmpty()) {
            turns.add(Message.system(system));
        } else if (source.systemText() != null) {
            turns.add(Message.system(source.systemText()));
        }
        turns.add(Message.user(required(value, source.inputField(), names, where, "input")));
        if (source.pairField() != null) {
            turns.add(Message.user(required(value, source.pairField(), names, where, "pair")));
        }
        turns.add(Message.assistant(required(value, source.expectedField(), names, where, "expected")));
        return new Row(index, rowId, turns);
    }

    private static String required(Function<String, String> value, String field, Collection<String> names,
                                   String where, String role) {
        String v = value.apply(field);
        if (v == null) {
            throw new InputException(where + ": field '" + field + "' (the " + role + ") is missing"
                    + Suggestions.didYouMean(field, names) + "; the record has " + names
                    + ". Add the field or set data." + role + " in the suite to the right name.");
        }
        return v;
    }
}

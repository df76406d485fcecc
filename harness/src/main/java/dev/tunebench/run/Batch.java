package dev.tunebench.run;

import dev.tunebench.data.Row;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.Prompt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows of one cell sent to the runner in one generate call, with their prompts and completion-cache keys
 * (a null key: not cacheable).
 */
record Batch(List<Row> rows, List<Prompt> prompts, List<String> keys) {
    Batch {
        rows = List.copyOf(rows);
        prompts = List.copyOf(prompts);
        keys = Collections.unmodifiableList(new ArrayList<>(keys));
    }

    static Batch of(Row row, Prompt prompt, String key) {
        return new Batch(List.of(row), List.of(prompt), Collections.singletonList(key));
    }

    int size() {
        return rows.size();
    }

    Batch slice(int from, int to) {
        return new Batch(rows.subList(from, to), prompts.subList(from, to), keys.subList(from, to));
    }

    List<Batch> singles() {
        List<Batch> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(of(rows.get(i), prompts.get(i), keys.get(i)));
        }
        return out;
    }

    Done generated(List<Generation> generations) {
        return new Done(this, generations, Collections.nCopies(size(), null), false);
    }

    Done fromCache(Generation stored) {
        return new Done(this, List.of(stored), Collections.nCopies(size(), null), true);
    }

    Done failedAll(String error) {
        return new Done(this, Collections.nCopies(size(), null), Collections.nCopies(size(), error), false);
    }

    /** Per row, its generation or (when null) the reason it has none; {@code cached}: answered by the cache. */
    record Done(Batch batch, List<Generation> generations, List<String> errors, boolean cached) {
        Done(Batch batch, List<Generation> generations, List<String> errors) {
            this(batch, generations, errors, false);
        }
    }
}

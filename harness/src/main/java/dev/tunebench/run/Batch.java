package dev.tunebench.run;

import dev.tunebench.data.Row;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.Prompt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Rows of one cell sent to the runner in one generate call, with their prompts. */
record Batch(List<Row> rows, List<Prompt> prompts) {
    Batch {
        rows = List.copyOf(rows);
        prompts = List.copyOf(prompts);
    }

    int size() {
        return rows.size();
    }

    List<Batch> singles() {
        List<Batch> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(new Batch(List.of(rows.get(i)), List.of(prompts.get(i))));
        }
        return out;
    }

    Done generated(List<Generation> generations) {
        return new Done(this, generations, Collections.nCopies(size(), null));
    }

    Done failedAll(String error) {
        return new Done(this, Collections.nCopies(size(), null), Collections.nCopies(size(), error));
    }

    /** Per row, its generation or (when null) the reason it has none. */
    record Done(Batch batch, List<Generation> generations, List<String> errors) {
    }
}

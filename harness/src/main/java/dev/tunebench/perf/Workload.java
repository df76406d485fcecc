package dev.tunebench.perf;

import dev.tunebench.data.DataSource;
import dev.tunebench.data.DatasetReader;
import dev.tunebench.data.Row;
import dev.tunebench.spi.Prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The prompts a scenario replays, in data order; request {@code i} takes item {@code i mod size}, so a
 * budget larger than the data set cycles through it. Prompts are held in memory: perf must not time
 * file reading.
 */
public record Workload(List<Item> items) {

    /** One prompt and the row it came from. */
    public record Item(String rowId, Prompt prompt) {
        public Item {
            Objects.requireNonNull(rowId, "rowId");
            Objects.requireNonNull(prompt, "prompt");
        }
    }

    public Workload {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a workload needs at least one prompt");
        }
    }

    /** Every row of {@code source}, each made a prompt by {@code toPrompt} (a technique, or the row's input). */
    public static Workload read(DataSource source, Function<Row, Prompt> toPrompt) {
        List<Item> items = new ArrayList<>();
        try (Stream<Row> rows = DatasetReader.open(source)) {
            rows.forEach(r -> items.add(new Item(r.rowId(), toPrompt.apply(r))));
        }
        return new Workload(items);
    }

    public int size() {
        return items.size();
    }

    public Item get(long sequence) {
        return items.get((int) (sequence % items.size()));
    }
}

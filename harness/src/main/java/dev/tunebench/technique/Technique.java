package dev.tunebench.technique;

import dev.tunebench.data.Row;
import dev.tunebench.spi.Prompt;

import java.util.List;
import java.util.Objects;

/** A named prompt technique: its transforms applied in order to the row's input. */
public record Technique(String name, List<Transform> transforms) {

    public Technique {
        Objects.requireNonNull(name, "name");
        transforms = List.copyOf(transforms);
    }

    /** The prompt a model sees for {@code row}; the expected answer is never part of it. */
    public Prompt apply(Row row) {
        Prompt p = Prompt.of(row.input()).withTools(row.tools(), row.parallelToolCalls());
        for (Transform t : transforms) {
            p = t.apply(p);
        }
        return p;
    }
}

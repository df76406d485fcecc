package dev.tunebench.checkpoint;

import java.util.List;

/** summary.json {@code retention}: checkpoints to keep (the best and the last N) and those that may go. */
public record Retention(List<String> keep, List<String> mayDelete) {

    public Retention {
        keep = List.copyOf(keep);
        mayDelete = List.copyOf(mayDelete);
    }
}

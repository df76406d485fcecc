package dev.tunebench.run;

import java.util.List;

/**
 * What the command line narrows in a suite: a subset of models and techniques, the first {@code limit}
 * rows (0 = all), one shard of the work, and whether to continue a run folder.
 */
public record RunOptions(List<String> models, List<String> techniques, int limit, Shard shard, boolean resume) {
    public RunOptions {
        models = List.copyOf(models);
        techniques = List.copyOf(techniques);
    }

    public static RunOptions all() {
        return new RunOptions(List.of(), List.of(), 0, Shard.ALL, false);
    }
}

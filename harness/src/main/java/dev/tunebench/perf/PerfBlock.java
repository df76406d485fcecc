package dev.tunebench.perf;

import java.util.Objects;

/** One aggregated result: a model × scenario (× batch size), as written to perf.json and summary.json. */
public record PerfBlock(BlockSetup setup, PerfFigures figures, ResourceUsage resources) {
    public PerfBlock {
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(resources, "resources");
    }
}

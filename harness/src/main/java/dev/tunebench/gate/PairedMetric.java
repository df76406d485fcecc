package dev.tunebench.gate;

import dev.tunebench.results.RunManifest;
import dev.tunebench.stats.MetricDirection;

/**
 * A metric with a value per row, so relative gates can compare it paired: one of the fixed
 * {@link RowMetric}s, or a graded scorer's figure ({@link ScorerMetric}).
 */
public sealed interface PairedMetric permits RowMetric, ScorerMetric {

    /** The metric's name in summary.json. */
    String summaryName();

    /** Pass/fail per row (compared with McNemar) rather than a figure (compared by bootstrap). */
    boolean binary();

    MetricDirection direction();

    /** The row's value, or null when the row does not count for this metric. */
    Double value(RowOutcome row, RunManifest.ModelEntry prices);
}

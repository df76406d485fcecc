package dev.tunebench.summary;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import dev.tunebench.stats.MetricEstimate;

/**
 * A cell's classification figures as gate-able metrics: {@code macro_f1} (from the label scorer's confusion
 * matrix), and for a classifier's probabilities {@code ece} and {@code log_loss} plus the {@code calibration}
 * block with the reliability diagram's bins.
 */
final class ClassifierFigures {
    private ClassifierFigures() {
    }

    static void addTo(ObjectNode result, CellData cell, CellMetrics cellMetrics) {
        ObjectNode metrics = (ObjectNode) result.get("metrics");
        if (cell.hasLabels) {
            var labels = cell.labels.result();
            metrics.set("macro_f1", Json.MAPPER.valueToTree(
                    MetricEstimate.pointOnly(labels.macroF1(), "confusion-matrix", (int) labels.n())));
        }
        if (cell.calibration.any()) {
            cell.calibration.addMetrics(metrics, cellMetrics);
            result.set("calibration", cell.calibration.toJson());
        }
    }
}

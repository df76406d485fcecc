package dev.tunebench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * summary.json as records. Optional blocks (comparisons, checkpoints, perf, labels) are empty lists or
 * nulls when absent, so each report section can simply skip itself.
 */
public record RunSummary(String suite, boolean complete, String incompleteReason, String baseline,
                         String referenceTechnique, String currency, List<Cell> cells,
                         List<Comparison> comparisons, List<Checkpoint> checkpoints, BestCheckpoint best,
                         Overfitting overfitting, List<JsonNode> perf, List<String> warnings) {

    /** {@code note} says why the criterion is not the suite's (e.g. no validation loss for a served model), or null. */
    public record BestCheckpoint(String model, String criterion, Double value, String note) {
    }

    public record Overfitting(boolean detected, String fromModel, String reason) {
    }

    public static RunSummary from(JsonNode node) {
        List<Cell> cells = new ArrayList<>();
        Json.array(node, "results").forEach(r -> cells.add(Cell.from(r)));
        List<Comparison> comparisons = new ArrayList<>();
        Json.array(node, "comparisons").forEach(c -> comparisons.add(Comparison.from(c)));
        List<Checkpoint> checkpoints = new ArrayList<>();
        Json.array(node, "checkpoints").forEach(c -> checkpoints.add(Checkpoint.from(c)));
        List<JsonNode> perf = new ArrayList<>();
        Json.array(node, "perf").forEach(perf::add);
        JsonNode best = Json.object(node, "best_checkpoint");
        JsonNode over = Json.object(node, "overfitting");
        JsonNode complete = node.get("complete");
        return new RunSummary(Json.text(node, "suite", "?"), complete == null || complete.asBoolean(true),
                Json.text(node, "incomplete_reason", null), Json.text(node, "baseline", null),
                Json.text(node, "reference_technique", null), Json.text(node, "currency", ""),
                List.copyOf(cells), List.copyOf(comparisons), List.copyOf(checkpoints),
                best == null ? null : new BestCheckpoint(Json.text(best, "model", "?"),
                        Json.text(best, "criterion", ""), Json.number(best, "value"),
                        Json.text(node, "checkpoint_note", null)),
                over == null ? null : new Overfitting(over.path("detected").asBoolean(false),
                        Json.text(over, "from_model", null), Json.text(over, "reason", "")),
                List.copyOf(perf), warnings(node));
    }

    /** summary.json's {@code warnings}: figures to distrust (e.g. local token counts that differ from the server's). */
    private static List<String> warnings(JsonNode node) {
        List<String> out = new ArrayList<>();
        Json.array(node, "warnings").forEach(w -> out.add(w.asText()));
        return List.copyOf(out);
    }

    /**
     * The median minimum detectable accuracy difference of the candidate-vs-baseline comparisons
     * (α 0.05, power 0.8), or null: below it, a difference between two models cannot be told from noise.
     */
    public Double accuracyMde() {
        double[] mdes = comparisons.stream()
                .filter(c -> c.metric().equals("accuracy") && c.kind().equals("candidate-vs-baseline") && c.mde() != null
                        && Double.isFinite(c.mde()))
                .mapToDouble(Comparison::mde).sorted().toArray();
        return mdes.length == 0 ? null : mdes[mdes.length / 2];
    }

    public Optional<Cell> cell(CellKey key) {
        return cells.stream().filter(c -> c.key().equals(key)).findFirst();
    }

    /** Models in the order they first appear in the results. */
    public Set<String> models() {
        Set<String> models = new LinkedHashSet<>();
        cells.forEach(c -> models.add(c.key().model()));
        return models;
    }

    public Set<String> techniques() {
        Set<String> techniques = new LinkedHashSet<>();
        cells.forEach(c -> techniques.add(c.key().technique()));
        return techniques;
    }
}

package dev.tunebench.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.checkpoint.CheckpointAnalysis;
import dev.tunebench.checkpoint.CheckpointPoint;
import dev.tunebench.checkpoint.Criterion;
import dev.tunebench.results.Json;
import dev.tunebench.results.RunManifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint curve of a run: validation loss, training loss and eval metrics per checkpoint (models
 * with an epoch or step, in training order), the best checkpoint, overfitting and a retention hint.
 */
final class Checkpoints {
    private Checkpoints() {
    }

    static void addTo(ObjectNode summary, RunManifest manifest, Map<String, ValidationLosses.Entry> losses, ArrayNode results) {
        RunManifest.Checkpoints settings = manifest.suite().checkpoints();
        String criterionTechnique = settings.technique() != null ? settings.technique() : manifest.suite().referenceTechnique();
        List<CheckpointPoint> points = new ArrayList<>();
        ArrayNode curve = summary.putArray("checkpoints");
        for (RunManifest.ModelEntry model : manifest.models()) {
            ValidationLosses.Entry loss = losses.get(model.id());
            boolean isCheckpoint = model.epoch() != null || model.step() != null;
            if (!isCheckpoint && loss == null) {
                continue;
            }
            ObjectNode entry = curve.addObject();
            entry.put("model", model.id());
            entry.put("role", model.role());
            entry.put("epoch", model.epoch());
            entry.put("step", model.step());
            entry.put("validation_loss", loss == null ? null : loss.validationLoss());
            entry.put("validation_tokens", loss == null ? null : loss.tokens());
            Double trainLoss = trainLoss(model);
            entry.put("train_loss", trainLoss);
            ObjectNode metrics = entry.putObject("metrics");
            Map<String, Double> criterionMetrics = new LinkedHashMap<>();
            for (JsonNode r : results) {
                if (!r.get("model").asText().equals(model.id())) {
                    continue;
                }
                ObjectNode perTechnique = metrics.putObject(r.get("technique").asText());
                for (String name : List.of("accuracy", "format_adherence")) {
                    JsonNode v = r.path("metrics").path(name).path("value");
                    if (v.isNumber()) {
                        perTechnique.put(name, v.asDouble());
                        if (r.get("technique").asText().equals(criterionTechnique)) {
                            criterionMetrics.put(name, v.asDouble());
                        }
                    }
                }
            }
            if (isCheckpoint) {
                Integer epoch = model.epoch() == null ? null : (int) Math.round(model.epoch());
                points.add(new CheckpointPoint(model.id(), epoch, model.step(),
                        loss == null ? null : loss.validationLoss(), trainLoss, criterionMetrics));
            }
        }
        if (points.isEmpty()) {
            summary.putNull("best_checkpoint");
            summary.putNull("overfitting");
            return;
        }
        Criterion criterion = settings.criterion() == null || settings.criterion().equals(Criterion.VALIDATION_LOSS)
                ? Criterion.validationLoss() : Criterion.highest(settings.criterion());
        List<String> lossless = points.stream().filter(p -> p.validationLoss() == null).map(CheckpointPoint::model).toList();
        boolean validationData = manifest.data().stream().anyMatch(d -> "validation".equals(d.role()));
        if (criterion.name().equals(Criterion.VALIDATION_LOSS) && !lossless.isEmpty() && validationData) {
            // Served checkpoints (a chat API) have no validation loss: rank all by the suite's metric instead.
            criterion = Criterion.highest("accuracy");
            summary.put("checkpoint_note", "no validation loss for " + String.join(", ", lossless)
                    + " (a served model gives no log-probabilities of given text), so the best checkpoint is chosen by"
                    + " accuracy on technique '" + criterionTechnique + "'");
        }
        CheckpointAnalysis analysis = CheckpointAnalysis.analyze(points, criterion, settings.patience(), settings.keepLast());
        summary.set("best_checkpoint", analysis.best() == null ? summary.nullNode() : Json.MAPPER.valueToTree(analysis.best()));
        if (analysis.best() != null && !criterion.name().equals(Criterion.VALIDATION_LOSS)) {
            ((ObjectNode) summary.get("best_checkpoint")).put("technique", criterionTechnique);
        }
        summary.set("overfitting", Json.MAPPER.valueToTree(analysis.overfitting()));
        summary.set("retention", Json.MAPPER.valueToTree(analysis.retention()));
    }

    /** The training loss logged at this checkpoint's epoch (or step), from trainer_state.json's history. */
    private static Double trainLoss(RunManifest.ModelEntry model) {
        if (model.trainHistory() == null || model.trainHistory().isEmpty()) {
            return null;
        }
        Double found = null;
        for (RunManifest.TrainPoint p : model.trainHistory()) {
            boolean sameEpoch = model.epoch() != null && p.epoch() != null && p.epoch().equals(model.epoch());
            boolean sameStep = model.step() != null && p.step() != null && p.step().equals(model.step());
            if ((sameEpoch || sameStep) && p.trainLoss() != null) {
                found = p.trainLoss();
            }
        }
        return found;
    }
}

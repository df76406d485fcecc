package dev.tunebench.finetune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a fine-tuning job did, wherever it was recorded: {@code source} is {@code hosted} (a job JSON with
 * its result CSV) or {@code trainer_state} (a model folder's trainer_state.json). {@code hyperparameters}
 * keep the recorded names and values; {@code checkpoints} map a model id of the suite to the step (or,
 * when only epochs are known, the epoch) at which the job saved it.
 *
 * @param files        the files read, as given
 * @param trainedTokens the job's billed training tokens, null when not recorded
 */
public record TrainingJob(String source, List<String> files, String baseModel, Map<String, Object> hyperparameters,
                          Long trainedTokens, List<CurvePoint> curve, Map<String, Double> checkpoints) {

    public TrainingJob {
        files = List.copyOf(files);
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        curve = List.copyOf(curve);
        checkpoints = Collections.unmodifiableMap(new LinkedHashMap<>(checkpoints));
    }

    /** True when every point has a step: the curve is drawn by step, else by epoch. */
    public boolean bySteps() {
        return !curve.isEmpty() && curve.stream().allMatch(p -> p.step() != null);
    }

    /** The validation loss logged at a checkpoint's position (the last point at or before it). */
    public Optional<Double> validationLossAt(String model) {
        Double at = checkpoints.get(model);
        if (at == null) {
            return Optional.empty();
        }
        Double found = null;
        for (CurvePoint p : curve) {
            Double x = bySteps() ? (Double) (double) p.step() : p.epoch();
            if (x != null && x <= at + 1e-9 && p.validationLoss() != null) {
                found = p.validationLoss();
            }
        }
        return Optional.ofNullable(found);
    }
}

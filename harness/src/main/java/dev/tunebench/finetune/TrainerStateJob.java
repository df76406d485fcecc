package dev.tunebench.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.InputException;
import dev.tunebench.suite.TrainerState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The job as a model folder's trainer_state.json records it. Hyperparameters are its top-level numbers and
 * strings (Hugging Face writes train_batch_size, num_train_epochs, max_steps, logging/eval/save steps; the
 * demo writes batch_size, learning_rate, lora_rank, seed), without the position and bookkeeping fields. The
 * curve is {@code log_history} joined by step (train {@code loss} and {@code eval_loss} are separate entries)
 * or the demo's per-epoch {@code history}. Hugging Face keeps the full training arguments in
 * training_args.bin, a Python pickle, which is not read.
 */
public final class TrainerStateJob {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> NOT_HYPERPARAMETERS = Set.of("epoch", "global_step", "validation_loss", "best_metric",
            "best_model_checkpoint", "total_flos", "trial_name", "num_input_tokens_seen", "is_hyper_param_search",
            "is_local_process_zero", "is_world_process_zero", "kind");

    private TrainerStateJob() {
    }

    /** The job recorded in {@code folder}, or empty when it has no trainer_state.json or no curve in it. */
    public static Optional<TrainingJob> read(Path folder) {
        Path file = folder.resolve(TrainerState.FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + ": not valid JSON (" + e.getMessage() + "); fix the file or remove it.", e);
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        List<CurvePoint> curve = root.has("log_history") ? hfCurve(root.get("log_history")) : demoCurve(root.path("history"));
        if (curve.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> hyper = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!NOT_HYPERPARAMETERS.contains(e.getKey()) && (v.isNumber() || v.isTextual() || v.isBoolean())) {
                hyper.put(e.getKey(), v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble()
                        : v.isBoolean() ? (Object) v.asBoolean() : v.asText());
            }
        }
        String base = root.path("base").asText(null);
        return Optional.of(new TrainingJob("trainer_state", List.of(file.toString()), base, hyper, null, curve, Map.of()));
    }

    private static List<CurvePoint> demoCurve(JsonNode history) {
        return java.util.stream.StreamSupport.stream(history.spliterator(), false)
                .filter(h -> h.path("epoch").isNumber())
                .map(h -> new CurvePoint(h.path("step").isNumber() ? h.get("step").asLong() : null, h.get("epoch").asDouble(),
                        number(h, "train_loss"), null, number(h, "validation_loss"), null))
                .toList();
    }

    private static List<CurvePoint> hfCurve(JsonNode log) {
        Map<Long, CurvePoint> byStep = new TreeMap<>();
        for (JsonNode h : log) {
            if (!h.path("step").isNumber()) {
                continue;
            }
            long step = h.get("step").asLong();
            CurvePoint p = byStep.getOrDefault(step, new CurvePoint(step, null, null, null, null, null));
            byStep.put(step, new CurvePoint(step, or(number(h, "epoch"), p.epoch()), or(number(h, "loss"), p.trainLoss()),
                    p.trainAccuracy(), or(number(h, "eval_loss"), p.validationLoss()),
                    or(number(h, "eval_mean_token_accuracy"), p.validationAccuracy())));
        }
        return List.copyOf(byStep.values());
    }

    private static Double or(Double a, Double b) {
        return a != null ? a : b;
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }
}

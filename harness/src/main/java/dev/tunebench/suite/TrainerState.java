package dev.tunebench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a training run recorded in a model folder's {@code trainer_state.json}: epoch, global step, final
 * validation loss and the loss history. Reads the demo format ({@code history: [{epoch, train_loss,
 * validation_loss}]}) and Hugging Face Trainer's ({@code log_history} entries with {@code loss} or
 * {@code eval_loss}). Every field is optional.
 */
public record TrainerState(Double epoch, Long globalStep, Double validationLoss, List<Entry> history) {

    public static final String FILE = "trainer_state.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Losses recorded at the end of one epoch; a loss is null when not recorded. */
    public record Entry(double epoch, Double trainLoss, Double validationLoss) {
    }

    public TrainerState {
        history = List.copyOf(history);
    }

    /** The state in {@code modelFolder}, or empty when it has no {@code trainer_state.json}. */
    public static Optional<TrainerState> read(Path modelFolder) {
        Path file = modelFolder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + ": not valid JSON (" + e.getMessage()
                    + "); fix the file or remove it (checkpoints are then ordered by the number in the folder name).", e);
        }
        if (root == null || !root.isObject()) {
            throw new InputException(file + ": expected a JSON object with epoch, global_step and history.");
        }
        List<Entry> history = root.has("history") ? demoHistory(root.get("history")) : hfHistory(root.get("log_history"));
        Double validation = number(root, "validation_loss", file);
        if (validation == null && !history.isEmpty()) {
            validation = history.get(history.size() - 1).validationLoss();
        }
        Double epoch = number(root, "epoch", file);
        Double step = number(root, "global_step", file);
        return Optional.of(new TrainerState(epoch, step == null ? null : step.longValue(), validation, history));
    }

    private static List<Entry> demoHistory(JsonNode history) {
        List<Entry> out = new ArrayList<>();
        for (JsonNode h : history) {
            if (h.path("epoch").isNumber()) {
                out.add(new Entry(h.get("epoch").asDouble(), optional(h, "train_loss"), optional(h, "validation_loss")));
            }
        }
        return out;
    }

    /** Hugging Face logs train and eval losses as separate entries; they are joined by epoch. */
    private static List<Entry> hfHistory(JsonNode log) {
        Map<Double, Double[]> byEpoch = new TreeMap<>();
        if (log != null) {
            for (JsonNode h : log) {
                if (h.path("epoch").isNumber()) {
                    Double[] losses = byEpoch.computeIfAbsent(h.get("epoch").asDouble(), e -> new Double[2]);
                    Double train = optional(h, "loss");
                    Double eval = optional(h, "eval_loss");
                    losses[0] = train != null ? train : losses[0];
                    losses[1] = eval != null ? eval : losses[1];
                }
            }
        }
        List<Entry> out = new ArrayList<>();
        byEpoch.forEach((epoch, l) -> out.add(new Entry(epoch, l[0], l[1])));
        return out;
    }

    private static Double optional(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    private static Double number(JsonNode root, String field, Path file) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new InputException(file + ": " + field + ": expected a number, got " + v + ".");
        }
        return v.asDouble();
    }
}

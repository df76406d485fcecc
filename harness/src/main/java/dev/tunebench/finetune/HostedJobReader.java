package dev.tunebench.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.data.CsvRecords;
import dev.tunebench.spi.InputException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A hosted fine-tuning job as the OpenAI/Azure fine-tuning API returns it: the job object ({@code model},
 * {@code fine_tuned_model}, {@code hyperparameters} or {@code method.<type>.hyperparameters} with
 * {@code n_epochs}, {@code batch_size}, {@code learning_rate_multiplier} first, then any other; {@code seed};
 * {@code trained_tokens};
 * optionally {@code checkpoints}, the job's checkpoint list, as a list or {@code {"data": [...]}} of
 * {@code {fine_tuned_model_checkpoint, step_number}}), and its result file: a CSV with a header row,
 * {@code step} and {@code train_loss} required, {@code train_accuracy}, {@code valid_loss},
 * {@code valid_mean_token_accuracy} (or their {@code full_valid_*} forms) and {@code epoch} read when present.
 * Every model the job names must be a model of the suite: {@code models} maps a name to a suite model id.
 */
public final class HostedJobReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> HYPERPARAMETERS = List.of("n_epochs", "batch_size", "learning_rate_multiplier");

    private HostedJobReader() {
    }

    public static TrainingJob read(Path job, Path results, Function<String, Optional<String>> models, List<String> ids) {
        JsonNode root = json(job);
        Map<String, Object> hyper = new LinkedHashMap<>();
        JsonNode hp = root.path("hyperparameters");
        if (!hp.isObject()) {
            JsonNode method = root.path("method");
            hp = method.path(method.path("type").asText("supervised")).path("hyperparameters");
        }
        for (String name : HYPERPARAMETERS) {
            if (hp.has(name) && !hp.get(name).isNull()) {
                hyper.put(name, value(hp.get(name)));
            }
        }
        hp.fields().forEachRemaining(e -> {
            if (!hyper.containsKey(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                hyper.put(e.getKey(), value(e.getValue()));
            }
        });
        if (root.hasNonNull("seed")) {
            hyper.put("seed", value(root.get("seed")));
        }
        Long trainedTokens = null;
        if (root.hasNonNull("trained_tokens")) {
            if (!root.get("trained_tokens").canConvertToLong()) {
                throw new InputException(job + ": trained_tokens: expected a whole number, got " + root.get("trained_tokens") + ".");
            }
            trainedTokens = root.get("trained_tokens").asLong();
        }
        List<CurvePoint> curve = results == null ? List.of() : curve(results);
        Map<String, Double> checkpoints = new LinkedHashMap<>();
        JsonNode list = root.path("checkpoints").isObject() ? root.path("checkpoints").path("data") : root.path("checkpoints");
        String unmatched = null;
        for (JsonNode c : list) {
            String name = c.path("fine_tuned_model_checkpoint").asText(null);
            if (name == null || !c.path("step_number").isNumber()) {
                throw new InputException(job + ": checkpoints: each entry needs fine_tuned_model_checkpoint (a model "
                        + "name) and step_number (a number), got " + c + ".");
            }
            // A checkpoint the suite does not evaluate (not selected, or deleted after retention) is left out.
            Optional<String> id = models.apply(name);
            if (id.isPresent()) {
                checkpoints.put(id.get(), c.get("step_number").asDouble());
            } else if (unmatched == null) {
                unmatched = name;
            }
        }
        String finalModel = root.path("fine_tuned_model").asText(null);
        if (finalModel != null && !root.get("fine_tuned_model").isNull()) {
            Optional<String> id = models.apply(finalModel);
            Long lastStep = curve.isEmpty() ? null : curve.get(curve.size() - 1).step();
            if (id.isPresent() && !checkpoints.containsKey(id.get()) && lastStep != null) {
                checkpoints.put(id.get(), lastStep.doubleValue());
            } else if (id.isEmpty() && unmatched == null) {
                unmatched = finalModel;
            }
        }
        if (checkpoints.isEmpty() && unmatched != null) {
            // The job belongs to none of the suite's models: most likely the wrong file.
            throw notInSuite(job, "fine_tuned_model", unmatched, ids);
        }
        List<String> files = new ArrayList<>(List.of(job.toString()));
        if (results != null) {
            files.add(results.toString());
        }
        return new TrainingJob("hosted", files, root.path("model").asText(null), hyper, trainedTokens, curve, checkpoints);
    }

    private static InputException notInSuite(Path job, String field, String name, List<String> ids) {
        return new InputException(job + ": " + field + ": '" + name
                + "' is not a model of this suite (models: " + ids + "); give the evaluated model that id in models: "
                + "(or a served model that name), or correct the job file.");
    }

    private static JsonNode json(Path job) {
        JsonNode root;
        try {
            root = MAPPER.readTree(job.toFile());
        } catch (IOException e) {
            throw new InputException(job + ": not a JSON fine-tuning job (" + e.getMessage().lines().findFirst().orElse("")
                    + "); give the job object the fine-tuning API returns (GET /fine_tuning/jobs/{id}).", e);
        }
        if (root == null || !root.isObject()) {
            throw new InputException(job + ": expected a JSON object (a fine-tuning job with model, hyperparameters, "
                    + "fine_tuned_model), got " + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase()) + ".");
        }
        return root;
    }

    private static Object value(JsonNode v) {
        return v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble() : v.asText();
    }

    static List<CurvePoint> curve(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvRecords csv = new CsvRecords(in, file.toString());
            List<String> header = csv.next();
            if (header == null) {
                throw new InputException(file + ": empty; a fine-tuning result file starts with a header row "
                        + "(step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy).");
            }
            Map<String, Integer> column = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                column.put(header.get(i).trim().replace("\uFEFF", ""), i);
            }
            for (String required : List.of("step", "train_loss")) {
                if (!column.containsKey(required)) {
                    throw new InputException(file + ": line 1: no '" + required + "' column (columns: " + header
                            + "); a fine-tuning result file has step,train_loss,train_accuracy,valid_loss,"
                            + "valid_mean_token_accuracy: download the job's result file again or add the column.");
                }
            }
            List<CurvePoint> out = new ArrayList<>();
            for (List<String> row = csv.next(); row != null; row = csv.next()) {
                Row r = new Row(file, csv.recordLine(), header, column, row);
                Double step = r.number("step");
                if (step == null) {
                    throw new InputException(file + ":" + csv.recordLine() + ": step: empty; every row needs its step number.");
                }
                out.add(new CurvePoint(step.longValue(), r.number("epoch"), r.number("train_loss"),
                        r.number("train_accuracy"), r.first("valid_loss", "full_valid_loss"),
                        r.first("valid_mean_token_accuracy", "full_valid_mean_token_accuracy")));
            }
            return out;
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + "); check the path.", e);
        }
    }

    private record Row(Path file, int line, List<String> header, Map<String, Integer> column, List<String> cells) {
        Double number(String name) {
            Integer i = column.get(name);
            if (i == null || i >= cells.size() || cells.get(i).isBlank()) {
                return null;
            }
            try {
                return Double.parseDouble(cells.get(i).trim());
            } catch (NumberFormatException e) {
                throw new InputException(file + ":" + line + ": " + name + ": expected a number, got '" + cells.get(i)
                        + "'; the result file holds numbers only (empty where not measured).");
            }
        }

        Double first(String name, String fallback) {
            Double v = number(name);
            return v != null ? v : number(fallback);
        }
    }
}

package dev.tunebench.runners.classifier;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Hugging Face sequence-classification folder as exported by optimum ({@code --task text-classification}):
 * {@code model.onnx}, {@code tokenizer.json} and {@code config.json} whose {@code id2label} names the classes in
 * logit order. Read without ONNX Runtime, so a malformed folder fails before a run starts.
 *
 * @param labels        class names by logit index
 * @param padId         {@code pad_token_id} of config.json (0 when absent): what shorter rows of a batch are padded with
 * @param maxPositions  {@code max_position_embeddings} of config.json, or 0 when not stated (no length check)
 */
record ClassifierFolder(Path dir, Path model, Path tokenizer, List<String> labels, long padId, int maxPositions) {
    static final String MODEL = "model.onnx";
    static final String TOKENIZER = "tokenizer.json";
    static final String CONFIG = "config.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPORT_HINT = "export the model with optimum (`optimum-cli export onnx --task "
            + "text-classification --model <id> <folder>`), which writes model.onnx, tokenizer.json and config.json.";

    ClassifierFolder {
        labels = List.copyOf(labels);
    }

    static ClassifierFolder load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException("model folder not found: " + dir + ". Give the path of a folder with "
                    + MODEL + ", " + TOKENIZER + " and " + CONFIG + ".");
        }
        Path model = dir.resolve(MODEL);
        Path onnxDir = dir.resolve("onnx").resolve(MODEL);
        if (!Files.isRegularFile(model)) {
            if (Files.isRegularFile(onnxDir)) {
                model = onnxDir;
            } else {
                throw new InputException(dir + " has no " + MODEL + " (nor onnx/" + MODEL + "); " + EXPORT_HINT);
            }
        }
        Path tokenizer = dir.resolve(TOKENIZER);
        if (!Files.isRegularFile(tokenizer)) {
            throw new InputException(dir + " has no " + TOKENIZER + "; save the model's fast tokenizer there with "
                    + "AutoTokenizer.from_pretrained(\"<model id>\").save_pretrained(<folder>).");
        }
        Path configFile = dir.resolve(CONFIG);
        JsonNode config = readJson(configFile);
        return new ClassifierFolder(dir, model, tokenizer, labels(config, configFile),
                config.path("pad_token_id").canConvertToLong() ? config.path("pad_token_id").asLong() : 0,
                config.path("max_position_embeddings").asInt(0));
    }

    /** id2label's names by index; its keys must be exactly 0..n-1 (as strings, as transformers writes them). */
    private static List<String> labels(JsonNode config, Path configFile) {
        JsonNode id2label = config.path("id2label");
        if (!id2label.isObject() || id2label.isEmpty()) {
            throw new InputException(configFile + " has no id2label: a classifier's config must name its classes "
                    + "in logit order, e.g. \"id2label\": {\"0\": \"entailment\", \"1\": \"neutral\", \"2\": "
                    + "\"contradiction\"}. Add it (transformers writes it from the model's config) and run again.");
        }
        Map<Integer, String> byIndex = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = id2label.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int index;
            try {
                index = Integer.parseInt(e.getKey().strip());
            } catch (NumberFormatException ex) {
                throw new InputException(configFile + ": id2label key '" + e.getKey() + "' is not a class index; "
                        + "keys are the logit positions 0, 1, 2...");
            }
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                throw new InputException(configFile + ": id2label." + e.getKey() + " must be a label name, got "
                        + e.getValue() + ".");
            }
            byIndex.put(index, e.getValue().asText());
        }
        List<String> labels = new ArrayList<>(byIndex.values());
        if (!byIndex.keySet().equals(new java.util.TreeSet<>(java.util.stream.IntStream.range(0, labels.size())
                .boxed().toList()))) {
            throw new InputException(configFile + ": id2label keys " + byIndex.keySet() + " must be 0.." + (labels.size() - 1)
                    + " with none missing, one per logit.");
        }
        if (labels.stream().distinct().count() != labels.size()) {
            throw new InputException(configFile + ": id2label names a label twice " + labels
                    + "; each class needs its own name.");
        }
        return labels;
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file.getParent() + " has no " + CONFIG + " (it names the classes in id2label); "
                    + EXPORT_HINT);
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InputException(file + " is not valid JSON" + where + " (" + e.getOriginalMessage()
                    + "). Fix the file or copy it again from the model's repository.", e);
        } catch (IOException e) {
            throw new InputException("Cannot read " + file + ": " + e.getMessage() + ". Check that the file is readable.", e);
        }
    }
}

package dev.tunebench.runners.onnx;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tunebench.spi.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a causal-LM folder as Hugging Face (optimum) or ONNX Runtime GenAI's model builder lays it out
 * into a {@link ModelConfig}. Facts are taken from the most specific file first: generation_config.json,
 * then config.json, then genai_config.json; tokens and the template from tokenizer_config.json, then
 * special_tokens_map.json.
 */
final class ModelFolder {
    static final String EXPORT_HINT = "Export a Hugging Face model with "
            + "`optimum-cli export onnx --task text-generation-with-past --model <model id> <folder>` "
            + "and save its tokenizer into the same folder.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFolder() {
    }

    static ModelConfig load(Path dir) {
        return load(dir, GraphChoice.NONE);
    }

    /** Reads the folder and picks its decoder graph as {@code choice} says (see {@link GraphLayout}). */
    static ModelConfig load(Path dir, GraphChoice choice) {
        if (!Files.isDirectory(dir)) {
            String what = Files.exists(dir) ? "is a file, not a folder" : "does not exist";
            throw new InputException("Model folder " + dir + " " + what + ". Pass the folder that holds "
                    + "model.onnx (or onnx/model.onnx), tokenizer.json, tokenizer_config.json and config.json (or genai_config.json). "
                    + EXPORT_HINT);
        }
        JsonNode config = readJson(dir.resolve("config.json"));
        JsonNode generation = readJson(dir.resolve("generation_config.json"));
        JsonNode genaiRoot = readJson(dir.resolve("genai_config.json"));
        JsonNode tokenizerConfig = readJson(dir.resolve("tokenizer_config.json"));
        JsonNode specialTokens = readJson(dir.resolve("special_tokens_map.json"));
        if (config.isMissingNode() && genaiRoot.isMissingNode()) {
            throw new InputException("Model folder " + dir + " has neither config.json nor genai_config.json, "
                    + "so its token ids and context length are unknown. Copy config.json (and "
                    + "generation_config.json) from the model's Hugging Face repository into the folder. "
                    + EXPORT_HINT);
        }
        JsonNode genai = genaiRoot.path("model");
        JsonNode decoder = genai.path("decoder");

        ModelGraphs graphs = GraphLayout.resolve(dir, choice, text(decoder, "filename", null));
        Path tokenizerFile = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizerFile)) {
            throw new InputException("Model folder " + dir + " has no tokenizer.json (the fast tokenizer the "
                    + "ONNX runner uses). Save it next to config.json with "
                    + "`AutoTokenizer.from_pretrained(\"<model id>\").save_pretrained(\"" + dir + "\")` "
                    + "or copy it from the model's Hugging Face repository.");
        }

        List<Integer> eos = ids(generation.path("eos_token_id"));
        if (eos.isEmpty()) {
            eos = ids(config.path("eos_token_id"));
        }
        if (eos.isEmpty()) {
            eos = ids(genai.path("eos_token_id"));
        }
        if (eos.isEmpty()) {
            throw new InputException("Model folder " + dir + " names no end-of-sequence token: none of "
                    + "generation_config.json, config.json or genai_config.json has eos_token_id, so generation "
                    + "could not stop. Add \"eos_token_id\": <id or list of ids> to generation_config.json.");
        }
        Integer numHeads = firstOf(firstInt(config, "num_attention_heads", "n_head"),
                integer(decoder, "num_attention_heads"));
        Integer kvHeads = firstOf(integer(config, "num_key_value_heads"), integer(decoder, "num_key_value_heads"),
                numHeads);
        String template = chatTemplate(dir, tokenizerConfig);
        return new ModelConfig(
                dir,
                graphs,
                tokenizerFile,
                eos,
                firstOf(integer(generation, "pad_token_id"), integer(config, "pad_token_id"),
                        integer(genai, "pad_token_id")),
                firstOf(integer(generation, "bos_token_id"), integer(config, "bos_token_id"),
                        integer(genai, "bos_token_id")),
                token(tokenizerConfig, specialTokens, "bos_token"),
                token(tokenizerConfig, specialTokens, "eos_token"),
                tokenizerConfig.path("add_bos_token").asBoolean(false),
                firstOf(firstInt(config, "n_positions", "max_position_embeddings", "n_ctx", "seq_length"),
                        integer(genai, "context_length")),
                firstOf(integer(config, "vocab_size"), integer(genai, "vocab_size")),
                firstOf(firstInt(config, "num_hidden_layers", "n_layer"), integer(decoder, "num_hidden_layers")),
                numHeads,
                kvHeads,
                headSize(config, decoder, numHeads),
                template,
                template == null ? null : templateFile(dir, tokenizerConfig),
                genaiIo(decoder));
    }

    /** Reads a JSON file; a missing file is a missing node, a malformed one an error naming its position. */
    static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InputException(file + " is not valid JSON" + where + " (" + e.getOriginalMessage()
                    + "). Fix the file or copy it again from the model's Hugging Face repository.", e);
        } catch (IOException e) {
            throw new InputException("Cannot read " + file + ": " + e.getMessage()
                    + ". Check that the file is readable.", e);
        }
    }

    /**
     * chat_template is a string, or a list of {name, template} (the "default" one is meant); newer
     * transformers versions write it to chat_template.jinja instead.
     */
    private static String chatTemplate(Path dir, JsonNode tokenizerConfig) {
        JsonNode t = tokenizerConfig.path("chat_template");
        if (t.isTextual()) {
            return t.asText();
        }
        if (t.isArray() && t.size() > 0) {
            for (JsonNode named : t) {
                if ("default".equals(named.path("name").asText())) {
                    return named.path("template").asText();
                }
            }
            return t.get(0).path("template").asText(null);
        }
        Path jinja = dir.resolve("chat_template.jinja");
        if (!Files.isRegularFile(jinja)) {
            return null;
        }
        try {
            return Files.readString(jinja);
        } catch (IOException e) {
            throw new InputException("Cannot read " + jinja + ": " + e.getMessage()
                    + ". Check that the file is readable.", e);
        }
    }

    private static Path templateFile(Path dir, JsonNode tokenizerConfig) {
        JsonNode t = tokenizerConfig.path("chat_template");
        return t.isTextual() || t.isArray() ? dir.resolve("tokenizer_config.json") : dir.resolve("chat_template.jinja");
    }

    /** bos/eos text: a string or an AddedToken object {"content": ...}, from either file. */
    private static String token(JsonNode tokenizerConfig, JsonNode specialTokens, String field) {
        String t = tokenText(tokenizerConfig.path(field));
        return t != null ? t : tokenText(specialTokens.path(field));
    }

    private static String tokenText(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        JsonNode content = node.path("content");
        return content.isTextual() ? content.asText() : null;
    }

    private static Integer headSize(JsonNode config, JsonNode decoder, Integer numHeads) {
        Integer explicit = firstOf(integer(config, "head_dim"), integer(decoder, "head_size"));
        if (explicit != null) {
            return explicit;
        }
        Integer hidden = firstInt(config, "hidden_size", "n_embd");
        return hidden != null && numHeads != null && numHeads > 0 ? hidden / numHeads : null;
    }

    private static IoNames genaiIo(JsonNode decoder) {
        JsonNode in = decoder.path("inputs");
        JsonNode out = decoder.path("outputs");
        if (in.isMissingNode() && out.isMissingNode()) {
            return null;
        }
        IoNames hf = IoNames.HF;
        return new IoNames(
                text(in, "input_ids", hf.inputIds()), text(in, "attention_mask", hf.attentionMask()),
                text(in, "position_ids", hf.positionIds()), text(in, "past_key_names", hf.pastKey()),
                text(in, "past_value_names", hf.pastValue()), text(out, "logits", hf.logits()),
                text(out, "present_key_names", hf.presentKey()), text(out, "present_value_names", hf.presentValue()));
    }

    /** eos_token_id may be one int or a list of ints. */
    private static List<Integer> ids(JsonNode node) {
        List<Integer> ids = new ArrayList<>();
        if (node.isIntegralNumber()) {
            ids.add(node.asInt());
        } else if (node.isArray()) {
            node.forEach(n -> {
                if (n.isIntegralNumber() && !ids.contains(n.asInt())) {
                    ids.add(n.asInt());
                }
            });
        }
        return ids;
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isIntegralNumber()) {
            return v.asInt();
        }
        // Some configs give a list where one id is meant (bos_token_id: [1]); take the first.
        return v.isArray() && v.size() > 0 && v.get(0).isIntegralNumber() ? v.get(0).asInt() : null;
    }

    private static Integer firstInt(JsonNode node, String... fields) {
        for (String f : fields) {
            Integer v = integer(node, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @SafeVarargs
    private static <T> T firstOf(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : fallback;
    }
}

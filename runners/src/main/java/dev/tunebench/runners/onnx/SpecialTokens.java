package dev.tunebench.runners.onnx;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The special tokens transformers passes to a chat template (its special_tokens_map): each one the
 * model folder sets, read from tokenizer_config.json, else special_tokens_map.json. A token neither
 * sets is left out, so the template sees it as undefined, as with transformers.
 */
final class SpecialTokens {
    private static final List<String> NAMES = List.of("bos_token", "eos_token", "unk_token", "sep_token", "pad_token",
            "cls_token", "mask_token");

    private SpecialTokens() {
    }

    static Map<String, Object> of(ModelConfig config) {
        JsonNode tokenizerConfig = ModelFolder.readJson(config.dir().resolve("tokenizer_config.json"));
        JsonNode map = ModelFolder.readJson(config.dir().resolve("special_tokens_map.json"));
        Map<String, Object> tokens = new LinkedHashMap<>();
        for (String name : NAMES) {
            String text = first(text(tokenizerConfig.path(name)), text(map.path(name)));
            if (text != null) {
                tokens.put(name, text);
            }
        }
        putIfSet(tokens, "bos_token", config.bosToken());
        putIfSet(tokens, "eos_token", config.eosToken());
        JsonNode extra = tokenizerConfig.path("additional_special_tokens");
        if (!extra.isArray()) {
            extra = map.path("additional_special_tokens");
        }
        if (extra.isArray()) {
            List<Object> texts = new ArrayList<>();
            extra.forEach(t -> {
                String s = text(t);
                if (s != null) {
                    texts.add(s);
                }
            });
            tokens.put("additional_special_tokens", texts);
        }
        return tokens;
    }

    private static void putIfSet(Map<String, Object> tokens, String name, String value) {
        if (value != null) {
            tokens.put(name, value);
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** A token is a string or an AddedToken object with "content". */
    private static String text(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        JsonNode content = node.path("content");
        return content.isTextual() ? content.asText() : null;
    }
}

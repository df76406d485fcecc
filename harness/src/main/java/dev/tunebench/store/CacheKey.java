package dev.tunebench.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Tool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cache key of one request: sha256 over the runner's identity (what decides its outputs besides the
 * request), the exact rendered prompt, every stop string, the tools offered, the reply's JSON schema (a judge's
 * structured output) and the generation settings with the seed. Two requests with the same key get the same completion from a deterministic runner.
 */
public final class CacheKey {
    /** Bumped when the fields below change, so old entries are never read as new ones. */
    private static final int VERSION = 1;

    private CacheKey() {
    }

    public static String of(String runnerIdentity, String renderedPrompt, Prompt prompt, GenerationSettings settings) {
        ObjectNode k = Json.MAPPER.createObjectNode();
        k.put("v", VERSION);
        k.put("runner", runnerIdentity);
        k.put("prompt", renderedPrompt);
        ArrayNode stops = k.putArray("stop");
        prompt.stopStrings().forEach(stops::add);
        settings.stopStrings().forEach(stops::add);
        ArrayNode tools = k.putArray("tools");
        for (Tool t : prompt.tools()) {
            tools.add(t.definitionJson());
        }
        if (prompt.jsonSchema() != null) {
            k.put("json_schema", prompt.jsonSchema());  // absent otherwise, so keys of earlier entries stay as they were
        }
        if (prompt.parallelToolCalls() != null) {
            k.put("parallel_tool_calls", prompt.parallelToolCalls());
        }
        k.put("max_new_tokens", settings.maxNewTokens());
        if (settings.decoding() instanceof Decoding.Sampling s) {
            k.put("temperature", s.temperature());
            k.put("top_p", s.topP());
            k.put("top_k", s.topK());
            k.put("seed", s.seed());
        } else {
            k.put("decoding", "greedy");
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(k.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}

package dev.tunebench.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.LocalCounts;
import dev.tunebench.spi.Timings;
import dev.tunebench.spi.ToolCall;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A cached completion as JSON: text, ids, token counts, finish reason, tool calls and the timings relative
 * to submission, so a cached sample shows the timings its request really had.
 */
final class GenerationCodec {
    private GenerationCodec() {
    }

    static String encode(Generation g) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("rendered_prompt", g.renderedPrompt());
        o.put("text", g.text());
        ArrayNode ids = o.putArray("ids");
        for (int id : g.completionIds()) {
            ids.add(id);
        }
        o.put("prompt_tokens", g.promptTokens());
        o.put("completion_tokens", g.completionTokens());
        o.put("finish_reason", g.finishReason().name());
        Timings t = g.timings();
        ArrayNode tokens = o.putArray("token_ns");
        for (long n : t.tokenNanos()) {
            tokens.add(n - t.submitNanos());
        }
        o.put("end_ns", t.endNanos() - t.submitNanos());
        ArrayNode calls = o.putArray("tool_calls");
        for (ToolCall c : g.toolCalls()) {
            ObjectNode call = calls.addObject();
            call.put("id", c.id());
            call.put("name", c.name());
            call.put("arguments", c.argumentsJson());
        }
        if (g.localCounts() != null) {
            o.put("local_prompt_tokens", g.localCounts().promptTokens());
            o.put("local_completion_tokens", g.localCounts().completionTokens());
        }
        return o.toString();
    }

    /** The stored completion, or null when the entry does not read as one (then it is generated again). */
    static Generation decode(String json) {
        try {
            JsonNode o = Json.MAPPER.readTree(json);
            int[] ids = new int[o.path("ids").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = o.get("ids").get(i).asInt();
            }
            long[] tokens = new long[o.path("token_ns").size()];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = o.get("token_ns").get(i).asLong();
            }
            List<ToolCall> calls = new ArrayList<>();
            for (JsonNode c : o.path("tool_calls")) {
                calls.add(new ToolCall(c.path("id").isNull() ? null : c.path("id").asText(null), c.get("name").asText(),
                        c.get("arguments").asText()));
            }
            LocalCounts local = o.has("local_prompt_tokens")
                    ? new LocalCounts(o.get("local_prompt_tokens").asInt(), o.get("local_completion_tokens").asInt()) : null;
            return new Generation(o.get("rendered_prompt").asText(), o.get("text").asText(), ids,
                    o.get("prompt_tokens").asInt(), o.get("completion_tokens").asInt(),
                    FinishReason.valueOf(o.get("finish_reason").asText()), new Timings(0, tokens, o.get("end_ns").asLong()),
                    calls, local);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

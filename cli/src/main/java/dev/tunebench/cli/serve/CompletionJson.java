package dev.tunebench.cli.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;

import java.util.UUID;

/**
 * The response objects of one request in the OpenAI wire format: the chat completion object, or the
 * chunk objects of a stream (each with the same id and {@code created}; every chunk carries
 * {@code "usage": null} when usage was asked for, and the usage chunk has empty {@code choices}).
 */
final class CompletionJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    private final long created = System.currentTimeMillis() / 1000;
    private final ServedModel model;
    private final boolean includeUsage;

    CompletionJson(ServedModel model, boolean includeUsage) {
        this.model = model;
        this.includeUsage = includeUsage;
    }

    ObjectNode completion(Generation g) {
        ObjectNode o = head("chat.completion");
        ObjectNode choice = o.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", g.text());
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(g.finishReason()));
        o.set("usage", usage(g));
        return o;
    }

    /** The first chunk: the role, with empty content, as OpenAI sends it. */
    ObjectNode roleChunk() {
        ObjectNode o = chunk(null);
        ObjectNode delta = (ObjectNode) o.get("choices").get(0).get("delta");
        delta.put("role", "assistant");
        delta.put("content", "");
        return o;
    }

    ObjectNode textChunk(String text) {
        ObjectNode o = chunk(null);
        ((ObjectNode) o.get("choices").get(0).get("delta")).put("content", text);
        return o;
    }

    /** The last choice chunk: an empty delta and the finish reason. */
    ObjectNode finishChunk(FinishReason reason) {
        return chunk(finishReason(reason));
    }

    /** Sent after the finish chunk when {@code stream_options.include_usage} is set. */
    ObjectNode usageChunk(Generation g) {
        ObjectNode o = head("chat.completion.chunk");
        o.putArray("choices");
        o.set("usage", usage(g));
        return o;
    }

    boolean includeUsage() {
        return includeUsage;
    }

    private ObjectNode chunk(String finishReason) {
        ObjectNode o = head("chat.completion.chunk");
        ArrayNode choices = o.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            o.putNull("usage");
        }
        return o;
    }

    private ObjectNode head(String object) {
        ObjectNode o = JSON.objectNode();
        o.put("id", id);
        o.put("object", object);
        o.put("created", created);
        o.put("model", model.id());
        o.put("system_fingerprint", model.fingerprint());
        return o;
    }

    private static ObjectNode usage(Generation g) {
        ObjectNode u = JSON.objectNode();
        u.put("prompt_tokens", g.promptTokens());
        u.put("completion_tokens", g.completionTokens());
        u.put("total_tokens", g.promptTokens() + g.completionTokens());
        return u;
    }

    /** eos and stop strings are both "stop" in the API; running out of tokens or positions is "length". */
    static String finishReason(FinishReason reason) {
        return reason == FinishReason.LENGTH ? "length" : "stop";
    }
}

package dev.tunebench.runners.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The JSON body of one chat-completions request: the prompt's messages (a priming prefix as a final
 * assistant message the server continues), its tools, the token limit, decoding and stop strings. The
 * served runners send it; {@code tunebench batch export} writes it as a Batch API line's {@code body}, so a
 * batch asks exactly what the {@code openai} runner would.
 */
public final class RequestBody {
    /** The API takes at most this many stop sequences. */
    static final int MAX_STOPS = 4;

    private final String apiId;
    private final boolean azure;
    private final String model;
    private final String maxTokensField;
    private final boolean stream;
    private final boolean continueFinalMessage;
    /** Where the user turns continuation on, for the message when a primed prompt cannot be sent. */
    private final String continueWhere;

    private RequestBody(String apiId, boolean azure, String model, String maxTokensField, boolean stream,
                        boolean continueFinalMessage, String continueWhere) {
        this.apiId = apiId;
        this.azure = azure;
        this.model = model;
        this.maxTokensField = maxTokensField;
        this.stream = stream;
        this.continueFinalMessage = continueFinalMessage;
        this.continueWhere = continueWhere;
    }

    RequestBody(EndpointSettings settings) {
        this(settings.api().id, settings.api() == Api.AZURE, settings.model(), settings.maxTokensField(), settings.stream(),
                settings.continueFinalMessage(), settings.whereIs("continue_final_message"));
    }

    /**
     * Bodies for a Batch API input file: never streamed, {@code model} always set (Azure's batch names the
     * deployment there, its live API in the path).
     *
     * @param continueWhere the flag or setting that turns {@code continueFinalMessage} on, for messages
     */
    public static RequestBody forBatch(boolean azure, String model, String maxTokensField, boolean continueFinalMessage,
                                       String continueWhere) {
        return new RequestBody(azure ? Api.AZURE.id : Api.OPENAI.id, azure, model, maxTokensField, false,
                continueFinalMessage, continueWhere);
    }

    /** Why this prompt cannot be sent as it is meant, or empty when it can. */
    public Optional<String> unsupported(Prompt prompt, GenerationSettings generation) {
        if (!prompt.assistantPrefix().isEmpty() && !continueFinalMessage) {
            return Optional.of("priming needs a server that continues a final assistant message; the "
                    + apiId + " API has none. Set continue_final_message: true for vLLM or tunebench serve ("
                    + continueWhere + "), or drop the prime from this technique");
        }
        int stops = stops(prompt, generation).size();
        if (stops > MAX_STOPS) {
            return Optional.of("the API takes at most " + MAX_STOPS + " stop strings; this technique gives " + stops
                    + ". Keep " + MAX_STOPS + " or fewer in its stop list");
        }
        if (generation.decoding() instanceof Decoding.Sampling s && s.topK() > 0 && azure) {
            return Optional.of("top_k is not part of the Azure OpenAI API; remove top_k from the generation settings");
        }
        return Optional.empty();
    }

    public ObjectNode build(Prompt prompt, GenerationSettings generation) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (model != null) {
            body.put("model", model);
        }
        body.set("messages", messages(prompt));
        ToolCallParts.addTools(body, prompt);
        boolean prime = !prompt.assistantPrefix().isEmpty();
        if (prime) {
            // vLLM's names: continue the final assistant turn, so no new generation prompt after it.
            body.put("continue_final_message", true);
            body.put("add_generation_prompt", false);
        }
        body.put(maxTokensField, generation.maxNewTokens());
        if (generation.decoding() instanceof Decoding.Sampling s) {
            body.put("temperature", s.temperature());
            body.put("top_p", s.topP());
            if (s.topK() > 0) {
                body.put("top_k", s.topK());
            }
            body.put("seed", s.seed());
        } else {
            body.put("temperature", 0);
        }
        List<String> stops = stops(prompt, generation);
        if (!stops.isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            stops.forEach(stop::add);
        }
        if (prompt.jsonSchema() != null) {
            // Structured output (OpenAI, Azure, vLLM's guided decoding): the reply must follow the schema.
            ObjectNode format = body.putObject("response_format");
            format.put("type", "json_schema");
            ObjectNode schema = format.putObject("json_schema");
            schema.put("name", "reply");
            schema.put("strict", true);
            try {
                schema.set("schema", new com.fasterxml.jackson.databind.ObjectMapper().readTree(prompt.jsonSchema()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("the prompt's JSON Schema is not JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    /** The messages as the request sends them; also what a sample records as its rendered prompt. */
    public ArrayNode messages(Prompt prompt) {
        List<Message> all = new ArrayList<>(prompt.messages());
        if (!prompt.assistantPrefix().isEmpty()) {
            all.add(Message.assistant(prompt.assistantPrefix()));
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Message m : all) {
            ToolCallParts.addMessage(out, m);
        }
        return out;
    }

    static List<String> stops(Prompt prompt, GenerationSettings generation) {
        LinkedHashSet<String> all = new LinkedHashSet<>(prompt.stopStrings());
        all.addAll(generation.stopStrings());
        return List.copyOf(all);
    }
}

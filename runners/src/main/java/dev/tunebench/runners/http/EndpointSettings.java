package dev.tunebench.runners.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The typed settings of one served model, parsed from its {@code runner:} map.
 *
 * @param chatUrl              the full chat-completions URL (with {@code api-version} for Azure)
 * @param model                the body's {@code model} (OpenAI dialect); null for Azure, whose path names it
 * @param name                 the model or deployment name, for messages and the manifest
 * @param apiVersion           Azure's {@code api-version}; null for OpenAI
 * @param keyEnv               the name of the environment variable holding the key; null for no key
 * @param headers              extra, non-secret request headers
 * @param concurrency          requests in flight at once
 * @param timeout              limit for one attempt, from sending to the last byte
 * @param maxRetries           further attempts after a retryable failure
 * @param stream               server-sent events (timings per chunk) rather than one JSON answer
 * @param continueFinalMessage the server continues a final assistant message (vLLM, {@code tunebench serve}),
 *                             so primed prompts can run
 * @param maxTokensField       {@code max_tokens} or {@code max_completion_tokens}
 * @param where                setting name → where the suite wrote it ({@code suite.yaml:12: models[1].runner.model})
 */
record EndpointSettings(Api api, URI chatUrl, String model, String name, String apiVersion, String keyEnv,
                        Map<String, String> headers, int concurrency, Duration timeout, int maxRetries,
                        boolean stream, boolean continueFinalMessage, String maxTokensField,
                        Map<String, String> where) {
    EndpointSettings {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(chatUrl, "chatUrl");
        Objects.requireNonNull(name, "name");
        headers = Map.copyOf(headers);
        where = Map.copyOf(where);
    }

    /** Where a setting was written, or its bare name when it came from a default. */
    String whereIs(String key) {
        return where.getOrDefault(key, "runner." + key);
    }

    String host() {
        return chatUrl.getPort() < 0 ? chatUrl.getHost() : chatUrl.getHost() + ":" + chatUrl.getPort();
    }
}

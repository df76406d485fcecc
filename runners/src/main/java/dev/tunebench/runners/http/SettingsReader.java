package dev.tunebench.runners.http;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.RunnerOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Parses a served model's {@code runner:} keys into {@link EndpointSettings}, failing with the suite line
 * and the fix. Reads the environment only to check that the key variable is set, never its value.
 */
final class SettingsReader {
    static final int DEFAULT_CONCURRENCY = 4;
    static final int DEFAULT_TIMEOUT_S = 120;
    static final int DEFAULT_MAX_RETRIES = 4;
    private static final List<String> COMMON = List.of("api_key_env", "headers", "concurrency", "timeout_s",
            "max_retries", "stream", "max_tokens_field", "tokenizer", "rpm", "tpm");
    private static final List<String> KEY_HEADERS = List.of("authorization", "api-key");

    private SettingsReader() {
    }

    static List<String> keys(Api api) {
        List<String> keys = new ArrayList<>(api == Api.OPENAI
                ? List.of("base_url", "model", "continue_final_message")
                : List.of("endpoint", "deployment", "api_version"));
        keys.addAll(COMMON);
        return keys;
    }

    static EndpointSettings read(Api api, RunnerOptions o, UnaryOperator<String> env) {
        o.allowOnly(api.id, keys(api).toArray(String[]::new));
        Map<String, String> where = new LinkedHashMap<>();
        for (String k : keys(api)) {
            where.put(k, o.has(k) ? o.where(k) : missingWhere(o, k));
        }
        URI chatUrl;
        String model = null;
        String name;
        String apiVersion = null;
        if (api == Api.OPENAI) {
            String base = required(o, "base_url", "the server's OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1"
                    + " (vLLM), http://127.0.0.1:11434/v1 (Ollama) or https://api.openai.com/v1.");
            model = required(o, "model", "the model name the server knows (GET BASE_URL/models lists them), e.g. gpt-4o-mini.");
            name = model;
            URI b = http(o, "base_url", base);
            if (b.getPath().endsWith("/chat/completions")) {
                throw o.error("base_url", "give the base URL without /chat/completions (tunebench adds it), e.g. "
                        + base.substring(0, base.length() - "/chat/completions".length()) + ".");
            }
            chatUrl = URI.create(strip(base) + "/chat/completions");
        } else {
            String endpoint = required(o, "endpoint", "the resource's endpoint, e.g. https://my-resource.openai.azure.com"
                    + " (Azure portal, Keys and Endpoint).");
            name = required(o, "deployment", "the deployment name (Azure portal, Deployments), not the model name.");
            apiVersion = required(o, "api_version", "a data-plane inference API version, e.g. 2024-10-21.");
            URI e = http(o, "endpoint", endpoint);
            if (e.getPath().contains("/openai/")) {
                throw o.error("endpoint", "give only the resource's endpoint, e.g. " + e.getScheme() + "://" + e.getAuthority()
                        + "; tunebench adds /openai/deployments/{deployment}/chat/completions.");
            }
            chatUrl = URI.create(strip(endpoint) + "/openai/deployments/" + encode(name) + "/chat/completions?api-version="
                    + encode(apiVersion));
        }
        String keyEnv = o.text("api_key_env").orElse(null);
        if (keyEnv == null && api == Api.AZURE) {
            throw o.error("api_key_env", "missing; name the environment variable that holds the Azure key, e.g. "
                    + "api_key_env: AZURE_OPENAI_API_KEY.");
        }
        if (keyEnv != null) {
            if (!keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw o.error("api_key_env", "give the NAME of an environment variable (e.g. OPENAI_API_KEY), never the key itself.");
            }
            String value = env.apply(keyEnv);
            if (value == null || value.isBlank()) {
                throw o.error("api_key_env", "the environment variable " + keyEnv + " is not set. Export it (export "
                        + keyEnv + "=...) before running, or drop api_key_env for a server that needs no key.");
            }
        }
        Map<String, String> headers = o.stringMap("headers");
        for (String h : headers.keySet()) {
            if (KEY_HEADERS.contains(h.toLowerCase(Locale.ROOT))) {
                throw o.error("headers", "'" + h + "' carries the key; keys never go in a suite file. Put the key in an"
                        + " environment variable and name it with api_key_env.");
            }
        }
        String tokensField = o.text("max_tokens_field").orElse("max_tokens");
        if (!tokensField.equals("max_tokens") && !tokensField.equals("max_completion_tokens")) {
            throw o.error("max_tokens_field", "expected max_tokens or max_completion_tokens (newer OpenAI models take"
                    + " only the latter), got \"" + tokensField + "\".");
        }
        return new EndpointSettings(api, chatUrl, model, name, apiVersion, keyEnv, headers,
                o.integer("concurrency", 1, 1024).orElse(DEFAULT_CONCURRENCY),
                Duration.ofSeconds(o.integer("timeout_s", 1, 86_400).orElse(DEFAULT_TIMEOUT_S)),
                o.integer("max_retries", 0, 100).orElse(DEFAULT_MAX_RETRIES),
                o.bool("stream").orElse(true),
                api == Api.OPENAI && o.bool("continue_final_message").orElse(false),
                tokensField, where);
    }

    /** The endpoint's {@code rpm} and {@code tpm} (requests and tokens per minute; absent = no limit here). */
    static RateLimiter limiter(RunnerOptions o) {
        return new RateLimiter(o.integer("rpm", 1, 100_000_000).orElse(0), o.integer("tpm", 1, Integer.MAX_VALUE).orElse(0),
                RateLimiter.SYSTEM);
    }

    private static String required(RunnerOptions o, String key, String hint) {
        if (!o.has(key)) {
            throw new InputException(missingWhere(o, key) + ": missing; " + hint);
        }
        return o.require(key, hint);
    }

    /**
     * Where a missing key belongs: next to a key the same map does have (its line), else just its name.
     * The options' own {@code where} of an absent key has no line to give.
     */
    private static String missingWhere(RunnerOptions o, String key) {
        for (String present : o.keys()) {
            String w = o.where(present);
            if (w.endsWith("." + present)) {
                return w.substring(0, w.length() - present.length()) + key;
            }
        }
        return o.where(key);
    }

    private static URI http(RunnerOptions o, String key, String value) {
        URI u;
        try {
            u = new URI(value);
        } catch (URISyntaxException e) {
            throw o.error(key, "not a URL (" + e.getReason() + "): \"" + value + "\".");
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
            throw o.error(key, "expected an http:// or https:// URL with a host, got \"" + value + "\".");
        }
        if (u.getUserInfo() != null || u.getQuery() != null) {
            throw o.error(key, "no user, password or query in the URL; a key goes in the environment variable named by"
                    + " api_key_env.");
        }
        return u;
    }

    private static String strip(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

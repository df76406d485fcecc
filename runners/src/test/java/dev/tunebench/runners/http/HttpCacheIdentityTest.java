package dev.tunebench.runners.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A served model's cache identity: endpoint, model or deployment and api_version; never the key, nor how requests are sent. */
class HttpCacheIdentityTest {
    private static final URI BASE = URI.create("http://127.0.0.1:9");

    private static String identity(EndpointSettings s) {
        try (HttpRunner r = HttpRunnerTest.runner(s, new ArrayList<>())) {
            return r.cacheIdentity().orElseThrow();
        }
    }

    private static EndpointSettings openai(String url, String model, int concurrency, boolean stream, String keyEnv) {
        return new EndpointSettings(Api.OPENAI, URI.create(url), model, model, null, keyEnv, Map.of(), concurrency,
                Duration.ofSeconds(10), 2, stream, false, "max_tokens", Map.of());
    }

    @Test
    void whatChangesOutputsChangesTheIdentityAndNothingElseDoes() {
        String base = identity(openai(BASE + "/v1/chat/completions", "demo", 1, true, "TB_TEST_KEY"));
        assertEquals(base, identity(openai(BASE + "/v1/chat/completions", "demo", 8, false, "OTHER_KEY")),
                "concurrency, streaming and which key are not outputs");
        assertNotEquals(base, identity(openai(BASE + "/v1/chat/completions", "demo-2", 1, true, "TB_TEST_KEY")));
        assertNotEquals(base, identity(openai("http://127.0.0.1:10/v1/chat/completions", "demo", 1, true, "TB_TEST_KEY")));
        String azure = identity(HttpRunnerTest.azure(BASE));
        assertTrue(azure.contains("2024-10-21") && azure.contains("ft-epoch-4"), azure);
        assertFalse(azure.contains("sk-test"), "never the key");
    }
}

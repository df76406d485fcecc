package dev.tunebench.runners.http;

import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RequestsFailed;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.tunebench.runners.http.StubEndpoint.events;
import static dev.tunebench.runners.http.StubEndpoint.json;
import static dev.tunebench.runners.http.StubEndpoint.reset;
import static dev.tunebench.runners.http.StubEndpoint.streamOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Error paths of the runner against a scripted loopback endpoint; the happy path runs against tunebench serve. */
class HttpRunnerTest {
    private static final String KEY = "sk-test-NOT-A-REAL-KEY-4242";
    private static final Prompt PROMPT = Prompt.of(List.of(Message.user("my parcel is late")));
    private static final GenerationSettings GREEDY = GenerationSettings.greedy(8);

    static EndpointSettings openai(URI base, int concurrency, int retries) {
        return new EndpointSettings(Api.OPENAI, URI.create(base + "/v1/chat/completions"), "demo", "demo", null,
                "TB_TEST_KEY", Map.of("X-Team", "evals"), concurrency, Duration.ofSeconds(10), retries, true, false,
                "max_tokens", Map.of("model", "suite.yaml:9: models[1].runner.model",
                "api_key_env", "suite.yaml:10: models[1].runner.api_key_env"));
    }

    static EndpointSettings azure(URI base) {
        return new EndpointSettings(Api.AZURE,
                URI.create(base + "/openai/deployments/ft-epoch-4/chat/completions?api-version=2024-10-21"), null,
                "ft-epoch-4", "2024-10-21", "TB_TEST_KEY", Map.of(), 2, Duration.ofSeconds(10), 2, true, false,
                "max_tokens", Map.of("deployment", "suite.yaml:14: models[2].runner.deployment"));
    }

    static HttpRunner runner(EndpointSettings s, List<String> log) {
        return new HttpRunner(s, new ChatClient(s, s.keyEnv() == null ? null : KEY, new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), new Random(1)), log::add));
    }

    @Test
    void rateLimitsAreRetriedHonouringRetryAfterMs() throws Exception {
        try (StubEndpoint stub = new StubEndpoint(
                json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}", "retry-after-ms", "3"),
                json(503, "{\"error\":{\"message\":\"overloaded\"}}", "Retry-After", "0"),
                streamOf("demo-served", "{\\\"intent\\\"", ": \\\"refund\\\"}"))) {
            List<String> log = new ArrayList<>();
            try (HttpRunner r = runner(openai(stub.base(), 1, 3), log)) {
                Generation g = r.generate(List.of(PROMPT), GREEDY).get(0);
                assertEquals("{\"intent\": \"refund\"}", g.text());
                assertEquals(11, g.promptTokens());
                assertEquals(2, g.completionTokens());
                assertEquals(2, g.timings().tokenNanos().length, "the role-only chunk is no token");
                assertEquals("demo-served", r.info().details().get("response_model"));
                assertEquals("fp_1", r.info().details().get("system_fingerprint"));
            }
            assertEquals(3, stub.seen.size());
            assertEquals(2, log.size());
            assertTrue(log.get(0).contains("rate limited (429)") && log.get(0).contains("in 3 ms"), log.get(0));
            StubEndpoint.Seen first = stub.seen.get(0);
            assertEquals("/v1/chat/completions", first.path());
            assertEquals(List.of("Bearer " + KEY), first.headers().get("Authorization"));
            assertEquals(List.of("evals"), first.headers().get("X-team"));
            assertTrue(first.body().contains("\"stream_options\":{\"include_usage\":true}"), first.body());
            assertTrue(first.body().contains("\"temperature\":0"), first.body());
        }
    }

    @Test
    void aRequestThatKeepsFailingBecomesAnErrorWhileItsBatchMatesComplete() throws Exception {
        try (StubEndpoint stub = new StubEndpoint(streamOf("m", "ok"), reset())) {
            try (HttpRunner r = runner(openai(stub.base(), 1, 2), new ArrayList<>())) {
                RequestsFailed e = assertThrows(RequestsFailed.class, () -> r.generate(List.of(PROMPT, PROMPT), GREEDY));
                assertEquals("ok", e.generations().get(0).text());
                assertNull(e.errors().get(0));
                assertNull(e.generations().get(1));
                assertTrue(e.errors().get(1).contains("gave up after 3 attempts"), e.errors().get(1));
            }
            assertEquals(4, stub.seen.size());
        }
    }

    @Test
    void malformedEventsAndStreamsWithoutDoneAreRetried() throws Exception {
        try (StubEndpoint stub = new StubEndpoint(
                events("data: {not json", ""),
                events("data: {\"choices\":[{\"delta\":{\"content\":\"half\"}}]}", ""),
                streamOf("m", "whole"))) {
            List<String> log = new ArrayList<>();
            try (HttpRunner r = runner(openai(stub.base(), 1, 2), log)) {
                assertEquals("whole", r.generate(List.of(PROMPT), GREEDY).get(0).text());
            }
            assertTrue(log.get(0).contains("malformed stream event"), log.get(0));
            assertTrue(log.get(1).contains("before data: [DONE]"), log.get(1));
        }
    }

    @Test
    void aRefusedKeyStopsTheModelNamingTheVariableNeverTheKey() throws Exception {
        try (StubEndpoint stub = new StubEndpoint(json(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"))) {
            try (HttpRunner r = runner(openai(stub.base(), 2, 3), new ArrayList<>())) {
                EndpointRejected e = assertThrows(EndpointRejected.class, () -> r.generate(List.of(PROMPT, PROMPT, PROMPT), GREEDY));
                assertTrue(e.getMessage().contains("TB_TEST_KEY") && e.getMessage().contains("suite.yaml:10"), e.getMessage());
                assertFalse(e.getMessage().contains(KEY), e.getMessage());
            }
            assertTrue(stub.seen.size() <= 3, "no retries of a 401");
        }
    }

    @Test
    void anUnknownAzureDeploymentSaysWhatToCheck() throws Exception {
        try (StubEndpoint stub = new StubEndpoint(json(404,
                "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}"))) {
            try (HttpRunner r = runner(azure(stub.base()), new ArrayList<>())) {
                EndpointRejected e = assertThrows(EndpointRejected.class, () -> r.generate(List.of(PROMPT), GREEDY));
                assertTrue(e.getMessage().contains("no deployment 'ft-epoch-4' for api-version 2024-10-21"), e.getMessage());
                assertTrue(e.getMessage().contains("suite.yaml:14: models[2].runner.deployment"), e.getMessage());
                assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
            }
            StubEndpoint.Seen seen = stub.seen.get(0);
            assertEquals("/openai/deployments/ft-epoch-4/chat/completions", seen.path());
            assertEquals("api-version=2024-10-21", seen.query());
            assertEquals(List.of(KEY), seen.headers().get("Api-key"));
            assertNull(seen.headers().get("Authorization"));
            assertFalse(seen.body().contains("\"model\""), seen.body());
        }
    }

    @Test
    void anExhaustedQuotaIsNotRetried() throws Exception {
        try (StubEndpoint stub = new StubEndpoint(json(429,
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"))) {
            try (HttpRunner r = runner(openai(stub.base(), 1, 5), new ArrayList<>())) {
                EndpointRejected e = assertThrows(EndpointRejected.class, () -> r.generate(List.of(PROMPT), GREEDY));
                assertTrue(e.getMessage().contains("quota is exhausted"), e.getMessage());
            }
            assertEquals(1, stub.seen.size());
        }
    }

    @Test
    void nonStreamingReadsTheWholeAnswer() throws Exception {
        String answer = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m-2\",\"system_fingerprint\":\"fp_9\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":8,\"total_tokens\":13}}";
        try (StubEndpoint stub = new StubEndpoint(json(200, answer))) {
            EndpointSettings s = openai(stub.base(), 1, 0);
            EndpointSettings whole = new EndpointSettings(s.api(), s.chatUrl(), s.model(), s.name(), null, null, Map.of(),
                    1, s.timeout(), 0, false, false, "max_completion_tokens", Map.of());
            try (HttpRunner r = runner(whole, new ArrayList<>())) {
                Generation g = r.generate(List.of(PROMPT), GREEDY).get(0);
                assertEquals("hello", g.text());
                assertEquals(8, g.completionTokens());
                assertEquals(dev.tunebench.spi.FinishReason.LENGTH, g.finishReason());
            }
            String body = stub.seen.get(0).body();
            assertTrue(body.contains("\"max_completion_tokens\":8") && !body.contains("\"stream\""), body);
            assertNull(stub.seen.get(0).headers().get("Authorization"), "no key variable, no key header");
        }
    }

    @Test
    void aClosedPortBeforeAnyAnswerIsAWrongAddress() throws Exception {
        URI closed;
        try (StubEndpoint stub = new StubEndpoint(json(200, "{}"))) {
            closed = stub.base();
        }
        try (HttpRunner r = runner(openai(closed, 1, 2), new ArrayList<>())) {
            EndpointRejected e = assertThrows(EndpointRejected.class, () -> r.generate(List.of(PROMPT), GREEDY));
            assertTrue(e.getMessage().contains("cannot connect to http://127.0.0.1:"), e.getMessage());
        }
    }

    @Test
    void primingWithoutContinuationIsUnsupportedAndTooManyStopsAreNamed() {
        EndpointSettings s = openai(URI.create("http://127.0.0.1:9"), 4, 0);
        try (HttpRunner r = runner(s, new ArrayList<>())) {
            assertTrue(r.unsupported(PROMPT.withAssistantPrefix("{\"intent\": \""), GREEDY).orElseThrow()
                    .contains("continue_final_message"));
            assertTrue(r.unsupported(PROMPT.withStopStrings(List.of("a", "b", "c", "d", "e")), GREEDY).orElseThrow()
                    .contains("at most 4 stop strings; this technique gives 5"));
            assertTrue(r.unsupported(PROMPT, GREEDY).isEmpty());
            assertEquals(4, r.minBatchSize());
            assertFalse(r.teacherForcing());
            assertNotNull(r.info().details().get("endpoint_host"));
        }
    }
}

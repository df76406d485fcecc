package dev.tunebench.runners.http;

import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.tunebench.runners.http.StubEndpoint.streamOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against the scripted endpoint: rpm holds back requests (counted per window at the server), and the time to
 * first token waits for the first chunk with content, not the role chunk or a keep-alive before it; reasoning
 * deltas are output kept apart from the answer.
 */
class HttpLimitsTest {
    private static final GenerationSettings GREEDY = GenerationSettings.greedy(8);

    @Test
    void requestsPerMinuteAreRespectedAtTheServer() throws Exception {
        try (StubEndpoint stub = new StubEndpoint(streamOf("demo", "ok"))) {
            // 600 a minute: 10 a second, 10 at once; 40 requests from 4 threads.
            List<Long> arrivals = arrivals(stub, new RateLimiter(600, 0, RateLimiter.SYSTEM), 40);
            // The limiter releases at most the bucket (10) plus one second's refill (10) in any second. A request
            // released before a window can arrive in it only while in flight, and at most 4 are: 24 at the server.
            // Unlimited, all 40 arrive at once.
            int most = mostInOneSecond(arrivals);
            assertTrue(most <= 24, "requests in one second: " + most);
        }
    }

    @Test
    void tokensPerMinuteAreRespectedAtTheServer() throws Exception {
        try (StubEndpoint stub = new StubEndpoint(streamOf("demo", "ok"))) {
            // 4,800 tokens a minute: 80 a second, 80 at once. Each request reserves its prompt (~9 tokens at 4
            // characters a token) and max_tokens (8), and is settled at its usage: 11 + 1 = 12 tokens.
            List<Long> arrivals = arrivals(stub, new RateLimiter(0, 4800, RateLimiter.SYSTEM), 24);
            // 24 * 12 = 288 tokens of usage: the 80 at once, 4 requests (at most 4 * 17 tokens) that may be in flight,
            // and the rest at 80 a second: the last request cannot arrive before 1.75 s. Unlimited, all arrive at once.
            long span = arrivals.get(arrivals.size() - 1) - arrivals.get(0);
            assertTrue(span >= (288 - 80 - 4 * 17) * 1_000_000_000L / 80, "24 requests arrived within " + span / 1_000_000 + " ms");
            // In any one second, at most the bucket, a second's refill and the in-flight reservations: 19 requests.
            int most = mostInOneSecond(arrivals);
            assertTrue(most <= 19, "requests in one second: " + most);
        }
    }

    @Test
    void aRemainingCountOfZeroFromTheServerHoldsTheNextRequestUntilItsReset() throws Exception {
        // The first answer says no requests are left for 1.5 s; the next must not arrive before then.
        try (StubEndpoint stub = new StubEndpoint(withHeaders(streamOf("demo", "ok"), "x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-requests", "1.5s"), streamOf("demo", "ok"))) {
            EndpointSettings s = HttpRunnerTest.openai(stub.base(), 1, 0);
            try (HttpRunner r = HttpRunnerTest.runner(s, new ArrayList<>())) {
                r.generate(List.of(Prompt.of(List.of(Message.user("a")))), GREEDY);
                r.generate(List.of(Prompt.of(List.of(Message.user("b")))), GREEDY);
            }
            long gap = stub.seen.get(1).nanos() - stub.seen.get(0).nanos();
            assertTrue(gap >= 1_400_000_000L, "the second request came " + gap / 1_000_000 + " ms after the first");
        }
    }

    /** Sends {@code n} requests from 4 threads through {@code limiter}; the times they arrived at the stub, sorted. */
    private static List<Long> arrivals(StubEndpoint stub, RateLimiter limiter, int n) {
        EndpointSettings s = HttpRunnerTest.openai(stub.base(), 4, 0);
        ChatClient client = new ChatClient(s, "k", new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), new Random(1)),
                limiter, line -> { });
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            prompts.add(Prompt.of(List.of(Message.user("row " + i))));
        }
        try (HttpRunner r = new HttpRunner(s, client)) {
            assertEquals(n, r.generate(prompts, GREEDY).size());
        }
        List<Long> arrivals = new ArrayList<>(stub.seen.stream().map(StubEndpoint.Seen::nanos).toList());
        Collections.sort(arrivals);
        return arrivals;
    }

    /** The most of these sorted arrival times that fall within one second. */
    private static int mostInOneSecond(List<Long> arrivals) {
        int most = 0;
        for (int lo = 0, hi = 0; hi < arrivals.size(); hi++) {
            while (arrivals.get(hi) - arrivals.get(lo) >= 1_000_000_000L) {
                lo++;
            }
            most = Math.max(most, hi - lo + 1);
        }
        return most;
    }

    private static StubEndpoint.Answer withHeaders(StubEndpoint.Answer answer, String... headers) {
        return ex -> {
            for (int i = 0; i < headers.length; i += 2) {
                ex.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            answer.send(ex);
        };
    }

    @Test
    void timeToFirstTokenIsTheFirstChunkWithContent() throws Exception {
        StubEndpoint.Answer slowStart = ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            write(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
            write(out, ": keep-alive\n\n");
            // The role chunk and the keep-alive are read long before any content exists.
            pause();
            write(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"let me think\"},\"finish_reason\":null}]}\n\n");
            write(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"refund\"},\"finish_reason\":\"stop\"}]}\n\n");
            write(out, "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4}}\n\ndata: [DONE]\n\n");
        };
        try (StubEndpoint stub = new StubEndpoint(slowStart)) {
            EndpointSettings s = HttpRunnerTest.openai(stub.base(), 1, 0);
            try (HttpRunner r = HttpRunnerTest.runner(s, new ArrayList<>())) {
                Generation g = r.generate(List.of(Prompt.of(List.of(Message.user("hi")))), GREEDY).get(0);
                assertTrue(g.timings().tokenNanos()[0] >= stub.seen.get(0).nanos() + 50_000_000L,
                        "the first token is the reasoning chunk after the pause, not the role chunk");
                assertEquals(2, g.timings().tokenNanos().length, "the reasoning chunk and the answer chunk, not the role chunk");
                assertEquals("refund", g.text());
                assertEquals("let me think", g.reasoning());
                assertEquals(4, g.completionTokens(), "the server's usage counts reasoning as output");
            }
        }
    }

    private static void write(OutputStream out, String text) throws java.io.IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

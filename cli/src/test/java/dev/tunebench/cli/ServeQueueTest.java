package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A saturated `tunebench serve` (one request at a time, no queue) refuses with 429 and answers the rest
 * right; SIGTERM lets the request in flight finish.
 */
@Timeout(300)
class ServeQueueTest {
    private static final int CONCURRENT = 8;
    private static final int MAX_ROUNDS = 10;

    @Test
    void fullQueueAnswers429WithRetryAfterAndAdmittedRequestsStayCorrect() throws Exception {
        List<Message> row = ServeCommandTest.rows().get(3);
        Generation expected;
        try (Runner runner = RunnerFactories.find("onnx").open(Cli.demo().resolve("models/base"), new RunnerSettings("cpu", 1, 1))) {
            expected = runner.generate(List.of(Prompt.of(row)), GenerationSettings.greedy(96)).get(0);
        }
        try (ServeProcess server = ServeProcess.start("--model", Cli.demo().resolve("models/base").toString(),
                "--batch-size", "1", "--queue", "0")) {
            int refused = 0;
            int answered = 0;
            // Each round sends CONCURRENT requests at once to a server that admits one: bounded, no sleeps.
            for (int round = 0; round < MAX_ROUNDS && refused == 0; round++) {
                List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
                for (int i = 0; i < CONCURRENT; i++) {
                    sent.add(server.client.sendAsync(server.request("/v1/chat/completions",
                            ServeCommandTest.body("base", row, 96).toString()), HttpResponse.BodyHandlers.ofString()));
                }
                for (CompletableFuture<HttpResponse<String>> f : sent) {
                    HttpResponse<String> r = f.get();
                    if (r.statusCode() == 429) {
                        refused++;
                        ServeCommandTest.assertError(r, 429, "full queue");
                        assertEquals("rate_limit_exceeded", ServeProcess.json(r.body()).get("error").get("code").asText());
                        assertTrue(r.headers().firstValue("Retry-After").isPresent(), "429 carries Retry-After");
                    } else {
                        assertEquals(200, r.statusCode(), r.body());
                        JsonNode message = ServeProcess.json(r.body()).get("choices").get(0).get("message");
                        assertEquals(expected.text(), message.get("content").asText());
                        answered++;
                    }
                }
            }
            assertTrue(refused > 0, "a server that admits one request refuses some of " + CONCURRENT + " concurrent ones");
            assertTrue(answered > 0);
            stopFinishesTheStreamInFlight(server, row);
        }
    }

    /** SIGTERM while a stream is open: it still ends with its finish chunk and [DONE], then the process exits. */
    private static void stopFinishesTheStreamInFlight(ServeProcess server, List<Message> row) throws Exception {
        ObjectNode body = ServeCommandTest.body("base", row, 96);
        body.put("stream", true);
        HttpResponse<Stream<String>> r = server.client.send(server.request("/v1/chat/completions", body.toString()),
                HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = r.body().iterator();
        String first = lines.next();
        assertTrue(first.startsWith("data: {"), first);
        server.process.destroy();
        List<String> rest = new ArrayList<>();
        lines.forEachRemaining(rest::add);
        assertTrue(rest.stream().anyMatch(l -> l.contains("\"finish_reason\":\"")), "the finish chunk was sent: " + rest);
        assertEquals("data: [DONE]", rest.stream().filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse(""));
        assertEquals(143, server.stop(), "SIGTERM stops the server (128 + 15)");
    }
}

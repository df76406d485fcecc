package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Role;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tunebench serve` as a real process on a free loopback port with the demo models, called with the JDK
 * HttpClient: every answer must equal the in-process runner's for the same prompt, streamed or not.
 */
@Timeout(300)
class ServeCommandTest {
    private static final String CHAT = "/v1/chat/completions";
    private static final String MODEL = "ckpt-epoch-4";
    private static final String PRIME = "{\"intent\": \"";
    private static final int MAX_BODY = 65_536;

    private static ServeProcess server;
    private static Runner reference;

    @BeforeAll
    static void start() throws IOException {
        Path models = Cli.demo().resolve("models");
        server = ServeProcess.start("--model", models.resolve(MODEL).toString(),
                "--model", "e1=" + models.resolve("ckpt-epoch-1"), "--batch-size", "4", "--max-body-bytes", String.valueOf(MAX_BODY));
        reference = RunnerFactories.find("onnx").open(models.resolve(MODEL), new RunnerSettings("cpu", 1, 1));
    }

    @AfterAll
    static void stop() throws Exception {
        if (reference != null) {
            reference.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The demo test rows' inputs (the final assistant answer dropped): every 15th of 240 rows. */
    static List<List<Message>> rows() throws IOException {
        List<String> lines = Files.readAllLines(Cli.demo().resolve("data/test.jsonl"));
        List<List<Message>> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 15) {
            List<Message> messages = new ArrayList<>();
            for (JsonNode m : ServeProcess.json(lines.get(i)).get("messages")) {
                messages.add(new Message(Role.fromWireName(m.get("role").asText()), m.get("content").asText(), true));
            }
            out.add(messages.subList(0, messages.size() - 1));
        }
        return out;
    }

    static ObjectNode body(String model, List<Message> messages, int maxTokens) {
        ObjectNode o = ServeProcess.JSON.createObjectNode();
        o.put("model", model);
        ArrayNode array = o.putArray("messages");
        for (Message m : messages) {
            array.addObject().put("role", m.role().wireName()).put("content", m.content());
        }
        o.put("temperature", 0);
        o.put("max_tokens", maxTokens);
        return o;
    }

    /** A streamed answer: its chunks in order, the nanoTime of the first content and of [DONE]. */
    record Streamed(List<JsonNode> chunks, long sentNanos, long firstContentNanos, long doneNanos) {
        String text() {
            return chunks.stream().filter(c -> c.get("choices").size() > 0)
                    .map(c -> c.get("choices").get(0).get("delta").path("content").asText(""))
                    .collect(Collectors.joining());
        }

        JsonNode finishChunk() {
            return chunks.stream().filter(c -> c.get("choices").size() > 0
                    && !c.get("choices").get(0).get("finish_reason").isNull()).findFirst().orElseThrow();
        }

        JsonNode usage() {
            return chunks.get(chunks.size() - 1).get("usage");
        }
    }

    static Streamed stream(ObjectNode body) throws IOException, InterruptedException {
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        long sent = System.nanoTime();
        HttpResponse<Stream<String>> r = server.client.send(server.request(CHAT, body.toString()), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
        List<JsonNode> chunks = new ArrayList<>();
        long first = 0;
        long done = 0;
        for (String line : (Iterable<String>) r.body()::iterator) {
            if (!line.startsWith("data: ")) {
                assertTrue(line.isEmpty(), "only data lines and blank separators: " + line);
                continue;
            }
            String data = line.substring("data: ".length());
            assertEquals(0, done, "nothing after [DONE]");
            if (data.equals("[DONE]")) {
                done = System.nanoTime();
                continue;
            }
            JsonNode chunk = ServeProcess.json(data);
            chunks.add(chunk);
            JsonNode choices = chunk.get("choices");
            if (first == 0 && choices.size() > 0 && !choices.get(0).get("delta").path("content").asText("").isEmpty()) {
                first = System.nanoTime();
            }
        }
        assertTrue(done > 0, "the stream ends with data: [DONE]");
        return new Streamed(chunks, sent, first, done);
    }

    private static void assertSameAsRunner(Generation expected, String text, JsonNode finishReason, JsonNode usage, String where) {
        assertEquals(expected.text(), text, where);
        assertEquals(expected.finishReason() == FinishReason.LENGTH ? "length" : "stop", finishReason.asText(), where);
        assertEquals(expected.promptTokens(), usage.get("prompt_tokens").asInt(), where);
        assertEquals(expected.completionTokens(), usage.get("completion_tokens").asInt(), where);
        assertEquals(expected.promptTokens() + expected.completionTokens(), usage.get("total_tokens").asInt(), where);
    }

    @Test
    void greedyCompletionsEqualTheInProcessRunnerRowForRowStreamedOrNot() throws Exception {
        List<List<Message>> rows = rows();
        List<Generation> expected = reference.generate(rows.stream().map(Prompt::of).toList(), GenerationSettings.greedy(32));
        // Sent all at once, so the server batches them (batch size 4) with whatever else arrives.
        List<CompletableFuture<HttpResponse<String>>> whole = new ArrayList<>();
        for (List<Message> row : rows) {
            whole.add(server.client.sendAsync(server.request(CHAT, body(MODEL, row, 32).toString()), HttpResponse.BodyHandlers.ofString()));
        }
        List<CompletableFuture<Streamed>> streamed = new ArrayList<>();
        for (List<Message> row : rows) {
            streamed.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return stream(body(MODEL, row, 32));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (int i = 0; i < rows.size(); i++) {
            HttpResponse<String> r = whole.get(i).get();
            assertEquals(200, r.statusCode(), r.body());
            JsonNode o = ServeProcess.json(r.body());
            assertEquals("chat.completion", o.get("object").asText());
            assertEquals(MODEL, o.get("model").asText());
            assertTrue(o.get("id").asText().startsWith("chatcmpl-"), r.body());
            assertTrue(o.get("system_fingerprint").asText().startsWith("fp_"), r.body());
            JsonNode choice = o.get("choices").get(0);
            assertEquals("assistant", choice.get("message").get("role").asText());
            assertSameAsRunner(expected.get(i), choice.get("message").get("content").asText(), choice.get("finish_reason"),
                    o.get("usage"), "row " + i + " (not streamed)");
            Streamed s = streamed.get(i).get();
            assertSameAsRunner(expected.get(i), s.text(), s.finishChunk().get("choices").get(0).get("finish_reason"), s.usage(),
                    "row " + i + " (streamed)");
        }
    }

    @Test
    void streamsTokenByTokenInTheOpenAiChunkShape() throws Exception {
        Streamed s = stream(body(MODEL, rows().get(0), 32));
        List<JsonNode> chunks = s.chunks();
        JsonNode first = chunks.get(0).get("choices").get(0);
        assertEquals("assistant", first.get("delta").get("role").asText());
        assertEquals("", first.get("delta").get("content").asText());
        assertTrue(first.get("finish_reason").isNull());
        long contentChunks = chunks.stream().filter(c -> c.get("choices").size() > 0
                && !c.get("choices").get(0).get("delta").path("content").asText("").isEmpty()).count();
        assertTrue(contentChunks > 1, "one chunk per decoded piece, not the whole text at the end: " + chunks);
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertEquals("stop", finish.get("choices").get(0).get("finish_reason").asText());
        assertTrue(finish.get("choices").get(0).get("delta").isEmpty(), "the finish chunk has an empty delta");
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertTrue(usage.get("choices").isEmpty(), "the usage chunk has no choices");
        assertTrue(usage.get("usage").get("completion_tokens").asInt() > 1);
        for (JsonNode c : chunks) {
            assertEquals("chat.completion.chunk", c.get("object").asText());
            assertEquals(chunks.get(0).get("id"), c.get("id"));
            assertEquals(chunks.get(0).get("created"), c.get("created"));
            assertTrue(c.has("usage"), "with include_usage every chunk has a usage field");
        }
        assertTrue(s.firstContentNanos() > s.sentNanos() && s.firstContentNanos() < s.doneNanos(),
                "time to first token is before the end of the stream");
    }

    @Test
    void continueFinalMessageEqualsTheRunnerWithThePrefixAndStopsCut() throws Exception {
        List<List<Message>> rows = rows().subList(0, 6);
        List<String> stops = List.of("\"}");
        List<Generation> expected = reference.generate(rows.stream().map(r -> new Prompt(r, PRIME, stops)).toList(),
                GenerationSettings.greedy(32));
        for (int i = 0; i < rows.size(); i++) {
            List<Message> primed = new ArrayList<>(rows.get(i));
            primed.add(Message.assistant(PRIME));
            ObjectNode body = body(MODEL, primed, 32);
            body.put("continue_final_message", true);
            body.put("add_generation_prompt", false);
            body.putArray("stop").add(stops.get(0));
            HttpResponse<String> r = server.post(CHAT, body.toString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode choice = ServeProcess.json(r.body()).get("choices").get(0);
            String text = choice.get("message").get("content").asText();
            assertFalse(text.contains("\"}") || text.startsWith(PRIME), "neither the stop nor the prefix is returned: " + text);
            assertSameAsRunner(expected.get(i), text, choice.get("finish_reason"), ServeProcess.json(r.body()).get("usage"),
                    "primed row " + i);
            Streamed s = stream(body);
            assertSameAsRunner(expected.get(i), s.text(), s.finishChunk().get("choices").get(0).get("finish_reason"), s.usage(),
                    "primed row " + i + " (streamed)");
        }
        assertEquals(FinishReason.STOP_STRING, expected.get(0).finishReason(), "the stop string is what ended row 0");
    }

    @Test
    void maxTokensEndsWithLength() throws Exception {
        List<Message> row = rows().get(1);
        Generation expected = reference.generate(List.of(Prompt.of(row)), GenerationSettings.greedy(2)).get(0);
        ObjectNode body = body(MODEL, row, 2);
        body.remove("max_tokens");
        body.put("max_completion_tokens", 2);
        HttpResponse<String> r = server.post(CHAT, body.toString());
        JsonNode o = ServeProcess.json(r.body());
        assertEquals("length", o.get("choices").get(0).get("finish_reason").asText(), r.body());
        assertSameAsRunner(expected, o.get("choices").get(0).get("message").get("content").asText(),
                o.get("choices").get(0).get("finish_reason"), o.get("usage"), "max_completion_tokens 2");
    }

    @Test
    void listsModelsUnderFolderNameOrGivenIdAndAnswersHealth() throws Exception {
        JsonNode list = ServeProcess.json(server.get("/v1/models").body());
        assertEquals("list", list.get("object").asText());
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(m -> ids.add(m.get("id").asText()));
        assertEquals(List.of(MODEL, "e1"), ids);
        assertEquals("model", list.get("data").get(0).get("object").asText());
        assertEquals("e1", ServeProcess.json(server.get("/v1/models/e1").body()).get("id").asText());
        assertEquals(200, server.get("/health").statusCode());
        HttpResponse<String> e1 = server.post(CHAT, body("e1", rows().get(0), 8).toString());
        assertEquals(200, e1.statusCode(), e1.body());
        assertEquals("e1", ServeProcess.json(e1.body()).get("model").asText());
    }

    @Test
    void refusalsAreOpenAiErrorObjectsWithoutStackTraces() throws Exception {
        List<Message> row = rows().get(0);
        ObjectNode hot = body(MODEL, row, 8).put("temperature", "hot");
        ObjectNode fiveStops = body(MODEL, row, 8);
        fiveStops.putArray("stop").add("a").add("b").add("c").add("d").add("e");
        ObjectNode twoChoices = body(MODEL, row, 8).put("n", 2);
        ObjectNode noMessages = body(MODEL, row, 8);
        noMessages.remove("messages");
        ObjectNode tooLong = body(MODEL, List.of(Message.user("refund please ".repeat(400))), 8);
        Map<String, Object[]> cases = Map.of(
                "{\"model\": ", new Object[]{400, null},
                hot.toString(), new Object[]{400, "temperature"},
                fiveStops.toString(), new Object[]{400, "stop"},
                twoChoices.toString(), new Object[]{400, "n"},
                noMessages.toString(), new Object[]{400, "messages"},
                tooLong.toString(), new Object[]{400, "messages"},
                body("no-such-model", row, 8).toString(), new Object[]{404, "model"},
                "{\"model\": \"" + MODEL + "\", \"pad\": \"" + "x".repeat(MAX_BODY) + "\"}", new Object[]{413, null});
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            HttpResponse<String> r = server.post(CHAT, c.getKey());
            String where = c.getKey().substring(0, Math.min(80, c.getKey().length()));
            assertError(r, (Integer) c.getValue()[0], where);
            assertEquals(c.getValue()[1], ServeProcess.json(r.body()).get("error").get("param").textValue(), where);
        }
        assertEquals("model_not_found", ServeProcess.json(server.post(CHAT, body("no-such-model", row, 8).toString()).body())
                .get("error").get("code").asText());
        assertError(server.get(CHAT), 405, "GET " + CHAT);
        assertError(server.post("/v1/completions", "{}"), 404, "unknown path");
    }

    @Test
    void badFoldersIdsAndFlagsAreInputErrorsBeforeListening(@TempDir Path tmp) {
        Cli missing = Cli.run("serve", "--port", "0", "--model", tmp.resolve("nope").toString());
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("nope"), missing.err());
        assertFalse(missing.err().contains("\tat "), missing.err());
        String model = Cli.demo().resolve("models").resolve(MODEL).toString();
        Cli twice = Cli.run("serve", "--port", "0", "--model", model, "--model", model);
        assertEquals(2, twice.exitCode(), twice.err());
        assertTrue(twice.err().contains("--model ID=DIR"), twice.err());
        Cli queue = Cli.run("serve", "--port", "0", "--model", model, "--queue", "-1");
        assertEquals(2, queue.exitCode(), queue.err());
        assertTrue(queue.err().contains("--queue"), queue.err());
    }

    static void assertError(HttpResponse<String> r, int status, String where) throws IOException {
        assertEquals(status, r.statusCode(), where + ": " + r.body());
        JsonNode error = ServeProcess.json(r.body()).get("error");
        assertNotNull(error, where + ": " + r.body());
        for (String field : List.of("message", "type", "param", "code")) {
            assertTrue(error.has(field), where + ": no '" + field + "' in " + r.body());
        }
        assertFalse(r.body().contains("\tat ") || r.body().contains("Exception"), where + ": " + r.body());
    }
}

package dev.tunebench.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.tunebench.spi.Generation;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * {@code POST /v1/chat/completions}: parse, admit to the model's worker (429 with Retry-After when its
 * queue is full), then answer with one JSON object or, with {@code stream: true}, server-sent events
 * written as the worker decodes: the role chunk when the first token is ready, content chunks, the
 * finish chunk, the usage chunk when asked, then {@code data: [DONE]}. Headers go out with the first
 * event, so a request that fails before decoding (a prompt too long) still gets a proper status.
 */
final class ChatHandler implements HttpHandler {
    static final String PATH = "/v1/chat/completions";

    private final Map<String, ServedModel> models;
    private final long maxBodyBytes;

    ChatHandler(Map<String, ServedModel> models, long maxBodyBytes) {
        this.models = models;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                answer(ex);
            } catch (ApiError e) {
                Exchanges.sendError(ex, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                System.err.println("tunebench serve: internal error: " + e);
                Exchanges.sendError(ex, new ApiError(500, "server_error", null, null, "Internal error: " + e.getMessage()));
            }
        }
    }

    private void answer(HttpExchange ex) throws IOException, InterruptedException {
        if (!PATH.equals(ex.getRequestURI().getPath())) {
            throw Exchanges.unknownPath(ex);
        }
        if (!"POST".equals(ex.getRequestMethod())) {
            throw Exchanges.wrongMethod(ex, "POST");
        }
        JsonNode body = Exchanges.readJsonObject(ex, maxBodyBytes);
        ServedModel model = models.get(ChatRequestParser.model(body));
        if (model == null) {
            throw ApiError.unknownModel(ChatRequestParser.model(body));
        }
        ChatRequest request = ChatRequestParser.parse(body, model.defaultMaxTokens());
        Job job = new Job(request);
        if (!model.worker().offer(job)) {
            throw new ApiError(429, "requests", null, "rate_limit_exceeded", "The server's queue for model `" + model.id()
                    + "` is full. Retry after the Retry-After header's seconds (tunebench serve --queue sets its size).");
        }
        CompletionJson json = new CompletionJson(model, request.includeUsage());
        if (request.stream()) {
            stream(ex, job, json);
        } else {
            whole(ex, job, json);
        }
    }

    private static void whole(HttpExchange ex, Job job, CompletionJson json) throws IOException, InterruptedException {
        while (true) {
            Job.Event e = job.next();
            if (e instanceof Job.Done done) {
                Exchanges.sendJson(ex, 200, json.completion(done.generation()));
                return;
            }
            if (e instanceof Job.Failed failed) {
                throw failed.error();
            }
        }
    }

    private static void stream(HttpExchange ex, Job job, CompletionJson json) throws IOException, InterruptedException {
        Job.Event e = job.next();
        if (e instanceof Job.Failed failed) {
            throw failed.error();
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            send(out, json.roleChunk());
            for (; ; e = job.next()) {
                if (e instanceof Job.Text text) {
                    send(out, json.textChunk(text.delta()));
                } else if (e instanceof Job.Done done) {
                    Generation g = done.generation();
                    send(out, json.finishChunk(g.finishReason()));
                    if (json.includeUsage()) {
                        send(out, json.usageChunk(g));
                    }
                    break;
                } else if (e instanceof Job.Failed failed) {
                    // Mid-stream the status is already 200: the error travels as an event, as OpenAI's does.
                    // No [DONE] after it, so a client cannot mistake the stream for complete.
                    send(out, failed.error().toJson());
                    return;
                }
            }
            Exchanges.sendEvent(out, "[DONE]");
        }
    }

    private static void send(OutputStream out, JsonNode chunk) throws IOException {
        Exchanges.sendEvent(out, Exchanges.MAPPER.writeValueAsString(chunk));
    }
}
